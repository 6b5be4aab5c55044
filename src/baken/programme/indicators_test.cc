#include "baken/programme/indicators.h"

#include <gtest/gtest.h>

#include "baken/programme/testing/programme_test_env.h"
#include "baken/programme/tree.h"

namespace baken::programme {
namespace {

using namespace std::chrono;

class IndicatorsTest : public testing::ProgrammeStoreTest {
 protected:
  void SetUp() override {
    ProgrammeStoreTest::SetUp();
    if (HasFatalFailure()) return;
    Programme p;
    p.code = "proef";
    p.name = "Proefprogramma";
    p.start_year = 2024;
    p.end_year = 2026;
    p.owner = "gemeente Groningen";
    p.ambitions = {{"signaleren", "Goed signaleren en melden", "", true, {}}};
    ActionLine overlast;
    overlast.code = "overlast";
    overlast.name = "Overlast in de openbare ruimte";
    p.action_lines = {overlast};
    auto computed = [](std::string code, std::string query, std::string unit) {
      Indicator i;
      i.code = std::move(code);
      i.name = i.code;
      i.definition = "proef";
      i.unit = std::move(unit);
      i.source = ValueSource::kComputed;
      i.query = std::move(query);
      return i;
    };
    Indicator per_wijk = computed("per-wijk", "meldingen_per_categorie_per_wijk", "aantal");
    per_wijk.action_line = "overlast";
    per_wijk.targets = {Target{{2025, 0}, 20}};
    Indicator termijn = computed("termijn", "aandeel_binnen_termijn", "%");
    Indicator signalen = computed("signalen", "signalen_mensenhandel", "aantal");
    signalen.ambition = "signaleren";
    signalen.about_persons = true;
    Indicator manual;
    manual.code = "voorlichtingen";
    manual.name = "Gegeven voorlichtingen";
    manual.definition = "Aantal voorlichtingsbijeenkomsten";
    manual.unit = "aantal";
    indicators_ = {per_wijk, termijn, signalen, manual};
    ProgrammeRepository repo(*db_, clock_);
    Status s = repo.Create("GM0014", p, indicators_, who_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // The hand-counted fixture (Amsterdam times); the expected numbers are in the tests.
  void AddFixture() {
    // 2025-Q1
    AddMelding({"hondenpoep", "afval", "WK001401", "2025-01-10 09:00:00", "afgehandeld",
                "2025-01-20 17:00:00", "2025-01-15 12:00:00"});  // in time
    AddMelding({"hondenpoep", "afval", "WK001401", "2025-02-01 10:00:00", "afgehandeld",
                "2025-02-10 17:00:00", "2025-02-12 09:00:00"});  // late
    AddMelding({"hondenpoep", "afval", "WK001402", "2025-03-31 23:30:00", "afgehandeld",
                "2025-04-10 17:00:00", "2025-04-10 08:00:00"});  // in time, still Q1
    AddMelding({"jeugdoverlast", "overlast", "WK001401", "2025-03-15 22:00:00", "samengevoegd"});
    // 2025-Q2
    AddMelding({"jeugdoverlast", "overlast", "WK001402", "2025-04-01 00:10:00", "geannuleerd",
                "2025-04-15 17:00:00", "2025-04-05 10:00:00"});  // cancelled: no share
    AddMelding({"signaal-mensenhandel", "mensenhandel", "WK001403", "2025-05-05 14:00:00"});
    AddMelding(
        {"signaal-mensenhandel", "mensenhandel", "WK001403", "2025-06-06 14:00:00", "gesplitst"});
    // 2025-Q4, and just outside 2025
    AddMelding({"signaal-mensenhandel", "mensenhandel", "WK001401", "2025-12-31 23:59:00"});
    AddMelding({"hondenpoep", "afval", "WK001401", "2026-01-01 00:00:30"});
    AddMelding({"hondenpoep", "afval", "WK001401", "2024-12-31 23:59:00", "afgehandeld",
                "2025-01-02 17:00:00", "2025-01-03 09:00:00"});  // closed late in 2025
    // Another municipality.
    MeldingRow other{"hondenpoep", "afval", "WK036301", "2025-02-02 10:00:00"};
    other.tenant = "GM0363";
    AddMelding(other);
  }

  static const IndicatorValue* ForPeriod(const std::vector<IndicatorValue>& values, Period p) {
    for (const IndicatorValue& v : values) {
      if (v.period == p) return &v;
    }
    return nullptr;
  }

  ChangeContext who_{"u-analist", "analist", ""};
  std::vector<Indicator> indicators_;
};

TEST_F(IndicatorsTest, MeldingenPerCategoriePerWijkPerQuarter) {
  ASSERT_NO_FATAL_FAILURE(AddFixture());
  IndicatorStore store(*db_, clock_);
  StatusOr<std::vector<IndicatorValue>> values =
      store.Compute("GM0014", "per-wijk", {2025, 0}, "t");
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  ASSERT_EQ(values->size(), 4u);  // one snapshot per quarter
  const IndicatorValue& q1 = (*values)[0];
  EXPECT_EQ(q1.period, (Period{2025, 1}));
  EXPECT_EQ(q1.value, std::optional<double>(3));
  ASSERT_EQ(q1.cells.size(), 2u);
  EXPECT_EQ(q1.cells[0].key1, "hondenpoep");
  EXPECT_EQ(q1.cells[0].key2, "WK001401");
  EXPECT_EQ(q1.cells[0].value, 2);
  EXPECT_EQ(q1.cells[1].key2, "WK001402");
  EXPECT_EQ(q1.cells[1].value, 1);
  const IndicatorValue& q2 = (*values)[1];
  EXPECT_EQ(q2.value, std::optional<double>(2));  // jeugdoverlast WK001402, one trafficking signal
  EXPECT_EQ((*values)[2].value, std::optional<double>(0));
  EXPECT_TRUE((*values)[2].cells.empty());
  EXPECT_EQ((*values)[3].value, std::optional<double>(1));
  EXPECT_EQ((*values)[3].cells.at(0).key1, "signaal-mensenhandel");

  // One quarter on its own.
  StatusOr<std::vector<IndicatorValue>> q = store.Compute("GM0014", "per-wijk", {2025, 1}, "t");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ(q->at(0).value, std::optional<double>(3));
}

TEST_F(IndicatorsTest, AandeelBinnenTermijnAndSignalenMensenhandel) {
  ASSERT_NO_FATAL_FAILURE(AddFixture());
  IndicatorStore store(*db_, clock_);
  StatusOr<std::vector<IndicatorValue>> share = store.Compute("GM0014", "termijn", {2025, 0}, "t");
  ASSERT_TRUE(share.ok()) << share.status().ToString();
  ASSERT_EQ(share->size(), 1u);
  // Handled (afgehandeld) in 2025: four meldingen, two of them by their deadline.
  EXPECT_EQ(share->at(0).value, std::optional<double>(50));
  ASSERT_EQ(share->at(0).cells.size(), 2u);
  EXPECT_EQ(share->at(0).cells[0].value, 2);
  EXPECT_EQ(share->at(0).cells[1].value, 4);
  // Nothing handled in 2023: no value rather than 0 %.
  StatusOr<std::vector<IndicatorValue>> none = store.Compute("GM0014", "termijn", {2023, 0}, "t");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->at(0).value.has_value());

  StatusOr<std::vector<IndicatorValue>> signals =
      store.Compute("GM0014", "signalen", {2025, 0}, "t");
  ASSERT_TRUE(signals.ok()) << signals.status().ToString();
  ASSERT_EQ(signals->size(), 1u);
  EXPECT_EQ(signals->at(0).value, std::optional<double>(2));  // the split one lives in its parts
  StatusOr<Indicator> ind = store.Get("GM0014", "signalen");
  ASSERT_TRUE(ind.ok());
  EXPECT_TRUE(ind->about_persons);
  EXPECT_EQ(DisplayValue(*ind, *signals->at(0).value, Suppression{true, 5}), "< 5");
  EXPECT_EQ(DisplayValue(*ind, *signals->at(0).value, Suppression{}), "2");
}

TEST_F(IndicatorsTest, RecomputingAddsASnapshotAndOldDatesReadTheOldNumber) {
  ASSERT_NO_FATAL_FAILURE(AddFixture());
  IndicatorStore store(*db_, clock_);
  const Timestamp first = clock_.Now();
  StatusOr<std::vector<IndicatorValue>> all = store.ComputeAll("GM0014", {2025, 0}, "cli:test");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), 6u);  // four quarters, one share, one count

  // A late import adds a melding to Q1 2025; a day later the year is computed again.
  clock_.Advance(hours(24));
  ASSERT_NO_FATAL_FAILURE(AddMelding({"hondenpoep", "afval", "WK001401", "2025-02-15 11:00:00"}));
  const Timestamp second = clock_.Now();
  ASSERT_TRUE(store.ComputeAll("GM0014", {2025, 0}, "cli:test").ok());

  StatusOr<std::vector<IndicatorValue>> then = store.ValuesAsOf("GM0014", "per-wijk", first);
  StatusOr<std::vector<IndicatorValue>> now = store.ValuesAsOf("GM0014", "per-wijk", second);
  ASSERT_TRUE(then.ok() && now.ok());
  ASSERT_EQ(then->size(), 4u);
  ASSERT_EQ(now->size(), 4u);
  EXPECT_EQ(ForPeriod(*then, {2025, 1})->value, std::optional<double>(3));
  EXPECT_EQ(ForPeriod(*then, {2025, 1})->recorded_at, first);
  EXPECT_EQ(ForPeriod(*then, {2025, 1})->cells.at(0).value, 2);
  EXPECT_EQ(ForPeriod(*now, {2025, 1})->value, std::optional<double>(4));
  EXPECT_EQ(ForPeriod(*now, {2025, 1})->cells.at(0).value, 3);
  EXPECT_EQ(ForPeriod(*now, {2025, 1})->entered_by, "cli:test");
  EXPECT_TRUE(store.ValuesAsOf("GM0014", "per-wijk", first - seconds(1))->empty());

  // The tree for a report reads the same: as of the first date, the first numbers.
  StatusOr<ProgrammeTree> tree = LoadTree(*db_, "GM0014", "proef", first);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  ASSERT_EQ(tree->indicators.size(), 4u);
  EXPECT_EQ(tree->indicators[0].code, "per-wijk");
  ASSERT_EQ(tree->indicators[0].targets.size(), 1u);
  EXPECT_EQ(tree->indicators[0].targets[0].value, 20);
  EXPECT_EQ(ForPeriod(tree->indicators[0].values, {2025, 1})->value, std::optional<double>(3));
  EXPECT_EQ(IndicatorsOf(*tree, "overlast").size(), 1u);
  EXPECT_EQ(IndicatorsOf(*tree, "").size(), 3u);
  StatusOr<ProgrammeTree> later = LoadTree(*db_, "GM0014", "proef", second);
  EXPECT_EQ(ForPeriod(later->indicators[0].values, {2025, 1})->value, std::optional<double>(4));
  EXPECT_EQ(LoadTree(*db_, "GM0014", "geen", second).status().code(), StatusCode::kNotFound);

  // Snapshots are never changed or removed.
  Status remove = db_->Write([](store::Transaction& txn) -> Status {
    return txn.Execute("DELETE FROM programme_indicator_values").status();
  });
  EXPECT_FALSE(remove.ok());
  Status change = db_->Write([](store::Transaction& txn) -> Status {
    return txn.Execute("UPDATE programme_indicator_value_cells SET value = 0").status();
  });
  EXPECT_FALSE(change.ok());
}

TEST_F(IndicatorsTest, ManualValuesNeedASourceAndKeepWhoEnteredThem) {
  IndicatorStore store(*db_, clock_);
  ChangeContext coordinator{"u-coordinator", "analist", "10.0.0.1"};
  StatusOr<IndicatorValue> v =
      store.EnterManual("GM0014", "voorlichtingen", {2025, 2}, 7,
                        "Jaarverslag Groningen tegen mensenhandel", coordinator);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  StatusOr<std::vector<IndicatorValue>> values =
      store.ValuesAsOf("GM0014", "voorlichtingen", clock_.Now());
  ASSERT_TRUE(values.ok());
  ASSERT_EQ(values->size(), 1u);
  EXPECT_EQ(values->at(0).value, std::optional<double>(7));
  EXPECT_EQ(values->at(0).source, ValueSource::kManual);
  EXPECT_EQ(values->at(0).entered_by, "u-coordinator");
  EXPECT_EQ(values->at(0).source_document, "Jaarverslag Groningen tegen mensenhandel");

  // A correction is a new snapshot; the latest counts.
  clock_.Advance(hours(1));
  ASSERT_TRUE(
      store.EnterManual("GM0014", "voorlichtingen", {2025, 2}, 8, "Correctie", coordinator).ok());
  EXPECT_EQ(store.ValuesAsOf("GM0014", "voorlichtingen", clock_.Now())->at(0).value,
            std::optional<double>(8));

  ProgrammeRepository repo(*db_, clock_);
  StatusOr<std::vector<HistoryEntry>> history = repo.History("GM0014", "proef");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().field, "indicator:voorlichtingen");
  EXPECT_EQ(history->back().new_value, "2025-Q2: 8");
  EXPECT_EQ(history->back().actor, "u-coordinator");

  EXPECT_EQ(
      store.EnterManual("GM0014", "voorlichtingen", {2025, 0}, 1, "", coordinator).status().field(),
      "bron");
  StatusOr<IndicatorValue> computed =
      store.EnterManual("GM0014", "signalen", {2025, 0}, 1, "eigen telling", coordinator);
  EXPECT_EQ(computed.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(computed.status().field(), "indicator");
  EXPECT_EQ(store.Compute("GM0014", "voorlichtingen", {2025, 0}, "t").status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      store.EnterManual("GM0014", "bestaat-niet", {2025, 0}, 1, "x", coordinator).status().code(),
      StatusCode::kNotFound);
}

}  // namespace
}  // namespace baken::programme
