// Attacks on what the server tells the UI about itself (issue 17): the public limits route
// (GET /api/v1/publiek/limieten) and the rights in the current session (GET /api/v1/sessies/huidig,
// "rechten"). The limits must be the same for every caller and name no data; writes to the route
// are refused; the rights are only ever the caller's own, and a forged or foreign session gets
// none.
#include <algorithm>
#include <set>
#include <string>

#include "../api/api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

class CapabilitiesAttackTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    StartServer();
  }
};

TEST_F(CapabilitiesAttackTest, LimitsAreTheSameForEveryCallerAndNameNoData) {
  auto anonymous = client_->Get("/api/v1/publiek/limieten");
  ASSERT_TRUE(anonymous);
  ASSERT_EQ(anonymous->status, 200) << anonymous->body;
  const json limits = Body(anonymous);
  std::set<std::string> keys;
  for (const auto& [k, v] : limits.items()) keys.insert(k);
  EXPECT_EQ(keys,
            (std::set<std::string>{"tekst_min_tekens", "tekst_max_tekens", "bijlagen_max_aantal",
                                   "bijlage_max_bytes", "bijlage_types", "verzoek_max_bytes"}));

  const security::User admin = MakeUser("beheer", Role::kBeheerder);
  const httplib::Headers callers[] = {
      CookieHeaders(SessionFor(admin)),
      {{"Cookie", "baken_sessie=vervalst-en-onbekend"}},
      {{"Authorization", "Bearer bkn_onbekende_sleutel"}},
      {{"X-Forwarded-For", "10.0.0.1"}, {"Accept-Encoding", "gzip"}},
  };
  for (const httplib::Headers& h : callers) {
    auto res = client_->Get("/api/v1/publiek/limieten?tenant=GM0363&x=%00", h);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(Body(res), limits) << "a caller's cookie, key or query changed the limits";
  }
}

TEST_F(CapabilitiesAttackTest, LimitsRouteTakesNoWrites) {
  const std::string body = json{{"tekst_min_tekens", 0}}.dump();
  auto post = client_->Post("/api/v1/publiek/limieten", body, "application/json");
  auto put = client_->Put("/api/v1/publiek/limieten", body, "application/json");
  auto del = client_->Delete("/api/v1/publiek/limieten");
  for (const auto* res : {&post, &put, &del}) {
    ASSERT_TRUE(*res);
    EXPECT_GE((*res)->status, 400) << (*res)->body;
    EXPECT_LT((*res)->status, 500) << (*res)->body;
  }
  auto after = client_->Get("/api/v1/publiek/limieten");
  ASSERT_TRUE(after);
  EXPECT_GT(Body(after)["tekst_min_tekens"].get<int>(), 0);
}

TEST_F(CapabilitiesAttackTest, RightsAreOnlyTheCallersOwn) {
  const security::User admin = MakeUser("beheer", Role::kBeheerder);
  const security::User boa = MakeUser("boa", Role::kBoa);
  auto admin_session = client_->Get("/api/v1/sessies/huidig", CookieHeaders(SessionFor(admin)));
  auto boa_session = client_->Get("/api/v1/sessies/huidig", CookieHeaders(SessionFor(boa)));
  ASSERT_TRUE(admin_session);
  ASSERT_TRUE(boa_session);
  ASSERT_EQ(admin_session->status, 200) << admin_session->body;
  ASSERT_EQ(boa_session->status, 200) << boa_session->body;
  const json boa_rights = Body(boa_session)["rechten"];
  const json admin_rights = Body(admin_session)["rechten"];
  EXPECT_NE(boa_rights, admin_rights);
  for (const json& right : admin_rights) {
    const std::string r = right.get<std::string>();
    if (r.find("beheren") != std::string::npos || r.find("gebruikers") != std::string::npos) {
      EXPECT_EQ(std::count(boa_rights.begin(), boa_rights.end(), right), 0)
          << "a boa is told the administrator's right " << r;
    }
  }
  // No session, a forged one, or a query naming another user: no rights at all.
  for (const httplib::Headers& h :
       {httplib::Headers{}, httplib::Headers{{"Cookie", "baken_sessie=vervalst"}}}) {
    auto res = client_->Get("/api/v1/sessies/huidig?gebruiker=beheer", h);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401) << res->body;
    EXPECT_EQ(res->body.find("rechten"), std::string::npos) << res->body;
  }
}

}  // namespace
}  // namespace baken::api::testing
