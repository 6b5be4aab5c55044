// Dutch texts of the demo year: what a reporter writes per category, what staff write back when
// a melding moves on, and fake reporters (example.nl addresses only). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "baken/demo/internal/random.h"
#include "baken/signals/workflow.h"

namespace baken::demo::internal {

struct TextContext {
  std::string where;  // "in de Folkingestraat", "op de Grote Markt", "in Selwerd"
  std::string buurt;  // buurt name
  int local_hour = 12;
  bool fireworks = false;  // around New Year's Eve
  bool recurring = false;  // at a hot spot: "alweer", "al weken"
};

// "in de Peperstraat", "aan de Hereweg", "op de Vismarkt", "op het Zernikeplein".
std::string StreetPhrase(std::string_view street);

// A short report text for a sub category code (a generic one for codes the demo does not know).
std::string ReportText(std::string_view category, const TextContext& context, Random& random);

// The reporter text for a step into `to`, for a melding of main category `main`.
std::string StepText(signals::State to, std::string_view main, std::string_view department,
                     Random& random);

struct FakeReporter {
  std::string name;
  std::string email;  // always @example.nl
};
FakeReporter MakeReporter(Random& random);

}  // namespace baken::demo::internal
