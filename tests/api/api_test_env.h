// ApiTestEnv: a Baken server as `baken serve` builds it (RegisterRoutes), on 127.0.0.1 port 0,
// over a fresh, migrated SQLite database in a temporary folder, with a FakeClock. Tests talk to
// it over HTTP and prepare users, sessions and API keys through the same security services.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "baken/api/auth.h"
#include "baken/api/routes.h"
#include "baken/api/server.h"
#include "baken/geo/geojson.h"
#include "baken/store/area_repository.h"
#include "baken/store/testing/test_database.h"

namespace baken::api::testing {

// Monday 21 September 2026, 12:00 UTC.
inline const Timestamp kNoon = FromUnixMicros(1'789'992'000'000'000);
inline constexpr char kPassword[] = "Zomer-op-het-Wad-2026";
// A point in the centre of Groningen (Grote Markt), inside the test areas.
inline constexpr double kLon = 6.5666, kLat = 53.2191;

class ApiTestEnv : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    options_.server_key = std::string(32, 'k');
    options_.hash_params = security::PasswordHashParams{1, size_t{8} << 20};  // cheap for tests
  }

  void TearDown() override {
    client_.reset();
    if (server_) server_->Stop();
    server_.reset();
    services_.reset();
    db_.Close();
  }

  // Groningen's CBS wijken and buurten (2017) from the shared data, as `baken areas import` loads
  // them; call before StartServer (routes read the areas once). Use with ASSERT_NO_FATAL_FAILURE.
  void LoadGroningenAreas() {
    const std::string dir = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";
    store::AreaRepository repo(*db_, clock_);
    for (auto [file, level] : {std::pair{"cbs-wijken-2017.geojson", geo::Level::kDistrict},
                               std::pair{"cbs-buurten-2017.geojson", geo::Level::kNeighbourhood}}) {
      auto fc = geo::ReadGeoJsonFile(dir + file);
      ASSERT_TRUE(fc.ok()) << fc.status().ToString();
      auto set = geo::ImportCbs(*fc, level, "GM0014");
      ASSERT_TRUE(set.ok()) << set.status().ToString();
      ASSERT_TRUE(repo.ReplaceLevel("GM0014", "Groningen", level, *set, file).ok());
    }
  }

  void StartServer(ServerOptions server_options = {}) {
    server_options.port = 0;
    server_options.threads = 4;
    server_ = std::make_unique<Server>(server_options, clock_);
    signals_options_.attachment_dir = (db_.dir().path() / "bijlagen").string();
    Status registered = RegisterRoutes(*server_, *db_, clock_, options_, signals_options_);
    ASSERT_TRUE(registered.ok()) << registered.ToString();
    services_ = std::make_unique<SecurityServices>(*db_, clock_, options_);
    ASSERT_TRUE(server_->Start().ok());
    if (!server_options.tls()) {
      client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
      // Analysis routes compute for seconds on a loaded sanitizer build; httplib's default read
      // timeout (5 s) turned that into a null result instead of an answer.
      client_->set_read_timeout(std::chrono::seconds(120));
    }
  }

  security::User MakeUser(const std::string& username, security::Role role,
                          std::vector<std::string> departments = {"centrum"}) {
    security::NewUser n{"GM0014",
                        username,
                        "Naam " + username,
                        username + "@example.nl",
                        role,
                        std::move(departments),
                        kPassword};
    auto u = services_->accounts.CreateUser(n, "admin-1");
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : security::User{};
  }

  // A session as after a complete sign-in (password and, when asked, TOTP).
  security::NewSession SessionFor(const security::User& user, bool second_factor = true) {
    security::Principal p{user.id, user.tenant, user.role, user.departments, second_factor};
    auto s = services_->sessions.Create(p, "127.0.0.1");
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : security::NewSession{};
  }

  static httplib::Headers CookieHeaders(const security::NewSession& s, bool with_csrf = true) {
    httplib::Headers h = {{"Cookie", "baken_sessie=" + s.token}};
    if (with_csrf) h.emplace("X-CSRF-Token", s.csrf_token);
    return h;
  }

  httplib::Result SignIn(const std::string& username, const std::string& password) {
    return client_->Post(
        "/api/v1/sessies",
        nlohmann::json{{"gebruikersnaam", username}, {"wachtwoord", password}}.dump(),
        "application/json");
  }

  static nlohmann::json Body(const httplib::Result& res) {
    return nlohmann::json::parse(res->body, nullptr, false);
  }

  FakeClock clock_{kNoon};
  store::testing::TestDatabase db_;
  SecurityOptions options_;
  signals::SetupOptions signals_options_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<SecurityServices> services_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace baken::api::testing
