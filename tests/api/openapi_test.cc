// The OpenAPI document served at /api/v1/openapi.json describes exactly the registered routes, is
// the committed web/openapi.json (from which the UI's types are generated), and real answers of
// the server fit the schemas it declares.
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "api_test_env.h"
#include "openapi_check.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum (WK001400).

class OpenApiTest : public ApiTestEnv {
 protected:
  json Document() {
    auto res = client_->Get("/api/v1/openapi.json");
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, 200);
    return json::parse(res->body);
  }
};

TEST_F(OpenApiTest, EveryRegisteredRouteIsDescribedAndNothingElse) {
  StartServer();
  json doc = Document();
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_FALSE(doc.contains("x-ongedocumenteerd"))
      << "routes neither declared (route_spec.h) nor in openapi.cc's table: "
      << doc["x-ongedocumenteerd"].dump();

  size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      ++operations;
      EXPECT_TRUE(op.contains("summary")) << method << " " << path;
      EXPECT_TRUE(op["responses"].is_object()) << method << " " << path;
      EXPECT_TRUE(op.contains("x-baken-toegang")) << method << " " << path;
      // Every {param} in the path template is declared as a path parameter.
      std::regex param(R"(\{([a-z_]+)\})");
      for (auto it = std::sregex_iterator(path.begin(), path.end(), param);
           it != std::sregex_iterator(); ++it) {
        bool declared = false;
        for (const json& p : op.value("parameters", json::array())) {
          declared |= p["in"] == "path" && p["name"] == (*it)[1].str();
        }
        EXPECT_TRUE(declared) << (*it)[1].str() << " in " << method << " " << path;
      }
    }
  }
  EXPECT_EQ(operations, server_->routes().size());

  // Schemas referenced exist.
  const std::string text = doc.dump();
  std::regex ref("#/components/schemas/([A-Za-z]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), ref); it != std::sregex_iterator();
       ++it) {
    EXPECT_TRUE(doc["components"]["schemas"].contains((*it)[1].str())) << (*it)[1].str();
  }
}

// The UI's types are generated from web/openapi.json in `npm run build`: it must be what the
// server declares. BAKEN_REGENERATE_DOCS=1 rewrites it.
TEST_F(OpenApiTest, CommittedWebOpenApiJsonIsWhatTheServerDeclares) {
  StartServer();
  auto res = client_->Get("/api/v1/openapi.json");
  ASSERT_TRUE(res);
  const std::string path = std::string(BAKEN_SOURCE_DIR) + "/web/openapi.json";
  if (std::getenv("BAKEN_REGENERATE_DOCS") != nullptr) {
    std::ofstream(path, std::ios::binary) << res->body;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing " << path << "; run this test with BAKEN_REGENERATE_DOCS=1";
  std::stringstream file;
  file << in.rdbuf();
  EXPECT_TRUE(file.str() == res->body)
      << "web/openapi.json differs from the declared routes; rerun this test with "
         "BAKEN_REGENERATE_DOCS=1 and commit the file";
}

class OpenApiAnswersTest : public OpenApiTest {
 protected:
  void SetUp() override {
    OpenApiTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    check_ = std::make_unique<OpenApiCheck>(Document());
    boa_ = MakeUser("boa", Role::kBoa, {"toezicht", "stadsbeheer"});
  }

  // Checks the answer against the document and returns its body.
  json Fits(const std::string& method, const std::string& path, const httplib::Result& res) {
    EXPECT_TRUE(res) << method << " " << path;
    if (!res) return json();
    json body = json::parse(res->body, nullptr, false);
    for (const std::string& e : check_->Check(method, path, res->status, body)) {
      ADD_FAILURE() << method << " " << path << " " << res->status << ": " << e;
    }
    return body;
  }

  httplib::Headers Staff() {
    httplib::Headers h = CookieHeaders(session_);
    h.emplace("X-Baken-Doel", "toezicht_handhaving");
    return h;
  }

  std::unique_ptr<OpenApiCheck> check_;
  security::User boa_;
  security::NewSession session_;
};

TEST_F(OpenApiAnswersTest, PublicAnswersFitTheirSchemas) {
  const json form = {{"tekst", "Er ligt al dagen een berg vuilniszakken naast de container."},
                     {"categorie", "grofvuil"},
                     {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}},
                     {"melder", {{"naam", "Anna de Vries"}, {"email", "anna@example.nl"}}}};
  auto created = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const json receipt = Fits("post", "/api/v1/publiek/meldingen", created);
  Fits("get", "/api/v1/publiek/meldingen/{volgcode}",
       client_->Get("/api/v1/publiek/meldingen/" + receipt["volgcode"].get<std::string>()));
  Fits("get", "/api/v1/categorieen", client_->Get("/api/v1/categorieen"));
  Fits("get", "/api/v1/publiek/limieten", client_->Get("/api/v1/publiek/limieten"));
  // The check can fail: an answer without the required fields, or with a wrong type, is caught.
  EXPECT_FALSE(check_->Check("get", "/api/v1/publiek/limieten", 200, json::object()).empty());
  EXPECT_FALSE(check_
                   ->Check("get", "/api/v1/categorieen", 200,
                           json{{"versie", "1"}, {"hoofdcategorieen", {}}})
                   .empty());
  Fits("get", "/api/v1/publiek/kaart", client_->Get("/api/v1/publiek/kaart"));
  Fits("get", "/api/v1/publiek/vergelijkbare-meldingen",
       client_->Get("/api/v1/publiek/vergelijkbare-meldingen?categorie=grofvuil&lon=6.5666&"
                    "lat=53.2191"));
  Fits("post", "/api/v1/publiek/categorie-suggestie",
       client_->Post("/api/v1/publiek/categorie-suggestie", R"({"tekst": "vuilniszakken"})",
                     "application/json"));
  // An error answer fits the problem schema, which names the field.
  auto bad = client_->Post("/api/v1/publiek/meldingen", R"({"tekst": "kort"})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(check_->Check("post", "/api/v1/publiek/meldingen", 400, Body(bad)).empty());
}

TEST_F(OpenApiAnswersTest, StaffAnswersFitTheirSchemas) {
  auto signed_in = SignIn("boa", kPassword);
  Fits("post", "/api/v1/sessies", signed_in);
  session_ = SessionFor(boa_);
  Fits("get", "/api/v1/sessies/huidig", client_->Get("/api/v1/sessies/huidig", Staff()));
  const json form = {{"tekst", "Fietswrak tegen de lantaarnpaal, al weken."},
                     {"categorie", "grofvuil"},
                     {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}}};
  auto created = client_->Post("/api/v1/meldingen", Staff(), form.dump(), "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const json melding = Fits("post", "/api/v1/meldingen", created);
  const std::string item = "/api/v1/meldingen/" + melding["id"].get<std::string>();
  const std::string tmpl = "/api/v1/meldingen/{id}";
  Fits("get", "/api/v1/meldingen", client_->Get("/api/v1/meldingen", Staff()));
  Fits("get", tmpl, client_->Get(item, Staff()));
  Fits("patch", tmpl,
       client_->Patch(item, Staff(), R"({"prioriteit": "hoog"})", "application/json"));
  Fits("post", tmpl + "/statuswijzigingen",
       client_->Post(item + "/statuswijzigingen", Staff(), R"({"status": "in_behandeling"})",
                     "application/json"));
  Fits("post", tmpl + "/notities",
       client_->Post(item + "/notities", Staff(), R"({"tekst": "Gebeld met de melder."})",
                     "application/json"));
  Fits("get", tmpl + "/historie", client_->Get(item + "/historie", Staff()));
  Fits("get", tmpl + "/duplicaten", client_->Get(item + "/duplicaten", Staff()));
}

// What the form checks is what the server checks: the limits it tells are the ones it applies.
TEST_F(OpenApiAnswersTest, TheToldTextLimitIsTheAppliedOne) {
  auto res = client_->Get("/api/v1/publiek/limieten");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const json limits = Body(res);
  const size_t min = limits["tekst_min_tekens"];
  EXPECT_GE(limits["bijlagen_max_aantal"].get<int>(), 1);
  EXPECT_NE(std::find(limits["bijlage_types"].begin(), limits["bijlage_types"].end(), "image/jpeg"),
            limits["bijlage_types"].end());
  auto post = [&](size_t length) {
    const json form = {{"tekst", std::string(length, 'x')},
                       {"categorie", "grofvuil"},
                       {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}}};
    auto r = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    return r ? r->status : 0;
  };
  EXPECT_EQ(post(min - 1), 400);
  EXPECT_EQ(post(min), 201);
}

// "rechten" says per role what the routes themselves then allow: the menu never offers a page
// whose data the server refuses, nor hides one it would give.
TEST_F(OpenApiAnswersTest, CapabilitiesAreWhatTheRoutesAllow) {
  const std::vector<std::pair<std::string, std::string>> checks = {
      {"meldingen.lijst", "/api/v1/meldingen"},
      {"meldingen.exporteren", "/api/v1/meldingen/export"},
      {"wijkbeeld", "/api/v1/wijkbeeld"},
      {"analyse", "/api/v1/analyse/gebieden"},
      {"programmas.lezen", "/api/v1/programmas"}};
  for (Role role : {Role::kBoa, Role::kToezichthouder, Role::kGebiedsmanager, Role::kAnalist,
                    Role::kCoordinatorMensenhandel, Role::kZorgpartner, Role::kPolitie, Role::kRiec,
                    Role::kRaadslid, Role::kBeheerder, Role::kAuditor}) {
    const std::string code(security::RoleCode(role));
    const security::User user = MakeUser("u-" + code, role, {"stadsbeheer"});
    const httplib::Headers h = CookieHeaders(SessionFor(user));
    auto me = client_->Get("/api/v1/sessies/huidig", h);
    ASSERT_TRUE(me);
    const json rights = Fits("get", "/api/v1/sessies/huidig", me)["rechten"];
    for (const auto& [capability, path] : checks) {
      auto res = client_->Get(path, h);
      ASSERT_TRUE(res);
      const bool offered = std::find(rights.begin(), rights.end(), capability) != rights.end();
      EXPECT_EQ(offered, res->status != 403)
          << code << " " << capability << ": " << res->status << " " << res->body.substr(0, 200);
    }
  }
}

}  // namespace
}  // namespace baken::api::testing
