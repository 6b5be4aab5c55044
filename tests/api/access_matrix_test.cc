// The authorisation matrix: every route the server registers, for every role (and anonymous),
// under every purpose, with the HTTP status a caller gets. A route registered without a row here
// fails RouteTableCoversEveryRegisteredRoute, so nobody adds an endpoint without deciding who may
// use it. Expected answers are written out by hand (not derived from the policy), so a change to
// the policy table or to a route's access description shows up here as a failing cell.
#include <set>

#include "api_test_env.h"
#include "baken/security/roles.h"

namespace baken::api::testing {
namespace {

using security::Purpose;
using security::Role;

enum class Access {
  kPublic,    // everyone, also anonymous: `status` for all
  kSignedIn,  // any signed-in role: `status`; anonymous: 401
  kPolicy,    // only the (role, purpose) pairs in `allowed`: `status`; other roles 403; anon 401
};

struct RouteRow {
  std::string method;
  std::string pattern;  // as registered
  std::string path;     // an example request path
  Access access;
  int status;  // the answer when allowed (with an empty body where the route takes one)
  std::set<std::pair<Role, Purpose>> allowed = {};
};

// Who may read meldingen, and under which purpose (the policy table, written out by hand).
const std::set<std::pair<Role, Purpose>> kReadMeldingen = {
    {Role::kBoa, Purpose::kMeldingAfhandelen},
    {Role::kBoa, Purpose::kToezichtHandhaving},
    {Role::kToezichthouder, Purpose::kMeldingAfhandelen},
    {Role::kToezichthouder, Purpose::kToezichtHandhaving},
    {Role::kPolitie, Purpose::kToezichtHandhaving},
    {Role::kGebiedsmanager, Purpose::kMeldingAfhandelen},
    {Role::kGebiedsmanager, Purpose::kAnalyse},
    {Role::kAnalist, Purpose::kAnalyse},
    {Role::kCoordinatorMensenhandel, Purpose::kZorgcoordinatie},
    {Role::kCoordinatorMensenhandel, Purpose::kAnalyse},
    {Role::kZorgpartner, Purpose::kZorgcoordinatie},
    {Role::kRiec, Purpose::kToezichtHandhaving},
    {Role::kRiec, Purpose::kAnalyse},
};
// Who may export them: the roles whose grant includes export (policy_table.cc).
const std::set<std::pair<Role, Purpose>> kExportMeldingen = {
    {Role::kGebiedsmanager, Purpose::kMeldingAfhandelen},
    {Role::kGebiedsmanager, Purpose::kAnalyse},
    {Role::kAnalist, Purpose::kAnalyse},
    {Role::kCoordinatorMensenhandel, Purpose::kZorgcoordinatie},
    {Role::kCoordinatorMensenhandel, Purpose::kAnalyse},
    {Role::kRiec, Purpose::kToezichtHandhaving},
    {Role::kRiec, Purpose::kAnalyse},
};
// Who may create and change them: the same without the analysis purpose.
const std::set<std::pair<Role, Purpose>> kHandleMeldingen = {
    {Role::kBoa, Purpose::kMeldingAfhandelen},
    {Role::kBoa, Purpose::kToezichtHandhaving},
    {Role::kToezichthouder, Purpose::kMeldingAfhandelen},
    {Role::kToezichthouder, Purpose::kToezichtHandhaving},
    {Role::kPolitie, Purpose::kToezichtHandhaving},
    {Role::kGebiedsmanager, Purpose::kMeldingAfhandelen},
    {Role::kCoordinatorMensenhandel, Purpose::kZorgcoordinatie},
    {Role::kZorgpartner, Purpose::kZorgcoordinatie},
    {Role::kRiec, Purpose::kToezichtHandhaving},
};

// Who may see hot spot analyses: the two roles that plan on them, pseudonymised (purpose analyse).
const std::set<std::pair<Role, Purpose>> kAnalyseHotspots = {
    {Role::kGebiedsmanager, Purpose::kAnalyse},
    {Role::kAnalist, Purpose::kAnalyse},
};

// Programme monitoring: who reads aggregates for accountability (the council among them, with
// small numbers suppressed), and who keeps the programmes up to date.
const std::set<std::pair<Role, Purpose>> kReadProgrammes = {
    {Role::kGebiedsmanager, Purpose::kVerantwoording},
    {Role::kAnalist, Purpose::kVerantwoording},
    {Role::kCoordinatorMensenhandel, Purpose::kVerantwoording},
    {Role::kRaadslid, Purpose::kVerantwoording},
    {Role::kBeheerder, Purpose::kVerantwoording},
};
// The coordinator mensenhandel passes the route's check; the programme's department then decides
// (only the own department's: programme_routes_test).
const std::set<std::pair<Role, Purpose>> kEditProgrammes = {
    {Role::kGebiedsmanager, Purpose::kVerantwoording},
    {Role::kCoordinatorMensenhandel, Purpose::kVerantwoording},
    {Role::kAnalist, Purpose::kVerantwoording},
    {Role::kBeheerder, Purpose::kVerantwoording},
};

const std::vector<RouteRow>& RouteTable() {
  static const std::vector<RouteRow> kTable = {
      {"GET", "/healthz", "/healthz", Access::kPublic, 200},
      {"GET", "/readyz", "/readyz", Access::kPublic, 200},
      {"GET", "/metrics", "/metrics", Access::kPublic, 200},
      {"POST", "/api/v1/sessies", "/api/v1/sessies", Access::kPublic, 400},
      {"GET", "/api/v1/sessies/huidig", "/api/v1/sessies/huidig", Access::kSignedIn, 200},
      {"DELETE", "/api/v1/sessies/huidig", "/api/v1/sessies/huidig", Access::kSignedIn, 204},
      {"DELETE", "/api/v1/sessies", "/api/v1/sessies", Access::kSignedIn, 200},
      // TOTP set-up: any person may start it (201); confirming needs a code, so empty is 400.
      {"POST", "/api/v1/sessies/huidig/totp", "/api/v1/sessies/huidig/totp", Access::kSignedIn,
       201},
      {"POST", "/api/v1/sessies/huidig/totp/bevestiging", "/api/v1/sessies/huidig/totp/bevestiging",
       Access::kSignedIn, 400},
      // Changing the own password needs the current one, so an empty body is 400.
      {"PUT", "/api/v1/sessies/huidig/wachtwoord", "/api/v1/sessies/huidig/wachtwoord",
       Access::kSignedIn, 400},
      {"GET",
       "/api/v1/gebruikers",
       "/api/v1/gebruikers",
       Access::kPolicy,
       200,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      // User and API-key administration: the beheerder (with a second factor) only; an empty
      // body is a 400, an unknown id a 404.
      {"POST",
       "/api/v1/gebruikers",
       "/api/v1/gebruikers",
       Access::kPolicy,
       400,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"PATCH",
       "/api/v1/gebruikers/([0-9A-Za-z_-]{1,64})",
       "/api/v1/gebruikers/onbekend",
       Access::kPolicy,
       400,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"POST",
       "/api/v1/gebruikers/([0-9A-Za-z_-]{1,64})/wachtwoord",
       "/api/v1/gebruikers/onbekend/wachtwoord",
       Access::kPolicy,
       404,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"GET",
       "/api/v1/api-sleutels",
       "/api/v1/api-sleutels",
       Access::kPolicy,
       200,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"POST",
       "/api/v1/api-sleutels",
       "/api/v1/api-sleutels",
       Access::kPolicy,
       400,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"DELETE",
       "/api/v1/api-sleutels/([0-9A-Za-z_-]{1,64})",
       "/api/v1/api-sleutels/onbekend",
       Access::kPolicy,
       404,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      // Four eyes (ADR 0011): the beheerder lists proposed changes and decides on those of
      // others; an unknown change is a 404.
      {"GET",
       "/api/v1/wijzigingen",
       "/api/v1/wijzigingen",
       Access::kPolicy,
       200,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"POST",
       "/api/v1/wijzigingen/([0-9A-Za-z_-]{1,64})/goedkeuring",
       "/api/v1/wijzigingen/onbekend/goedkeuring",
       Access::kPolicy,
       404,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"POST",
       "/api/v1/wijzigingen/([0-9A-Za-z_-]{1,64})/afwijzing",
       "/api/v1/wijzigingen/onbekend/afwijzing",
       Access::kPolicy,
       404,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"GET",
       "/api/v1/audit/hoofd",
       "/api/v1/audit/hoofd",
       Access::kPolicy,
       200,
       {{Role::kAuditor, Purpose::kVerantwoording}}},
      // Areas are open data; no areas are loaded in this database, hence 404 and an empty list.
      {"GET", "/api/v1/gebieden", "/api/v1/gebieden", Access::kPublic, 200},
      {"GET", "/api/v1/adressen", "/api/v1/adressen?q=markt", Access::kPublic, 200},
      {"GET", "/api/v1/gebieden/([A-Za-z0-9]+)", "/api/v1/gebieden/WK001401", Access::kPublic, 404},
      // Meldingen, public side: an empty form is a 400, an unknown follow code a 404.
      {"POST", "/api/v1/publiek/meldingen", "/api/v1/publiek/meldingen", Access::kPublic, 400},
      {"GET", "/api/v1/publiek/meldingen/([A-Za-z0-9_-]{16,128})",
       "/api/v1/publiek/meldingen/onbekende-volgcode-123", Access::kPublic, 404},
      {"GET", "/api/v1/publiek/kaart", "/api/v1/publiek/kaart", Access::kPublic, 200},
      {"GET", "/api/v1/publiek/limieten", "/api/v1/publiek/limieten", Access::kPublic, 200},
      {"GET", "/api/v1/publiek/vergelijkbare-meldingen",
       "/api/v1/publiek/vergelijkbare-meldingen?categorie=hondenpoep&lon=6.5665&lat=53.2194",
       Access::kPublic, 200},
      {"POST", "/api/v1/publiek/categorie-suggestie", "/api/v1/publiek/categorie-suggestie",
       Access::kPublic, 400},
      {"POST", "/api/v1/publiek/meldingen/([A-Za-z0-9_-]{16,128})/tevredenheid",
       "/api/v1/publiek/meldingen/onbekende-volgcode-123/tevredenheid", Access::kPublic, 400},
      {"GET", "/api/v1/categorieen", "/api/v1/categorieen", Access::kPublic, 200},
      // Category management: the functional administrator only (reference data, purpose beheer);
      // an empty body is a 400.
      {"PUT",
       "/api/v1/categorieen/([a-z0-9_-]{1,64})",
       "/api/v1/categorieen/hondenpoep",
       Access::kPolicy,
       400,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"GET",
       "/api/v1/categorieen/([a-z0-9_-]{1,64})/versies",
       "/api/v1/categorieen/hondenpoep/versies",
       Access::kPolicy,
       200,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      // Routing rules and departments: like category management.
      {"GET",
       "/api/v1/routeringsregels",
       "/api/v1/routeringsregels",
       Access::kPolicy,
       200,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"PUT",
       "/api/v1/routeringsregels",
       "/api/v1/routeringsregels",
       Access::kPolicy,
       400,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"POST",
       "/api/v1/afdelingen",
       "/api/v1/afdelingen",
       Access::kPolicy,
       400,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      {"PATCH",
       "/api/v1/afdelingen/([a-z0-9_-]{1,64})",
       "/api/v1/afdelingen/toezicht",
       Access::kPolicy,
       400,
       {{Role::kBeheerder, Purpose::kBeheer}}},
      // Hot spot analysis: analysts and gebiedsmanagers under purpose analyse only (the other
      // roles with an analysis grant get 403 from the route). No areas are loaded here, so the
      // grid routes answer 409 (no study region), the area counts and patterns an empty list.
      {"GET", "/api/v1/analyse/hotspots", "/api/v1/analyse/hotspots", Access::kPolicy, 409,
       kAnalyseHotspots},
      {"GET", "/api/v1/analyse/gebieden", "/api/v1/analyse/gebieden", Access::kPolicy, 200,
       kAnalyseHotspots},
      {"GET", "/api/v1/analyse/backtest", "/api/v1/analyse/backtest", Access::kPolicy, 409,
       kAnalyseHotspots},
      {"GET", "/api/v1/analyse/patronen", "/api/v1/analyse/patronen", Access::kPolicy, 200,
       kAnalyseHotspots},
      // Programmes: none are stored here, so one programme is 404 and an empty body 400.
      {"GET", "/api/v1/programmas", "/api/v1/programmas", Access::kPolicy, 200, kReadProgrammes},
      {"GET", "/api/v1/programmas/([a-z0-9_-]{1,64})", "/api/v1/programmas/geen", Access::kPolicy,
       404, kReadProgrammes},
      {"PATCH", "/api/v1/programmas/([a-z0-9_-]{1,64})/onderdelen/([a-z0-9_-]{1,64})",
       "/api/v1/programmas/geen/onderdelen/parkeren", Access::kPolicy, 400, kEditProgrammes},
      {"POST", "/api/v1/programmas/([a-z0-9_-]{1,64})/indicatoren/([a-z0-9_-]{1,64})/waarden",
       "/api/v1/programmas/geen/indicatoren/i/waarden", Access::kPolicy, 400, kEditProgrammes},
      {"GET", "/api/v1/programmas/([a-z0-9_-]{1,64})/historie", "/api/v1/programmas/geen/historie",
       Access::kPolicy, 404, kReadProgrammes},
      // Reports: no format is 400; texts of an unknown programme are none (200), writing them
      // without a body 400; no figures stored for the Highlights is 404.
      {"GET", "/api/v1/programmas/([a-z0-9_-]{1,64})/voortgang",
       "/api/v1/programmas/geen/voortgang", Access::kPolicy, 400, kReadProgrammes},
      {"GET", "/api/v1/programmas/([a-z0-9_-]{1,64})/teksten/([0-9]{4}(?:-Q[1-4])?)",
       "/api/v1/programmas/geen/teksten/2025", Access::kPolicy, 200, kReadProgrammes},
      {"PUT",
       "/api/v1/programmas/([a-z0-9_-]{1,64})/teksten/([0-9]{4}(?:-Q[1-4])?)/([a-z0-9_-]{1,64})",
       "/api/v1/programmas/geen/teksten/2025/inleiding", Access::kPolicy, 400, kEditProgrammes},
      {"GET", "/api/v1/programmas/highlights/([0-9]{4})", "/api/v1/programmas/highlights/2025",
       Access::kPolicy, 404, kReadProgrammes},
      {"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", Access::kPublic, 200},
      // Open311: public reading; creating needs an API key in the form (none here: 403).
      {"GET", R"(/open311/v2/discovery\.(json|xml))", "/open311/v2/discovery.json", Access::kPublic,
       200},
      {"GET", R"(/open311/v2/services\.(json|xml))", "/open311/v2/services.xml", Access::kPublic,
       200},
      {"GET", R"(/open311/v2/services/([a-z0-9_-]{1,64})\.(json|xml))",
       "/open311/v2/services/hondenpoep.json", Access::kPublic, 200},
      {"POST", R"(/open311/v2/requests\.(json|xml))", "/open311/v2/requests.json", Access::kPublic,
       403},
      {"GET", R"(/open311/v2/requests\.(json|xml))", "/open311/v2/requests.xml", Access::kPublic,
       200},
      {"GET", R"(/open311/v2/requests/([A-Za-z0-9-]{1,64})\.(json|xml))",
       "/open311/v2/requests/M-2026-000999.json", Access::kPublic, 404},
      // Meldingen, staff side. Residents hold a grant for their own meldingen only and follow
      // those by code, so the staff routes refuse them.
      {"GET", "/api/v1/meldingen", "/api/v1/meldingen", Access::kPolicy, 200, kReadMeldingen},
      {"POST", "/api/v1/meldingen", "/api/v1/meldingen", Access::kPolicy, 400, kHandleMeldingen},
      // The wijk dashboard: counts for whoever may list the meldingen (no areas here, so an
      // empty list of wijken).
      {"GET", "/api/v1/wijkbeeld", "/api/v1/wijkbeeld", Access::kPolicy, 200, kReadMeldingen},
      {"GET", "/api/v1/meldingen/export", "/api/v1/meldingen/export", Access::kPolicy, 200,
       kExportMeldingen},
      {"GET", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})", "/api/v1/meldingen/M-2026-000999",
       Access::kPolicy, 404, kReadMeldingen},
      {"PATCH", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})", "/api/v1/meldingen/M-2026-000999",
       Access::kPolicy, 400, kHandleMeldingen},
      {"GET", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/historie",
       "/api/v1/meldingen/M-2026-000999/historie", Access::kPolicy, 404, kReadMeldingen},
      {"POST", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/statuswijzigingen",
       "/api/v1/meldingen/M-2026-000999/statuswijzigingen", Access::kPolicy, 400, kHandleMeldingen},
      {"POST", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/notities",
       "/api/v1/meldingen/M-2026-000999/notities", Access::kPolicy, 400, kHandleMeldingen},
      {"GET", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/duplicaten",
       "/api/v1/meldingen/M-2026-000999/duplicaten", Access::kPolicy, 404, kReadMeldingen},
      {"POST", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/samenvoegen",
       "/api/v1/meldingen/M-2026-000999/samenvoegen", Access::kPolicy, 400, kHandleMeldingen},
      // The colleagues a melding of a department can be assigned to: staff who handle meldingen.
      {"GET", "/api/v1/afdelingen/([a-z0-9_-]{1,64})/behandelaars",
       "/api/v1/afdelingen/toezicht/behandelaars", Access::kPolicy, 200, kHandleMeldingen},
      {"POST", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/splitsen",
       "/api/v1/meldingen/M-2026-000999/splitsen", Access::kPolicy, 400, kHandleMeldingen},
      {"GET", "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/bijlagen/([A-Za-z0-9-]{1,64})",
       "/api/v1/meldingen/M-2026-000999/bijlagen/b1", Access::kPolicy, 404, kReadMeldingen},
  };
  return kTable;
}

class AccessMatrixTest : public ApiTestEnv {
 protected:
  httplib::Result Send(const RouteRow& row, const httplib::Headers& headers,
                       const std::string& query = "") {
    const std::string path = row.path + query;
    if (row.method == "GET") return client_->Get(path, headers);
    if (row.method == "DELETE") return client_->Delete(path, headers);
    if (row.method == "POST") return client_->Post(path, headers, "", "application/json");
    if (row.method == "PATCH") return client_->Patch(path, headers, "", "application/json");
    if (row.method == "PUT") return client_->Put(path, headers, "", "application/json");
    ADD_FAILURE() << "no sender for " << row.method;
    return client_->Get(path, headers);
  }
};

TEST_F(AccessMatrixTest, RouteTableCoversEveryRegisteredRoute) {
  StartServer();
  std::set<std::pair<std::string, std::string>> table;
  for (const RouteRow& row : RouteTable()) table.emplace(row.method, row.pattern);
  for (const RouteInfo& route : server_->routes()) {
    EXPECT_TRUE(table.count({route.method, route.pattern}))
        << route.method << " " << route.pattern
        << " is registered but has no row in the authorisation matrix (access_matrix_test.cc)";
  }
  EXPECT_EQ(table.size(), server_->routes().size()) << "a row names a route that does not exist";
}

TEST_F(AccessMatrixTest, EveryRouteEveryRoleEveryPurpose) {
  options_.sign_in = RateLimit{1000, std::chrono::seconds(60)};  // the table signs in often
  // ... and checks the own password once per role (its own strict group since ADR 0012).
  options_.credential_check = RateLimit{1000, std::chrono::seconds(60)};
  StartServer();
  std::map<Role, security::User> users;
  for (Role role : security::kAllRoles) {
    users[role] = MakeUser(std::string(security::RoleCode(role)), role);
  }
  for (const RouteRow& row : RouteTable()) {
    SCOPED_TRACE(row.method + " " + row.path);
    // Anonymous.
    auto anon = Send(row, {});
    ASSERT_TRUE(anon);
    EXPECT_EQ(anon->status, row.access == Access::kPublic ? row.status : 401);
    if (row.access == Access::kPolicy || row.access == Access::kSignedIn) {
      EXPECT_EQ(anon->get_header_value("Content-Type"), "application/problem+json");
      EXPECT_NE(Body(anon)["detail"].get<std::string>().find("niet aangemeld"), std::string::npos);
    }
    for (Role role : security::kAllRoles) {
      SCOPED_TRACE(std::string(security::RoleCode(role)));
      if (row.access != Access::kPolicy) {
        auto res = Send(row, CookieHeaders(SessionFor(users[role])));
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, row.status);
        continue;
      }
      // No purpose given: the role's own purpose for this route is chosen.
      bool role_allowed = false;
      for (const auto& [r, p] : row.allowed) role_allowed |= (r == role);
      auto by_default = Send(row, CookieHeaders(SessionFor(users[role])));
      ASSERT_TRUE(by_default);
      EXPECT_EQ(by_default->status, role_allowed ? row.status : 403);
      for (Purpose purpose : security::kAllPurposes) {
        SCOPED_TRACE(std::string(security::PurposeCode(purpose)));
        httplib::Headers headers = CookieHeaders(SessionFor(users[role]));
        headers.emplace("X-Baken-Doel", std::string(security::PurposeCode(purpose)));
        auto res = Send(row, headers);
        ASSERT_TRUE(res);
        const bool allowed = row.allowed.count({role, purpose}) > 0;
        EXPECT_EQ(res->status, allowed ? row.status : 403);
        if (!allowed) {
          EXPECT_EQ(Body(res)["title"], "Geen toegang");
          EXPECT_FALSE(Body(res)["detail"].get<std::string>().empty());
        }
      }
    }
  }
}

TEST_F(AccessMatrixTest, ConfidentialDataNeedsTheSecondFactor) {
  StartServer();
  const security::User auditor = MakeUser("auditor", Role::kAuditor);
  auto res = client_->Get("/api/v1/audit/hoofd", CookieHeaders(SessionFor(auditor, false)));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = client_->Get("/api/v1/audit/hoofd", CookieHeaders(SessionFor(auditor, true)));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["hash"].get<std::string>().size(), 64u);
}

TEST_F(AccessMatrixTest, PurposeFromTheQueryAndUnknownPurposes) {
  StartServer();
  const security::User admin = MakeUser("beheer", Role::kBeheerder);
  auto res = client_->Get("/api/v1/gebruikers?doel=beheer", CookieHeaders(SessionFor(admin)));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["gebruikers"][0]["email"], "beheer@example.nl");
  res = client_->Get("/api/v1/gebruikers?doel=analyse", CookieHeaders(SessionFor(admin)));
  EXPECT_EQ(res->status, 403);
  res = client_->Get("/api/v1/gebruikers?doel=nieuwsgierigheid", CookieHeaders(SessionFor(admin)));
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "doel");
}

TEST_F(AccessMatrixTest, DenialsAreInTheAuditLog) {
  StartServer();
  const security::User boa = MakeUser("boa", Role::kBoa);
  auto res = client_->Get("/api/v1/gebruikers", CookieHeaders(SessionFor(boa)));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  std::ostringstream out;
  ASSERT_TRUE(services_->audit
                  .Export("GM0014", kNoon - std::chrono::hours(1), kNoon + std::chrono::hours(1),
                          out, security::AuditExportFormat::kJsonLines)
                  .ok());
  const std::string log = out.str();
  EXPECT_NE(log.find("gebruikers.lijst"), std::string::npos) << log;
  EXPECT_NE(log.find(boa.id), std::string::npos) << log;
  EXPECT_NE(log.find("deny"), std::string::npos) << log;
}

TEST_F(AccessMatrixTest, ApiKeyWorksForItsPurposesOnly) {
  StartServer();
  auto for_admin = services_->api_keys.Create("GM0014", "koppeling-beheer", Role::kBeheerder,
                                              {Purpose::kBeheer});
  auto wrong_purpose = services_->api_keys.Create("GM0014", "koppeling-analyse", Role::kAnalist,
                                                  {Purpose::kAnalyse});
  ASSERT_TRUE(for_admin.ok()) << for_admin.status().ToString();
  ASSERT_TRUE(wrong_purpose.ok()) << wrong_purpose.status().ToString();

  auto res = client_->Get("/api/v1/gebruikers", {{"Authorization", "Bearer " + *for_admin}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  res = client_->Get("/api/v1/gebruikers", {{"X-Api-Key", *for_admin}});
  EXPECT_EQ(res->status, 200);

  res = client_->Get("/api/v1/gebruikers", {{"X-Api-Key", *wrong_purpose}});
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(Body(res)["detail"].get<std::string>().find("API-sleutel"), std::string::npos);

  res = client_->Get("/api/v1/gebruikers", {{"X-Api-Key", "bk_" + std::string(64, '0')}});
  EXPECT_EQ(res->status, 401);

  // No CSRF token needed with a key: the request reaches the route (which has no session to end).
  res = client_->Delete("/api/v1/sessies/huidig", {{"X-Api-Key", *for_admin}});
  EXPECT_EQ(res->status, 400);
}

}  // namespace
}  // namespace baken::api::testing
