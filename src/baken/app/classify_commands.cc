// `baken classify train|eval|suggest|correct`: the text classifier that suggests a melding's
// category (src/baken/classify, docs/adr/0005-text-classifier.md).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "baken/app/command.h"
#include "baken/base/clock.h"
#include "baken/base/tenant.h"
#include "baken/classify/classifier.h"
#include "baken/classify/evaluate.h"
#include "baken/classify/example.h"
#include "baken/classify/suggester.h"
#include "baken/classify/training_examples.h"

namespace baken::app {

namespace {

struct Flags {
  std::string data = "data/classify/starter.tsv";
  std::string model = "var/classify.bin";
  std::string categories = "data/categories/groningen.json";
  std::string db_url;          // train: empty means only the starter file
  std::string correct_db_url;  // correct: always a database (defaults from BAKEN_DB / config)
  std::string tenant = kDefaultTenant;
  int epochs = classify::TrainOptions{}.epochs;
  int seed = classify::TrainOptions{}.seed;
  double holdout = 0.2;
  double sub_threshold = classify::SuggestOptions{}.sub_threshold;
  double main_threshold = classify::SuggestOptions{}.main_threshold;
  std::string category;
  std::string melding;
  std::vector<std::string> text;
};

classify::TrainOptions OptionsFrom(const Flags& f) {
  classify::TrainOptions o;
  o.epochs = f.epochs;
  o.seed = f.seed;
  return o;
}

std::string Join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

// Every example's code must be a subcategory of the taxonomy: a typo would otherwise become a
// label of its own that no melding can ever get.
Status CheckCodes(const std::vector<classify::Example>& examples,
                  const classify::CategoryMap& categories, const std::string& source) {
  for (const auto& e : examples) {
    if (!categories.contains(e.label)) {
      return InvalidArgumentError(
          source + ": de categorie '" + e.label + "' staat niet in het categoriebestand",
          "categorie");
    }
  }
  return Status::Ok();
}

int RunTrain(const Flags& f) {
  auto categories = classify::ReadCategoryMap(f.categories);
  if (!categories.ok()) return Report(categories.status());
  auto examples = classify::ReadExamplesFile(f.data);
  if (!examples.ok()) return Report(examples.status());
  if (int rc = Report(CheckCodes(*examples, *categories, f.data)); rc != 0) return rc;
  const size_t from_file = examples->size();
  size_t from_db = 0;
  if (!f.db_url.empty()) {
    auto db = OpenMigratedOrReport(f.db_url);
    if (db == nullptr) return 1;
    classify::TrainingExamples repo(*db, SystemClock::Instance());
    auto stored = repo.All(f.tenant);
    if (!stored.ok()) return Report(stored.status());
    for (const auto& s : *stored) {
      if (!categories->contains(s.example.label)) continue;  // a category that was retired
      examples->push_back(s.example);
      ++from_db;
    }
  }
  auto classifier = classify::Classifier::Train(*examples, OptionsFrom(f));
  if (!classifier.ok()) return Report(classifier.status());
  if (int rc = Report(classifier->Save(f.model)); rc != 0) return rc;
  std::printf(
      "Model getraind op %zu voorbeelden (%zu uit %s, %zu uit de database) en opgeslagen "
      "in %s.\n",
      examples->size(), from_file, f.data.c_str(), from_db, f.model.c_str());
  return 0;
}

int RunEval(const Flags& f) {
  auto examples = classify::ReadExamplesFile(f.data);
  if (!examples.ok()) return Report(examples.status());
  auto ev = classify::Evaluate(*examples, f.holdout, static_cast<uint64_t>(f.seed), OptionsFrom(f));
  if (!ev.ok()) return Report(ev.status());
  std::printf("Getraind op %d voorbeelden, getoetst op %d (%.0f %%, seed %d).\n", ev->train_size,
              ev->held_out_size, f.holdout * 100, f.seed);
  std::printf("Nauwkeurigheid: %.3f\nMacro-F1: %.3f\n\n", ev->accuracy, ev->macro_f1);
  std::printf("%-24s %9s %9s %9s %8s\n", "categorie", "precisie", "recall", "F1", "aantal");
  for (const auto& s : ev->per_label) {
    std::printf("%-24s %9.3f %9.3f %9.3f %8d\n", s.label.c_str(), s.precision, s.recall, s.f1,
                s.support);
  }
  return 0;
}

int RunSuggest(const Flags& f) {
  const std::string text = Join(f.text);
  auto categories = classify::ReadCategoryMap(f.categories);
  if (!categories.ok()) return Report(categories.status());
  auto classifier = classify::Classifier::Load(f.model);
  if (!classifier.ok()) return Report(classifier.status());
  auto suggester =
      classify::Suggester::Create(*classifier, *categories, {f.sub_threshold, f.main_threshold});
  if (!suggester.ok()) return Report(suggester.status());
  const classify::Suggestion s = suggester->Suggest(text);
  switch (s.level) {
    case classify::SuggestionLevel::kSub:
      std::printf("Suggestie: %s (hoofdcategorie %s), zekerheid %.2f\n", s.category_code.c_str(),
                  s.main_code.c_str(), s.confidence);
      break;
    case classify::SuggestionLevel::kMain:
      std::printf("Suggestie: hoofdcategorie %s, zekerheid %.2f (geen subcategorie zeker genoeg)\n",
                  s.main_code.c_str(), s.confidence);
      break;
    case classify::SuggestionLevel::kNone:
      std::printf("Geen suggestie: geen categorie is zeker genoeg (hoogste %.2f)\n", s.confidence);
      break;
  }
  std::printf("niveau=%s categorie=%s hoofdcategorie=%s zekerheid=%.4f\n",
              std::string(classify::SuggestionLevelName(s.level)).c_str(), s.category_code.c_str(),
              s.main_code.c_str(), s.confidence);
  return 0;
}

int RunCorrect(const Flags& f) {
  auto categories = classify::ReadCategoryMap(f.categories);
  if (!categories.ok()) return Report(categories.status());
  if (!categories->contains(f.category)) {
    return Report(InvalidArgumentError(
        "de categorie '" + f.category + "' staat niet in het categoriebestand", "categorie"));
  }
  auto db = OpenMigratedOrReport(f.correct_db_url);
  if (db == nullptr) return 1;
  classify::TrainingExamples repo(*db, SystemClock::Instance());
  std::optional<std::string_view> melding;
  if (!f.melding.empty()) melding = f.melding;
  auto id = repo.AddCorrection(f.tenant, Join(f.text), f.category, melding);
  if (!id.ok()) return Report(id.status());
  std::printf("Correctie %lld opgeslagen voor %s: %s.\n", static_cast<long long>(*id),
              f.tenant.c_str(), f.category.c_str());
  return 0;
}

}  // namespace

void AddClassifyCommands(CLI::App& app, CommandContext& context) {
  auto f = std::make_shared<Flags>();
  CLI::App* classify =
      app.add_subcommand("classify", "Tekstclassificatie: suggereer de categorie van een melding");
  classify->require_subcommand(1);
  auto add_categories = [&](CLI::App* c) {
    c->add_option("--categories", f->categories, "Categoriebestand (JSON)")->capture_default_str();
  };
  auto add_training = [&](CLI::App* c) {
    c->add_option("--data", f->data, "Voorbeelden: categoriecode<TAB>tekst per regel")
        ->capture_default_str();
    c->add_option("--epochs", f->epochs, "Aantal trainingsrondes")->capture_default_str();
    c->add_option("--seed", f->seed, "Seed (zelfde seed en data: zelfde model)")
        ->capture_default_str();
  };

  CLI::App* train = classify->add_subcommand("train", "Train het model en sla het op");
  add_training(train);
  add_categories(train);
  train->add_option("--model", f->model, "Bestand voor het model")->capture_default_str();
  train->add_option("--db", f->db_url,
                    "Database: neem ook de opgeslagen correcties van de gemeente mee");
  train->add_option("--tenant", f->tenant, "Gemeente (CBS-code)")->capture_default_str();
  train->callback([f, &context] { context.exit_code = RunTrain(*f); });

  CLI::App* eval = classify->add_subcommand(
      "eval", "Toets het model: train op een deel, meet op de rest (gelaagd per categorie)");
  add_training(eval);
  eval->add_option("--holdout", f->holdout, "Deel voor de toets (0-1)")->capture_default_str();
  eval->callback([f, &context] { context.exit_code = RunEval(*f); });

  CLI::App* suggest = classify->add_subcommand("suggest", "Suggereer een categorie voor een tekst");
  add_categories(suggest);
  suggest->add_option("--model", f->model, "Het getrainde model")->capture_default_str();
  suggest->add_option("--drempel-sub", f->sub_threshold, "Minimale zekerheid voor een subcategorie")
      ->capture_default_str();
  suggest
      ->add_option("--drempel-hoofd", f->main_threshold,
                   "Minimale zekerheid voor alleen een hoofdcategorie")
      ->capture_default_str();
  suggest->add_option("text", f->text, "De tekst van de melding")->required();
  suggest->callback([f, &context] { context.exit_code = RunSuggest(*f); });

  CLI::App* correct = classify->add_subcommand(
      "correct", "Leg een correctie vast (tekst en juiste categorie) om later van te leren");
  add_categories(correct);
  AddDatabaseOption(*correct, f->correct_db_url);
  correct->add_option("--tenant", f->tenant, "Gemeente (CBS-code)")->capture_default_str();
  correct->add_option("--category", f->category, "De juiste subcategorie")->required();
  correct->add_option("--melding", f->melding, "Nummer van de melding");
  correct->add_option("text", f->text, "De tekst van de melding")->required();
  correct->callback([f, &context] { context.exit_code = RunCorrect(*f); });
}

}  // namespace baken::app
