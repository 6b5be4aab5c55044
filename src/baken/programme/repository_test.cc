#include "baken/programme/repository.h"

#include <gtest/gtest.h>

#include "baken/programme/seed.h"
#include "baken/programme/testing/programme_test_env.h"
#include "baken/programme/tree.h"
#include "baken/security/audit_log.h"

namespace baken::programme {
namespace {

using namespace std::chrono;

const std::string kShipped =
    std::string(BAKEN_SOURCE_DIR) + "/data/programmas/groningen-2022-2024.json";

class RepositoryTest : public testing::ProgrammeStoreTest {
 protected:
  void SeedShipped() {
    StatusOr<ProgrammeFile> file = ReadProgrammeFile(kShipped);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    ProgrammeRepository repo(*db_, clock_);
    StatusOr<SeedResult> r = Seed(repo, *file, who_);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  int64_t Count(const std::string& table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                     ASSIGN_OR_RETURN(store::Row row,
                                      txn.QueryRow("SELECT COUNT(*) FROM " + table));
                     n = row.GetInt64(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }

  ChangeContext who_{"u-analist", "analist", "127.0.0.1"};
};

TEST_F(RepositoryTest, AProgrammeStoredWithoutADepartmentGetsTheFilesAtTheNextSeed) {
  StatusOr<ProgrammeFile> file = ReadProgrammeFile(kShipped);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->programmes[0].programme.department, "veiligheid");
  EXPECT_EQ(file->programmes[1].programme.department, "mensenhandel");
  // As stored before programmes had departments.
  ProgrammeFile old = *file;
  for (ProgrammeDefinition& d : old.programmes) d.programme.department.clear();
  ProgrammeRepository repo(*db_, clock_);
  ASSERT_TRUE(Seed(repo, old, who_).ok());
  EXPECT_EQ(repo.Get("GM0014", "mensenhandel-2022-2024")->department, "");

  ASSERT_TRUE(Seed(repo, *file, who_).ok());
  EXPECT_EQ(repo.Get("GM0014", "mensenhandel-2022-2024")->department, "mensenhandel");
  StatusOr<std::vector<ProgrammeSummary>> list = repo.List("GM0014");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ((*list)[0].department, "veiligheid");
  EXPECT_EQ((*list)[1].department, "mensenhandel");

  // A department once set is kept.
  ProgrammeFile other = *file;
  other.programmes[1].programme.department = "zorg-veiligheid";
  ASSERT_TRUE(Seed(repo, other, who_).ok());
  EXPECT_EQ(repo.Get("GM0014", "mensenhandel-2022-2024")->department, "mensenhandel");
  EXPECT_EQ(repo.FillDepartment("GM0014", "onbekend", "x").code(), StatusCode::kNotFound);
}

TEST_F(RepositoryTest, SeedStoresTheTreeAndSeedingTwiceChangesNothing) {
  StatusOr<ProgrammeFile> file = ReadProgrammeFile(kShipped);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ProgrammeRepository repo(*db_, clock_);
  StatusOr<SeedResult> first = Seed(repo, *file, who_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->created.size(), 2u);
  EXPECT_TRUE(first->kept.empty());

  const std::vector<std::string> tables = {
      "programmes",           "programme_ambitions",        "programme_items",
      "programme_milestones", "programme_history",          "programme_indicators",
      "programme_targets",    "programme_indicator_values", "audit_log"};
  std::vector<int64_t> before;
  for (const std::string& t : tables) before.push_back(Count(t));
  clock_.Advance(hours(1));
  StatusOr<SeedResult> second = Seed(repo, *file, who_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_TRUE(second->created.empty());
  EXPECT_EQ(second->kept.size(), 2u);
  for (size_t i = 0; i < tables.size(); ++i) EXPECT_EQ(Count(tables[i]), before[i]) << tables[i];

  StatusOr<std::vector<ProgrammeSummary>> list = repo.List("GM0014");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].code, "leefbaarheid-veiligheid-2022-2024");
  EXPECT_EQ((*list)[0].action_lines, 8);
  EXPECT_EQ((*list)[0].indicators, 2);
  EXPECT_EQ((*list)[1].action_lines, 2);
  EXPECT_TRUE(repo.List("GM0363")->empty());  // another tenant sees nothing

  // What comes back is what the file says.
  StatusOr<Programme> mh = repo.Get("GM0014", "mensenhandel-2022-2024");
  ASSERT_TRUE(mh.ok()) << mh.status().ToString();
  const Programme& want = file->programmes[1].programme;
  EXPECT_EQ(mh->name, want.name);
  EXPECT_EQ(mh->themes, want.themes);
  ASSERT_EQ(mh->ambitions.size(), want.ambitions.size());
  EXPECT_EQ(mh->ambitions[1].priority, std::optional<int>(1));
  EXPECT_FALSE(mh->ambitions[0].priority.has_value());
  ASSERT_EQ(mh->action_lines.size(), 2u);
  EXPECT_EQ(mh->action_lines[0].actions.size(), 3u);
  EXPECT_EQ(mh->action_lines[1].partners, std::vector<Partner>{Partner::kRegion});
  EXPECT_EQ(mh->action_lines[0].progress.status, ItemStatus::kNotStarted);
  EXPECT_EQ(mh->action_lines[0].progress.version, 1);
  EXPECT_EQ(repo.Get("GM0014", "bestaat-niet").status().code(), StatusCode::kNotFound);

  // Creating one that exists is refused, naming the code.
  Status again =
      repo.Create("GM0014", file->programmes[0].programme, file->programmes[0].indicators, who_);
  EXPECT_EQ(again.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(again.field(), "code");
}

TEST_F(RepositoryTest, StatusChangeIsVersionedWithHistoryAndAudit) {
  ASSERT_NO_FATAL_FAILURE(SeedShipped());
  ProgrammeRepository repo(*db_, clock_);
  const std::string prog = "leefbaarheid-veiligheid-2022-2024";
  const int64_t audit_before = Count("audit_log");
  const int64_t history_before = static_cast<int64_t>(repo.History("GM0014", prog)->size());

  clock_.Advance(hours(24 * 40));
  ItemUpdate u;
  u.status = ItemStatus::kDelayed;
  u.explanation = "Capaciteit bij het RIEC pas in het tweede kwartaal.";
  u.status_date = 2026y / February / 9;
  StatusOr<int> v =
      repo.UpdateItem("GM0014", prog, "vastgoed-integraal-onderzoek-riec", u, 1, who_);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, 2);

  StatusOr<Programme> p = repo.Get("GM0014", prog);
  ASSERT_TRUE(p.ok());
  const Action* a = FindAction(*p, "vastgoed-integraal-onderzoek-riec");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->progress.status, ItemStatus::kDelayed);
  EXPECT_EQ(a->progress.status_explanation, u.explanation);
  EXPECT_EQ(a->progress.status_date, std::optional<Date>(2026y / February / 9));
  EXPECT_EQ(a->progress.version, 2);

  StatusOr<std::vector<HistoryEntry>> h = repo.History("GM0014", prog);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(static_cast<int64_t>(h->size()), history_before + 1);
  const HistoryEntry& e = h->back();
  EXPECT_EQ(e.item, "vastgoed-integraal-onderzoek-riec");
  EXPECT_EQ(e.field, "status");
  EXPECT_EQ(e.old_value, "niet_gestart");
  EXPECT_EQ(e.new_value, "vertraagd");
  EXPECT_EQ(e.actor, "u-analist");
  EXPECT_EQ(e.explanation, u.explanation);
  EXPECT_EQ(e.at, clock_.Now());
  EXPECT_EQ(Count("audit_log"), audit_before + 1);

  // A stale version is refused with the If-Match field and changes nothing.
  u.status = ItemStatus::kCompleted;
  u.explanation = "Klaar.";
  StatusOr<int> stale =
      repo.UpdateItem("GM0014", prog, "vastgoed-integraal-onderzoek-riec", u, 1, who_);
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(stale.status().field(), "If-Match");
  EXPECT_EQ(
      FindAction(*repo.Get("GM0014", prog), "vastgoed-integraal-onderzoek-riec")->progress.status,
      ItemStatus::kDelayed);
  EXPECT_EQ(Count("audit_log"), audit_before + 1);

  // A status without an explanation, an unknown item, a programme of nobody.
  ItemUpdate bare;
  bare.status = ItemStatus::kOngoing;
  EXPECT_EQ(repo.UpdateItem("GM0014", prog, "parkeren", bare, {}, who_).status().field(),
            "toelichting");
  bare.explanation = "Gestart.";
  EXPECT_EQ(repo.UpdateItem("GM0014", prog, "bestaat-niet", bare, {}, who_).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(repo.UpdateItem("GM0363", prog, "parkeren", bare, {}, who_).status().code(),
            StatusCode::kNotFound);
}

TEST_F(RepositoryTest, MilestonesAndBudgetAreChangedTogetherOrNotAtAll) {
  ASSERT_NO_FATAL_FAILURE(SeedShipped());
  ProgrammeRepository repo(*db_, clock_);
  const std::string prog = "mensenhandel-2022-2024";
  ItemUpdate u;
  u.milestones = std::vector<Milestone>{{"Voorlichting aan werkgevers", 2026y / June / 30, {}},
                                        {"Evaluatie", 2026y / December / 15, {}}};
  u.budget = Budget{2'500'000, 125'050};
  u.explanation = "Planning uit het jaarplan.";
  StatusOr<int> v = repo.UpdateItem("GM0014", prog, "goed-werkgeverschap", u, {}, who_);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, 2);
  StatusOr<Programme> p = repo.Get("GM0014", prog);
  const Action* a = FindAction(*p, "goed-werkgeverschap");
  ASSERT_EQ(a->progress.milestones.size(), 2u);
  EXPECT_EQ(a->progress.milestones[1].title, "Evaluatie");
  EXPECT_FALSE(a->progress.milestones[0].done.has_value());
  EXPECT_EQ(a->progress.budget, std::optional<Budget>(Budget{2'500'000, 125'050}));
  std::vector<HistoryEntry> h = *repo.History("GM0014", prog);
  ASSERT_GE(h.size(), 2u);
  EXPECT_EQ(h[h.size() - 2].field, "mijlpalen");
  EXPECT_EQ(h.back().field, "budget");
  EXPECT_EQ(h.back().new_value, "gepland 2500000 ct, besteed 125050 ct");

  // One milestone done: only the milestones change.
  u = ItemUpdate{};
  u.milestones = a->progress.milestones;
  (*u.milestones)[0].done = 2026y / June / 20;
  ASSERT_EQ(*repo.UpdateItem("GM0014", prog, "goed-werkgeverschap", u, 2, who_), 3);
  EXPECT_EQ(
      FindAction(*repo.Get("GM0014", prog), "goed-werkgeverschap")->progress.milestones[0].done,
      std::optional<Date>(2026y / June / 20));

  // The same again changes nothing and keeps the version.
  ASSERT_EQ(*repo.UpdateItem("GM0014", prog, "goed-werkgeverschap", u, 3, who_), 3);

  // An invalid milestone in the same update as a valid budget: nothing is stored.
  const size_t history = repo.History("GM0014", prog)->size();
  u = ItemUpdate{};
  u.budget = Budget{1, 1};
  u.milestones = std::vector<Milestone>{{"", 2026y / July / 1, {}}};
  StatusOr<int> bad = repo.UpdateItem("GM0014", prog, "goed-werkgeverschap", u, 3, who_);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "mijlpalen[0]");
  EXPECT_EQ(FindAction(*repo.Get("GM0014", prog), "goed-werkgeverschap")->progress.budget,
            std::optional<Budget>(Budget{2'500'000, 125'050}));
  EXPECT_EQ(repo.History("GM0014", prog)->size(), history);
}

TEST_F(RepositoryTest, AReportDateSeesTheStatusMilestonesAndBudgetOfThatDate) {
  ASSERT_NO_FATAL_FAILURE(SeedShipped());
  ProgrammeRepository repo(*db_, clock_);
  const std::string prog = "leefbaarheid-veiligheid-2022-2024";
  const std::string item = "parkeren";
  const Timestamp seeded = clock_.Now();

  clock_.Advance(hours(24 * 40));
  const Timestamp first_change = clock_.Now();
  ItemUpdate u;
  u.status = ItemStatus::kDelayed;
  u.explanation = "Handhavers ingezet bij evenementen.";
  u.budget = Budget{1'000'000, 250'000};
  u.milestones = std::vector<Milestone>{{"Nieuwe vergunningzones", 2026y / May / 1, {}}};
  ASSERT_TRUE(repo.UpdateItem("GM0014", prog, item, u, {}, who_).ok());

  clock_.Advance(hours(24 * 100));
  u = ItemUpdate{};
  u.status = ItemStatus::kCompleted;
  u.explanation = "Zones ingevoerd.";
  u.budget = Budget{1'000'000, 990'000};
  ASSERT_TRUE(repo.UpdateItem("GM0014", prog, item, u, {}, who_).ok());

  auto at = [&](Timestamp t) {
    StatusOr<Programme> p = repo.GetAsOf("GM0014", prog, t);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return FindActionLine(*p, item)->progress;
  };
  const Progress before = at(first_change - hours(1));
  EXPECT_EQ(before.status, ItemStatus::kNotStarted);
  EXPECT_FALSE(before.budget.has_value());
  EXPECT_TRUE(before.milestones.empty());
  EXPECT_EQ(before.version, 1);
  EXPECT_EQ(at(seeded).status, ItemStatus::kNotStarted);

  const Progress middle = at(first_change + hours(24 * 50));
  EXPECT_EQ(middle.status, ItemStatus::kDelayed);
  EXPECT_EQ(middle.status_explanation, "Handhavers ingezet bij evenementen.");
  EXPECT_EQ(middle.budget, std::optional<Budget>(Budget{1'000'000, 250'000}));
  ASSERT_EQ(middle.milestones.size(), 1u);
  EXPECT_EQ(middle.milestones[0].due, 2026y / May / 1);
  EXPECT_EQ(middle.version, 2);

  const Progress now = at(clock_.Now());
  EXPECT_EQ(now.status, ItemStatus::kCompleted);
  EXPECT_EQ(now.budget, std::optional<Budget>(Budget{1'000'000, 990'000}));
  EXPECT_EQ(now.milestones.size(), 1u);  // unchanged by the second update
  EXPECT_EQ(now.version, 3);

  // The report's tree reads the same as of a date; other items are untouched.
  StatusOr<ProgrammeTree> tree = LoadTree(*db_, "GM0014", prog, first_change + hours(1));
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(FindActionLine(tree->programme, item)->progress.status, ItemStatus::kDelayed);
  EXPECT_EQ(FindActionLine(tree->programme, "evenementen")->progress.status,
            FindActionLine(*repo.Get("GM0014", prog), "evenementen")->progress.status);
}

TEST_F(RepositoryTest, HistoryIsAppendOnly) {
  ASSERT_NO_FATAL_FAILURE(SeedShipped());
  Status update = db_->Write([](store::Transaction& txn) -> Status {
    return txn.Execute("UPDATE programme_history SET actor = 'iemand anders'").status();
  });
  EXPECT_FALSE(update.ok());
  Status remove = db_->Write([](store::Transaction& txn) -> Status {
    return txn.Execute("DELETE FROM programme_history").status();
  });
  EXPECT_FALSE(remove.ok());
  EXPECT_GT(Count("programme_history"), 0);
  Status rewrite = db_->Write([](store::Transaction& txn) -> Status {
    return txn.Execute("UPDATE programme_item_states SET progress = '{}'").status();
  });
  EXPECT_FALSE(rewrite.ok());
  EXPECT_GT(Count("programme_item_states"), 0);
}

}  // namespace
}  // namespace baken::programme
