// HTTPS: with a certificate and key the server speaks TLS, sends HSTS and marks the session
// cookie Secure. The certificate is self-signed, made by the openssl command in the test.
#include <cstdlib>

#include "api_test_env.h"

namespace baken::api::testing {
namespace {

class TlsTest : public ApiTestEnv {};

TEST_F(TlsTest, ServesHttpsWithHstsAndSecureCookies) {
  const std::string cert = (db_.dir().path() / "cert.pem").string();
  const std::string key = (db_.dir().path() / "key.pem").string();
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost"
      " -keyout " +
      key + " -out " + cert + " > /dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  ServerOptions options;
  options.tls_cert_file = cert;
  options.tls_key_file = key;
  StartServer(options);
  MakeUser("jjansen", security::Role::kBoa);

  httplib::SSLClient client("127.0.0.1", server_->port());
  client.enable_server_certificate_verification(false);  // self-signed, for this test only
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Strict-Transport-Security").find("max-age="), std::string::npos);

  res = client.Post("/api/v1/sessies",
                    nlohmann::json{{"gebruikersnaam", "jjansen"}, {"wachtwoord", kPassword}}.dump(),
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);

  // Plain HTTP to the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", server_->port());
  plain.set_read_timeout(std::chrono::seconds(2));
  auto no = plain.Get("/healthz");
  EXPECT_TRUE(!no || no->status != 200);
}

TEST_F(TlsTest, MissingCertificateFailsToStartInDutch) {
  ServerOptions options;
  options.port = 0;
  options.tls_cert_file = (db_.dir().path() / "bestaat-niet.pem").string();
  options.tls_key_file = (db_.dir().path() / "bestaat-niet.key").string();
  Server server(options, clock_);
  Status started = server.Start();
  EXPECT_EQ(started.code(), StatusCode::kUnavailable);
  EXPECT_NE(started.message().find("TLS-certificaat"), std::string::npos);
}

}  // namespace
}  // namespace baken::api::testing
