#include "baken/signals/melding_service.h"

#include <fstream>
#include <set>

#include "baken/base/time_zone.h"
#include "baken/geo/crs.h"
#include "baken/geo/gazetteer.h"
#include "baken/security/visibility.h"
#include "baken/signals/event_source.h"
#include "baken/signals/melding_statistics.h"
#include "baken/store/testing/test_database.h"
#include "gtest/gtest.h"

namespace baken::signals {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const std::string kShared = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";

Timestamp Local(int y, unsigned m, unsigned d, int h, int min = 0) {
  LocalDateTime l;
  l.date = std::chrono::year(y) / m / d;
  l.hour = h;
  l.minute = min;
  return *FromAmsterdam(l);
}

// Areas and catalog are loaded once: parsing the CBS files is the slow part.
struct Shared {
  std::shared_ptr<const geo::AreaSet> areas;
  std::shared_ptr<const geo::Locator> locator;
  std::shared_ptr<const CategoryCatalog> catalog;
};

const Shared& LoadShared() {
  static const Shared* shared = [] {
    auto* s = new Shared;
    auto set = std::make_shared<geo::AreaSet>();
    for (auto [file, level] : {std::pair{"cbs-wijken-2017.geojson", geo::Level::kDistrict},
                               std::pair{"cbs-buurten-2017.geojson", geo::Level::kNeighbourhood}}) {
      auto fc = geo::ReadGeoJsonFile(kShared + file);
      EXPECT_TRUE(fc.ok()) << fc.status().ToString();
      auto part = geo::ImportCbs(*fc, level, "GM0014");
      EXPECT_TRUE(part.ok()) << part.status().ToString();
      EXPECT_TRUE(set->Merge(std::move(*part)).ok());
    }
    auto locator = geo::Locator::Build(*set);
    EXPECT_TRUE(locator.ok());
    s->locator = std::make_shared<const geo::Locator>(std::move(*locator));
    s->areas = set;
    auto catalog =
        ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json");
    EXPECT_TRUE(catalog.ok()) << catalog.status().ToString();
    s->catalog = std::make_shared<const CategoryCatalog>(std::move(*catalog));
    return s;
  }();
  return *shared;
}

class MeldingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    const Shared& s = LoadShared();
    ASSERT_NE(s.catalog, nullptr);
    ServiceOptions options;
    options.attachment_dir = (db_.dir().path() / "bijlagen").string();
    service_ = std::make_unique<MeldingService>(*db_, clock_, s.catalog, s.areas, s.locator,
                                                Router(), WorkCalendar(), options);
  }
  void TearDown() override {
    service_.reset();
    db_.Close();
  }

  static NewMelding Valid(std::string category = "afvalbak") {
    NewMelding n;
    n.text = "De afvalbak op de Grote Markt puilt uit.";
    n.category = std::move(category);
    n.location = {GivenLocation::Crs::kWgs84, 6.5665, 53.2190};
    n.reporter.email = "melder@example.nl";
    return n;
  }

  Melding MustCreate(NewMelding n) {
    auto c = service_->Create(n, actor_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->melding : Melding{};
  }

  std::string FieldOfError(const NewMelding& n) {
    auto c = service_->Create(n, actor_);
    EXPECT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument) << c.status().ToString();
    return c.ok() ? "" : c.status().field();
  }

  FakeClock clock_{Local(2026, 11, 24, 10)};  // a Tuesday
  store::testing::TestDatabase db_;
  std::unique_ptr<MeldingService> service_;
  Actor actor_{"melder", "", "", "127.0.0.1"};
};

TEST_F(MeldingServiceTest, IntakeStoresAreaNumberDeadlineAndHistory) {
  auto created = service_->Create(Valid(), actor_);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const Melding& m = created->melding;
  EXPECT_EQ(m.number, "M-2026-000001");
  const geo::Area* wijk = LoadShared().areas->Find(m.wijk);
  ASSERT_NE(wijk, nullptr);
  // The Binnenstad: in the CBS 2017 wijk map it is wijk WK001400 "Centrum".
  EXPECT_EQ(m.wijk, "WK001400");
  EXPECT_EQ(wijk->name, "Centrum");
  EXPECT_FALSE(m.buurt.empty());
  EXPECT_EQ(m.department, "stadsbeheer");
  EXPECT_EQ(m.state, State::kGemeld);
  EXPECT_EQ(m.deadline, Local(2026, 11, 26, 10));  // 2 work days
  EXPECT_NEAR(m.x, 233900, 300);
  EXPECT_EQ(created->follow_token.size(), 64u);

  auto again = service_->Get("GM0014", m.number);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, m.id);
  EXPECT_EQ(again->wijk, m.wijk);
  EXPECT_EQ(again->deadline, m.deadline);
  auto followed = service_->GetByFollowToken(created->follow_token);
  ASSERT_TRUE(followed.ok());
  EXPECT_EQ(followed->id, m.id);
  EXPECT_EQ(service_->GetByFollowToken(std::string(64, 'a')).status().code(),
            StatusCode::kNotFound);

  auto history = service_->History("GM0014", m.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].kind, HistoryKind::kCreated);
  EXPECT_EQ((*history)[1].kind, HistoryKind::kRouting);
  EXPECT_EQ((*history)[1].rule, "categorie");

  EXPECT_EQ(MustCreate(Valid()).number, "M-2026-000002");
}

TEST_F(MeldingServiceTest, EveryInvalidFieldIsNamed) {
  NewMelding n = Valid();
  n.text = "kort";
  EXPECT_EQ(FieldOfError(n), "tekst");
  n = Valid();
  n.text = std::string(5001, 'a');
  EXPECT_EQ(FieldOfError(n), "tekst");
  n = Valid("bestaat-niet");
  EXPECT_EQ(FieldOfError(n), "categorie");
  n = Valid("");
  EXPECT_EQ(FieldOfError(n), "categorie");
  n = Valid();
  n.location = {GivenLocation::Crs::kWgs84, 53.2190, 6.5665};  // swapped
  EXPECT_EQ(FieldOfError(n), "locatie");
  n = Valid();
  n.location = {GivenLocation::Crs::kRd, 6.5665, 53.2190};  // WGS84 given as RD
  EXPECT_EQ(FieldOfError(n), "locatie");
  n = Valid();
  n.occurred_at = clock_.Now() + hours(1);
  EXPECT_EQ(FieldOfError(n), "tijdstip");
  n = Valid();
  n.occurred_at = Local(1999, 12, 31, 12);
  EXPECT_EQ(FieldOfError(n), "tijdstip");
  n = Valid();
  n.channel = Channel::kImport;
  EXPECT_EQ(FieldOfError(n), "kanaal");
  n = Valid();
  n.reporter.email = "geen-adres";
  EXPECT_EQ(FieldOfError(n), "melder.email");
  n = Valid();
  n.reporter.phone = "12ab";
  EXPECT_EQ(FieldOfError(n), "melder.telefoon");
  n = Valid();
  n.attachments.push_back({"a.gif", "image/gif", "GIF89a...."});
  EXPECT_EQ(FieldOfError(n), "bijlagen[0].type");
  n = Valid();
  n.attachments.push_back({"a.png", "image/png", "\xFF\xD8\xFF jpeg bytes"});
  EXPECT_EQ(FieldOfError(n), "bijlagen[0].type");
  n = Valid();
  n.attachments.push_back({"a.png", "image/png", "\x89PNG\r\n\x1A\n" + std::string(11 << 20, 'x')});
  EXPECT_EQ(FieldOfError(n), "bijlagen[0].grootte");
}

TEST_F(MeldingServiceTest, OutsideTheMunicipalityIsRefused) {
  NewMelding n = Valid();
  n.location = {GivenLocation::Crs::kWgs84, 4.8952, 52.3702};  // Amsterdam, Dam
  auto c = service_->Create(n, actor_);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "locatie");
  EXPECT_EQ(c.status().message(), "Deze locatie ligt buiten de gemeente Groningen.");
}

TEST_F(MeldingServiceTest, AttachmentIsStoredAndReadBack) {
  NewMelding n = Valid();
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "pixels";
  n.attachments.push_back({"foto.png", "image/png", png});
  Melding m = MustCreate(n);
  ASSERT_EQ(m.attachments.size(), 1u);
  auto bytes = service_->ReadAttachment("GM0014", m.id, m.attachments[0].id);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, png);
  EXPECT_EQ(service_->ReadAttachment("GM0014", m.id, "x").status().code(), StatusCode::kNotFound);
}

TEST_F(MeldingServiceTest, IdempotencyKeyReplaysTheFirstResult) {
  NewMelding n = Valid();
  n.idempotency_key = "key-1";
  auto first = service_->Create(n, actor_);
  ASSERT_TRUE(first.ok());
  auto second = service_->Create(n, actor_);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->replayed);
  EXPECT_FALSE(first->replayed);
  EXPECT_EQ(second->melding.id, first->melding.id);
  EXPECT_TRUE(second->follow_token.empty());
  auto page = service_->List({});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 1u);
}

// A key replays only the same request of the same caller: a different request under it is
// refused (HTTP 422), and another caller's key finds nothing (it is theirs).
TEST_F(MeldingServiceTest, IdempotencyKeyBelongsToItsCallerAndItsRequest) {
  NewMelding n = Valid();
  n.idempotency_key = "key-1";
  auto first = service_->Create(n, actor_);
  ASSERT_TRUE(first.ok());
  NewMelding other = n;
  other.text = "Iets anders dan de eerste keer.";
  auto reused = service_->Create(other, actor_);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(reused.status().field(), kIdempotencyKeyField);

  Actor someone_else{"api:app", "boa", "melding_afhandelen", "127.0.0.1"};
  auto theirs = service_->Create(other, someone_else);
  ASSERT_TRUE(theirs.ok()) << theirs.status().ToString();
  EXPECT_FALSE(theirs->replayed);
  EXPECT_NE(theirs->melding.id, first->melding.id);
  auto page = service_->List({});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->items.size(), 2u);
}

TEST_F(MeldingServiceTest, TransitionsAllowedAndRefused) {
  Melding m = MustCreate(Valid());
  auto moved =
      service_->ChangeStatus("GM0014", m.id, {State::kInBehandeling, "", "bekeken", 1}, actor_);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->version, 2);
  // A stale version is refused.
  auto stale = service_->ChangeStatus("GM0014", m.id, {State::kIngepland, "", "", 1}, actor_);
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  // Closing needs a text for the reporter when the table says so.
  const Status no_text = CheckTransition(State::kInBehandeling, State::kAfgehandeld, "");
  auto closed_without = service_->ChangeStatus("GM0014", m.id, {State::kAfgehandeld}, actor_);
  EXPECT_EQ(closed_without.ok(), no_text.ok());
  if (!no_text.ok()) {
    EXPECT_EQ(closed_without.status().field(), "tekst_melder");
  }
  auto closed =
      service_->ChangeStatus("GM0014", m.id, {State::kAfgehandeld, "De bak is geleegd."}, actor_);
  if (no_text.ok()) {
    EXPECT_EQ(closed.status().code(), StatusCode::kFailedPrecondition);  // already closed
  } else {
    ASSERT_TRUE(closed.ok()) << closed.status().ToString();
    ASSERT_TRUE(closed->closed_at.has_value());
  }
  auto refused = service_->ChangeStatus("GM0014", m.id, {State::kIngepland}, actor_);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  auto split_here = service_->ChangeStatus("GM0014", m.id, {State::kGesplitst}, actor_);
  EXPECT_FALSE(split_here.ok());
  auto history = service_->History("GM0014", m.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().kind, HistoryKind::kStatus);
  EXPECT_EQ(history->back().to, "afgehandeld");
}

TEST_F(MeldingServiceTest, DeadlineSkipsWeekendAndChristmas) {
  clock_.Set(Local(2026, 12, 24, 10));  // Thursday; Fri 25 and Sat 26 are Christmas
  Melding m = MustCreate(Valid("afvalbak"));
  EXPECT_EQ(m.deadline, Local(2026, 12, 29, 10));
  clock_.Set(Local(2026, 11, 27, 15));  // Friday
  EXPECT_EQ(MustCreate(Valid("afvalcontainer")).deadline, Local(2026, 12, 2, 15));
}

TEST_F(MeldingServiceTest, RecategoriseReroutesRecomputesAndCallsSink) {
  Melding m = MustCreate(Valid("hondenpoep"));
  EXPECT_EQ(m.department, "toezicht");
  std::vector<std::string> seen;
  service_->SetCorrectionSink([&](store::Transaction&, const std::string& tenant,
                                  const std::string& text, const std::string& category,
                                  const std::string& id) {
    seen.push_back(tenant + "|" + category + "|" + id + "|" + text.substr(0, 3));
    return Status::Ok();
  });
  clock_.Advance(hours(1));
  auto r = service_->Recategorise("GM0014", m.id, "afvalbak", actor_, m.version);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->category, "afvalbak");
  EXPECT_EQ(r->main_category, "afval");
  EXPECT_EQ(r->department, "stadsbeheer");
  EXPECT_EQ(r->deadline, Local(2026, 11, 26, 10));  // from intake, 2 work days
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], "GM0014|afvalbak|" + m.id + "|De ");
  auto history = service_->History("GM0014", m.id);
  ASSERT_TRUE(history.ok());
  std::set<HistoryKind> kinds;
  for (const auto& e : *history) kinds.insert(e.kind);
  EXPECT_TRUE(kinds.count(HistoryKind::kCategory));
  EXPECT_TRUE(kinds.count(HistoryKind::kDepartment));
  // A failing sink rolls the change back.
  service_->SetCorrectionSink([](store::Transaction&, const std::string&, const std::string&,
                                 const std::string&,
                                 const std::string&) { return InternalError("sink kapot"); });
  EXPECT_FALSE(service_->Recategorise("GM0014", m.id, "grofvuil", actor_).ok());
  EXPECT_EQ(service_->Get("GM0014", m.id)->category, "afvalbak");
}

TEST_F(MeldingServiceTest, RecategoriseKeepsTheHandlerWithinTheDepartmentAndRecordsALoss) {
  Melding m = MustCreate(Valid("hondenpoep"));  // toezicht
  ASSERT_TRUE(service_->Assign("GM0014", m.id, "", "boa1", actor_).ok());
  auto same = service_->Recategorise("GM0014", m.id, "foutparkeren", actor_);  // also toezicht
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->department, "toezicht");
  EXPECT_EQ(same->assignee, "boa1");
  auto other = service_->Recategorise("GM0014", m.id, "afvalbak", actor_);  // stadsbeheer
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(other->assignee, "");
  auto history = service_->History("GM0014", m.id);
  ASSERT_TRUE(history.ok());
  bool recorded = false;
  for (const auto& e : *history) {
    if (e.kind == HistoryKind::kAssignee && e.from == "boa1" && e.to.empty()) {
      recorded = true;
    }
  }
  EXPECT_TRUE(recorded) << "losing the handler must be in the history";
}

// The melding list and the wijkbeeld counts take the one visibility answer of security: for every
// role and purpose, the list shows exactly the meldingen the policy lets it read one by one, the
// counts add up to the list, and the hidden count is the rest.
TEST_F(MeldingServiceTest, ListAndCountsShowTheSameMeldingenForEveryRole) {
  std::vector<Melding> all;
  for (const char* code : {"afvalbak", "drugsoverlast", "verward-gedrag", "vermoeden-ondermijning",
                           "signaal-mensenhandel"}) {
    all.push_back(MustCreate(Valid(code)));
  }
  int roles_seeing_some = 0, roles_seeing_less = 0;
  for (security::Role role : security::kAllRoles) {
    for (security::Purpose purpose : security::kAllPurposes) {
      security::Principal principal;
      principal.tenant = "GM0014";
      principal.role = role;
      principal.departments = {"toezicht"};
      principal.second_factor_done = true;
      const security::Visibility v = security::VisibilityFor(principal, purpose);
      SCOPED_TRACE(std::string(security::RoleCode(role)) + " / " +
                   std::string(security::PurposeCode(purpose)));

      ListQuery q;
      q.tenant = "GM0014";
      q.limit = 500;
      q.visibility = v;
      auto page = service_->List(q);
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      std::set<std::string> listed;
      for (const Melding& m : page->items) listed.insert(m.id);
      for (const Melding& m : all) {
        const bool may_read = security::Decide(security::ReadAccessFor(principal, purpose,
                                                                       m.sensitivity, m.department))
                                  .allowed;
        EXPECT_EQ(listed.count(m.id) == 1, may_read) << m.category;
        EXPECT_EQ(security::IsVisible(v, m.sensitivity, m.department), may_read) << m.category;
      }

      StatisticsSelection sel;
      sel.tenant = "GM0014";
      sel.from = clock_.Now() - hours(24);
      sel.end = clock_.Now() + hours(24);
      sel.visibility = v;
      for (StatisticsGroup g : {StatisticsGroup::kWijk, StatisticsGroup::kMainCategory}) {
        auto counts = CountMeldingenBy(*db_, sel, clock_.Now(), g);
        ASSERT_TRUE(counts.ok()) << counts.status().ToString();
        int64_t counted = 0;
        for (const auto& [code, f] : *counts) counted += f.meldingen;
        EXPECT_EQ(counted, static_cast<int64_t>(listed.size()));
      }
      auto per_hour = CountMeldingenPerHour(*db_, sel);
      ASSERT_TRUE(per_hour.ok()) << per_hour.status().ToString();
      int64_t hourly = 0;
      for (const auto& [hour, n] : *per_hour) hourly += n;
      EXPECT_EQ(hourly, static_cast<int64_t>(listed.size()));
      auto hidden = CountHiddenMeldingen(*db_, sel);
      ASSERT_TRUE(hidden.ok()) << hidden.status().ToString();
      EXPECT_EQ(*hidden + static_cast<int64_t>(listed.size()), static_cast<int64_t>(all.size()));
      if (!listed.empty()) ++roles_seeing_some;
      if (listed.size() < all.size() && !listed.empty()) ++roles_seeing_less;
    }
  }
  // Not a vacuous agreement: some callers see meldingen, and some see part of them only.
  EXPECT_GT(roles_seeing_some, 0);
  EXPECT_GT(roles_seeing_less, 0);
}

TEST_F(MeldingServiceTest, ListFiltersAndVisibility) {
  Melding a = MustCreate(Valid("afvalbak"));
  NewMelding special = Valid("signaal-mensenhandel");
  special.text = "Vermoeden van uitbuiting in een nagelstudio.";
  Melding s = MustCreate(special);
  NewMelding elsewhere = Valid("hondenpoep");
  elsewhere.text = "Hondenpoep op de stoep bij de school.";
  elsewhere.location = {GivenLocation::Crs::kWgs84, 6.5900, 53.2400};  // north-east of the centre
  Melding h = MustCreate(elsewhere);

  ListQuery q;
  auto page = service_->List(q);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  std::set<std::string> ids;
  for (const auto& m : page->items) ids.insert(m.id);
  EXPECT_EQ(ids, (std::set<std::string>{a.id, h.id}));  // special is not visible for internal

  q.visibility = {security::Sensitivity::kSpecial, false, {"mensenhandel"}};
  EXPECT_EQ(service_->List(q)->items.size(), 3u);
  q.visibility.restricted_departments = {"toezicht"};
  EXPECT_EQ(service_->List(q)->items.size(), 2u);

  ListQuery by_cat;
  by_cat.categories = {"afval"};
  ASSERT_EQ(service_->List(by_cat)->items.size(), 1u);
  EXPECT_EQ(service_->List(by_cat)->items[0].id, a.id);
  ListQuery by_wijk;
  by_wijk.wijken = {a.wijk};
  EXPECT_EQ(service_->List(by_wijk)->items.size(), a.wijk == h.wijk ? 2u : 1u);
  ListQuery by_text;
  by_text.text = "afvalbak markt";
  ASSERT_EQ(service_->List(by_text)->items.size(), 1u);
  ListQuery by_dept;
  by_dept.departments = {"toezicht"};
  ASSERT_EQ(service_->List(by_dept)->items.size(), 1u);
  EXPECT_EQ(service_->List(by_dept)->items[0].id, h.id);

  clock_.Advance(hours(24 * 30));
  ListQuery overdue;
  overdue.overdue = true;
  EXPECT_EQ(service_->List(overdue)->items.size(), 2u);
  ASSERT_TRUE(
      service_->ChangeStatus("GM0014", a.id, {State::kGeannuleerd, "Dubbel gemeld."}, actor_).ok());
  EXPECT_EQ(service_->List(overdue)->items.size(), 1u);
  ListQuery open;
  open.open = false;
  EXPECT_EQ(service_->List(open)->items.size(), 1u);
  ListQuery by_state;
  by_state.states = {State::kGemeld};
  EXPECT_EQ(service_->List(by_state)->items.size(), 1u);
  ListQuery range;
  range.received_from = Local(2026, 11, 25, 0);
  EXPECT_EQ(service_->List(range)->items.size(), 0u);
}

std::vector<ImportItem> Items(int n, Timestamp start, const std::string& prefix) {
  std::vector<ImportItem> items;
  const char* categories[] = {"afvalbak", "hondenpoep", "grofvuil", "graffiti"};
  for (int i = 0; i < n; ++i) {
    ImportItem it;
    it.melding.text = "Melding nummer " + std::to_string(i) + " uit het oude systeem.";
    it.melding.category = categories[i % 4];
    it.melding.location = {GivenLocation::Crs::kRd, 233900.0 + (i % 40) * 25,
                           582100.0 + (i / 40 % 40) * 25};
    it.melding.channel = Channel::kImport;
    it.melding.source_id = prefix + std::to_string(i);
    it.received_at = start + minutes(7 * (i / 3));  // three at a time: equal keys on purpose
    it.line = i + 2;
    items.push_back(std::move(it));
  }
  return items;
}

TEST_F(MeldingServiceTest, CursorPaginationHasNoGapsOrRepeats) {
  auto summary = service_->Import(Items(300, Local(2026, 6, 1, 8), "s"), actor_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->stored, 300);
  for (auto sort : {ListQuery::Sort::kReceivedDesc, ListQuery::Sort::kReceivedAsc,
                    ListQuery::Sort::kDeadlineAsc}) {
    ListQuery q;
    q.sort = sort;
    q.limit = 37;
    std::vector<Melding> all;
    int pages = 0;
    do {
      auto page = service_->List(q);
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      all.insert(all.end(), page->items.begin(), page->items.end());
      q.cursor = page->next_cursor;
      ++pages;
    } while (!q.cursor.empty() && pages < 100);
    ASSERT_EQ(all.size(), 300u);
    std::set<std::string> ids;
    for (const auto& m : all) ids.insert(m.id);
    EXPECT_EQ(ids.size(), 300u);
    for (size_t i = 1; i < all.size(); ++i) {
      if (sort == ListQuery::Sort::kReceivedDesc) {
        EXPECT_GE(all[i - 1].received_at, all[i].received_at);
      } else if (sort == ListQuery::Sort::kReceivedAsc) {
        EXPECT_LE(all[i - 1].received_at, all[i].received_at);
      } else {
        EXPECT_LE(all[i - 1].deadline, all[i].deadline);
      }
    }
  }
  ListQuery bad;
  bad.cursor = "!!";
  EXPECT_EQ(service_->List(bad).status().field(), "cursor");
}

TEST_F(MeldingServiceTest, DuplicatesWithin50MetresOnly) {
  NewMelding n = Valid();
  n.location = {GivenLocation::Crs::kRd, 233900, 582100};
  Melding near = MustCreate(n);
  n.location = {GivenLocation::Crs::kRd, 233900 + 36, 582100 + 48};  // 60 m away
  Melding far = MustCreate(n);
  n.category = "hondenpoep";
  n.location = {GivenLocation::Crs::kRd, 233901, 582101};
  MustCreate(n);  // other category

  DuplicateQuery q;
  q.category = "afvalbak";
  q.x = 233900 + 30;
  q.y = 582100 + 40;  // 50 m from `near`, 10 m from `far`
  q.at = clock_.Now();
  auto found = service_->FindDuplicates(q);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].id, far.id);  // nearest first
  q.x = 233900 - 36;
  q.y = 582100 - 48;  // 60 m from `near`
  EXPECT_EQ(service_->FindDuplicates(q)->size(), 0u);
  // Closed ones do not count.
  q.x = 233900;
  q.y = 582100;
  q.exclude_id = far.id;
  ASSERT_TRUE(
      service_->ChangeStatus("GM0014", near.id, {State::kGeannuleerd, "Al bekend."}, actor_).ok());
  EXPECT_EQ(service_->FindDuplicates(q)->size(), 0u);
}

TEST_F(MeldingServiceTest, TheOlderOfTwoNearbyMeldingenFindsTheNewerWhenAskedBothWays) {
  NewMelding n = Valid();
  n.location = {GivenLocation::Crs::kRd, 233900, 582100};
  Melding older = MustCreate(n);
  clock_.Advance(hours(30));
  n.location = {GivenLocation::Crs::kRd, 233900 + 3, 582100};  // 3 m away
  Melding newer = MustCreate(n);
  DuplicateQuery q;
  q.category = "afvalbak";
  q.x = older.x;
  q.y = older.y;
  q.at = older.received_at;
  q.exclude_id = older.id;
  // Only looking back from the older one: the newer is not there.
  EXPECT_EQ(service_->FindDuplicates(q)->size(), 0u);
  q.after = q.period;
  auto found = service_->FindDuplicates(q);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].id, newer.id);
  EXPECT_EQ(service_->CountDuplicates(q).value(), 1);
}

TEST_F(MeldingServiceTest, EveryReadCarriesTheNearestStreetOfTheAddressTable) {
  std::ifstream in(kShared + "postcodes-pc6.csv", std::ios::binary);
  StatusOr<std::vector<geo::StreetPoint>> points = geo::ReadStreetPointsCsv(in);
  ASSERT_TRUE(points.ok()) << points.status().ToString();
  const geo::Gazetteer table = geo::Gazetteer::Build(std::move(*points));
  const geo::PlaceMatch street = table.Search("Oude Boteringestraat", 1).at(0);
  const Shared& s = LoadShared();
  ServiceOptions options;
  options.attachment_dir = (db_.dir().path() / "bijlagen").string();
  options.streets = std::make_shared<const geo::Gazetteer>(table);
  MeldingService service(*db_, clock_, s.catalog, s.areas, s.locator, Router(), WorkCalendar(),
                         options);
  NewMelding n = Valid();
  n.location = {GivenLocation::Crs::kRd, street.point.x + 5, street.point.y};
  auto created = service.Create(n, actor_);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const std::optional<geo::NearestStreet> expected =
      table.Nearest({created->melding.x, created->melding.y});
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(created->melding.street, expected->street);
  EXPECT_EQ(created->melding.postcode, expected->postcode);
  EXPECT_EQ(service.Get("GM0014", created->melding.id)->street, expected->street);
  ListQuery q;
  auto page = service.List(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].street, expected->street);
  auto changed =
      service.ChangeStatus("GM0014", created->melding.id, {State::kInBehandeling}, actor_);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->postcode, expected->postcode);
  // Without a table (the fixture's service) nothing is made up.
  EXPECT_EQ(service_->Get("GM0014", created->melding.id)->street, "");
}

TEST_F(MeldingServiceTest, MergeAndSplit) {
  Melding original = MustCreate(Valid());
  Melding duplicate = MustCreate(Valid());
  EXPECT_EQ(service_->MergeDuplicate("GM0014", original.id, original.id, actor_).status().code(),
            StatusCode::kInvalidArgument);
  auto merged = service_->MergeDuplicate("GM0014", duplicate.id, original.id, actor_);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->state, State::kSamengevoegd);
  EXPECT_EQ(merged->duplicate_of, original.id);
  Melding third = MustCreate(Valid());
  // Into a merged melding: refused.
  EXPECT_EQ(service_->MergeDuplicate("GM0014", third.id, duplicate.id, actor_).status().code(),
            StatusCode::kFailedPrecondition);
  // Across tenants: the other tenant's melding is not found.
  EXPECT_EQ(service_->MergeDuplicate("GM0034", third.id, original.id, actor_).status().code(),
            StatusCode::kNotFound);

  auto parts = service_->Split(
      "GM0014", third.id,
      {{"afvalbak", "De afvalbak is vol."}, {"graffiti", "Er staat graffiti op de bak."}}, actor_);
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].parent_id, third.id);
  EXPECT_EQ((*parts)[1].category, "graffiti");
  EXPECT_EQ((*parts)[1].number, "M-2026-000005");
  EXPECT_EQ(service_->Get("GM0014", third.id)->state, State::kGesplitst);
  EXPECT_EQ(service_->Get("GM0014", (*parts)[1].id)->parent_id, third.id);
}

TEST_F(MeldingServiceTest, ImportIsIdempotentAndReportsRejectedLines) {
  std::vector<ImportItem> items = Items(20, Local(2025, 3, 3, 9), "x");
  items[3].melding.category = "onzin";
  items[7].melding.location = {GivenLocation::Crs::kWgs84, 4.8952, 52.3702};
  items[9].steps = {{Local(2025, 3, 4, 9), State::kInBehandeling},
                    {Local(2025, 3, 5, 9), State::kAfgehandeld, "Opgelost."}};
  items[11].steps = {{Local(2025, 3, 4, 9), State::kGesplitst}};  // not via the workflow table
  int64_t progress = 0;
  ImportOptions options;
  options.batch = 6;
  options.progress = [&](int64_t done, int64_t total) {
    EXPECT_EQ(total, 20);
    progress = done;
  };
  auto summary = service_->Import(items, actor_, options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(progress, 20);
  EXPECT_EQ(summary->stored, 17);
  ASSERT_EQ(summary->rejected.size(), 3u);
  EXPECT_EQ(summary->rejected[0].line, 5);
  EXPECT_EQ(summary->rejected[0].field, "categorie");
  EXPECT_EQ(summary->rejected[1].field, "locatie");
  EXPECT_EQ(summary->rejected[2].line, 13);

  auto again = service_->Import(items, actor_, options);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stored, 0);
  EXPECT_EQ(again->already_present, 17);

  ListQuery q;
  q.limit = 100;
  q.sort = ListQuery::Sort::kReceivedAsc;
  auto page = service_->List(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 17u);
  EXPECT_EQ(page->items.front().number, "M-2025-000001");
  EXPECT_EQ(page->items.back().number, "M-2025-000017");  // no gaps from re-imported rows
  std::optional<Melding> closed;
  for (const auto& m : page->items) {
    if (m.source_id == "x9") closed = m;
  }
  ASSERT_TRUE(closed.has_value());
  EXPECT_EQ(closed->state, State::kAfgehandeld);
  EXPECT_EQ(closed->closed_at, Local(2025, 3, 5, 9));
  auto history = service_->History("GM0014", closed->id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[2].at, Local(2025, 3, 5, 9));
  EXPECT_TRUE((*history)[2].for_reporter);
}

// A large import with the indexes put off: full text finds the imported meldingen once the
// load is finished, a melding created meanwhile as well, and lists are right throughout. Only
// SQLite defers; PostgreSQL keeps its indexes and finds everything at once.
TEST_F(MeldingServiceTest, BulkLoadRebuildsTheIndexesAfterwards) {
  const bool pg = db_->dialect() == store::Dialect::kPostgres;
  auto started = service_->StartBulkLoad(0, /*force=*/true);
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  EXPECT_EQ(*started, !pg);
  auto summary = service_->Import(Items(120, Local(2025, 6, 1, 8), "b"), actor_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->stored, 120);
  NewMelding during = Valid();
  during.text = "Lantaarnpaal knippert tijdens de import.";
  const Melding created = MustCreate(during);

  auto count = [&](const std::string& text, std::optional<std::string> wijk = std::nullopt) {
    ListQuery q;
    q.text = text;
    if (wijk) q.wijken = {*wijk};
    q.limit = 500;
    auto page = service_->List(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items.size() : 0u;
  };
  EXPECT_EQ(count(""), 121u);                     // lists answer without the deferred indexes
  EXPECT_EQ(count("", created.wijk) >= 1, true);  // also filtered on a wijk
  EXPECT_EQ(count("systeem"), pg ? 120u : 0u);    // full text lags during the load

  ASSERT_TRUE(service_->FinishBulkLoad().ok());
  EXPECT_EQ(count("systeem"), 120u);
  EXPECT_EQ(count("lantaarnpaal"), 1u);
  MustCreate(during);
  EXPECT_EQ(count("lantaarnpaal"), 2u);  // the full-text trigger is back

  // Without force, a small load next to what is stored keeps the indexes up to date.
  auto small = service_->StartBulkLoad(10);
  ASSERT_TRUE(small.ok());
  EXPECT_FALSE(*small);
}

TEST_F(MeldingServiceTest, HistoryIsAppendOnly) {
  Melding m = MustCreate(Valid());
  Status update = db_->Write([&](store::Transaction& txn) {
    return txn.Execute("UPDATE melding_history SET text = 'weg' WHERE melding_id = ?", {m.id})
        .status();
  });
  EXPECT_FALSE(update.ok());
  Status remove = db_->Write([&](store::Transaction& txn) {
    return txn.Execute("DELETE FROM melding_history WHERE melding_id = ?", {m.id}).status();
  });
  EXPECT_FALSE(remove.ok());
  EXPECT_EQ(service_->History("GM0014", m.id)->size(), 2u);
}

TEST_F(MeldingServiceTest, AssignPriorityAndNotes) {
  Melding m = MustCreate(Valid());
  auto a = service_->Assign("GM0014", m.id, "toezicht", "user-7", actor_);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->department, "toezicht");
  EXPECT_EQ(a->assignee, "user-7");
  EXPECT_EQ(service_->Assign("GM0014", m.id, "nergens", "", actor_).status().field(), "afdeling");
  auto p = service_->SetPriority("GM0014", m.id, Priority::kHigh, actor_);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(service_->Get("GM0014", m.id)->priority, Priority::kHigh);
  ASSERT_TRUE(service_->AddNote("GM0014", m.id, "Gebeld met de melder.", true, actor_).ok());
  auto history = service_->History("GM0014", m.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->back().kind, HistoryKind::kNote);
  EXPECT_TRUE(history->back().for_reporter);
  EXPECT_EQ(service_->Get("GM0014", m.id)->version, 4);
}

// Analysis reads meldingen as events: time, place, category and buurt only; merged duplicates
// and confidential records stay out unless asked; categories match main or sub codes.
TEST_F(MeldingServiceTest, ForEachEventStreamsPlacesWithoutTextOrDuplicates) {
  NewMelding early = Valid("afvalbak");
  early.occurred_at = Local(2026, 11, 20, 9);
  Melding a = MustCreate(early);
  Melding b = MustCreate(Valid("hondenpoep"));
  Melding dup = MustCreate(Valid("afvalbak"));
  ASSERT_TRUE(service_->MergeDuplicate("GM0014", dup.id, a.id, actor_).ok());
  NewMelding secret = Valid("drugsoverlast");
  Melding c = MustCreate(secret);

  std::vector<int64_t> last_seq;
  auto collect = [&](const EventFilter& f) {
    std::vector<std::string> got;
    last_seq.clear();
    Status st = ForEachEvent(*db_, f, [&](const MeldingEvent& e) -> Status {
      EXPECT_GT(e.seq, 0);
      last_seq.push_back(e.seq);
      EXPECT_NEAR(e.x, a.x, 300);
      EXPECT_FALSE(e.buurt.empty());
      EXPECT_FALSE(e.wijk.empty());
      got.push_back(std::string(e.category) + "@" + FormatRfc3339(e.time));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return got;
  };
  EventFilter all{.tenant = "GM0014"};
  std::vector<std::string> got = collect(all);
  ASSERT_EQ(got.size(), 2u);  // no duplicate, no confidential record
  EXPECT_EQ(got[0], "afvalbak@" + FormatRfc3339(Local(2026, 11, 20, 9)));  // oldest first
  EXPECT_EQ(got[1].substr(0, 11), "hondenpoep@");

  EventFilter with_secret = all;
  with_secret.max_sensitivity = security::Sensitivity::kConfidential;
  EXPECT_EQ(collect(with_secret).size(), 3u);

  EventFilter by_main = all;
  by_main.categories = {"dieren"};
  EXPECT_EQ(collect(by_main), std::vector<std::string>{got[1]});
  EventFilter by_sub = all;
  by_sub.categories = {"afvalbak", "zwerfafval"};
  EXPECT_EQ(collect(by_sub), std::vector<std::string>{got[0]});

  EventFilter period = all;
  period.from = Local(2026, 11, 21, 0);
  period.to = Local(2026, 11, 25, 0);
  EXPECT_EQ(collect(period), std::vector<std::string>{got[1]});

  collect(all);
  EventFilter later = with_secret;
  later.after_seq = std::max(last_seq[0], last_seq[1]);  // only c was stored after a and b
  EXPECT_EQ(collect(later).size(), 1u);
  EXPECT_EQ(collect(EventFilter{.tenant = "GM0034"}).size(), 0u);
  (void)b;
  (void)c;
}

}  // namespace
}  // namespace baken::signals
