// The workflow of a melding: its states and the one table of allowed transitions.
//
// State codes are stable (database, API, audit log); Dutch names are for people. A transition
// says whether a text for the reporter is required (the reporter reads it in an e-mail and on the
// follow page) and whether it closes or reopens the melding. Nothing else in the code decides
// whether a status change is allowed: CheckTransition() is the rule.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken::signals {

enum class State {
  kGemeld,            // received, not yet looked at
  kInAfwachting,      // waiting (for capacity, for the season, for another party)
  kInBehandeling,     // being handled
  kIngepland,         // planned (a visit, a repair)
  kDoorgezet,         // forwarded to an external party (politie, woningcorporatie, ...)
  kReactieGevraagd,   // a question to the reporter is open
  kReactieOntvangen,  // the reporter answered
  kAfgehandeld,       // closed, handled
  kGeannuleerd,       // cancelled (nonsense, withdrawn, not for the municipality)
  kHeropend,          // reopened after closing (e.g. an unhappy KTO answer)
  kGesplitst,         // split into deelmeldingen; lives on in its parts
  kSamengevoegd,      // merged into another melding as a duplicate
};

inline constexpr std::array kAllStates = {
    State::kGemeld,      State::kInAfwachting,    State::kInBehandeling,    State::kIngepland,
    State::kDoorgezet,   State::kReactieGevraagd, State::kReactieOntvangen, State::kAfgehandeld,
    State::kGeannuleerd, State::kHeropend,        State::kGesplitst,        State::kSamengevoegd};

std::string_view StateCode(State s);  // "in_behandeling"
std::string_view StateName(State s);  // "In behandeling"
StatusOr<State> ParseState(std::string_view code, std::string_view field = "status");

// Closed states: no deadline runs, the melding no longer counts as open.
bool IsClosed(State s);

struct Transition {
  State from;
  State to;
  bool reporter_text_required;  // a message to the reporter must be given
};

// The whole table, for documentation and the UI (which buttons to show).
const std::vector<Transition>& Transitions();
std::vector<State> AllowedNext(State from);

// Ok, or kFailedPrecondition "Van 'Afgehandeld' kan een melding niet naar 'Ingepland'." (field
// "status"), or kInvalidArgument naming "tekst_melder" when the reporter text is required and
// empty. Split and merge have their own operations and are refused here.
Status CheckTransition(State from, State to, std::string_view reporter_text);

}  // namespace baken::signals
