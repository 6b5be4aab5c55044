#include "baken/base/config.h"

#include <fstream>

#include <gtest/gtest.h>

namespace baken {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::string_view kFile = R"(# Baken configuration
db = sqlite:/var/lib/baken/baken.db

[server]
listen = 127.0.0.1:8080
threads = 8
max_body = 1048576
; semicolon comment
motd = "  welkom # geen commentaar  "

[security]
session_ttl = 12h
retention = 365d
db_password = geheim123
)";

TEST(ConfigTest, ReadsKeysSectionsCommentsAndQuotes) {
  Config c;
  ASSERT_TRUE(c.LoadText(kFile, "baken.conf").ok());
  EXPECT_EQ(*c.GetString("db"), "sqlite:/var/lib/baken/baken.db");
  EXPECT_EQ(*c.GetString("server.listen"), "127.0.0.1:8080");
  EXPECT_EQ(*c.GetInt("server.threads"), 8);
  EXPECT_EQ(*c.GetString("server.motd"), "  welkom # geen commentaar  ");
  EXPECT_EQ(*c.GetDuration("security.session_ttl"), hours(12));
  EXPECT_EQ(*c.GetDuration("security.retention"), hours(24 * 365));
  EXPECT_EQ(c.Find("server.threads")->origin, "baken.conf:6");
  EXPECT_FALSE(c.Has("listen"));
}

TEST(ConfigTest, FlagBeatsEnvironmentBeatsFileBeatsDefaultInAnyLoadOrder) {
  Config c;
  c.SetFlag("server.listen", "0.0.0.0:80");
  c.LoadEnvironment({"BAKEN_SERVER_LISTEN=10.0.0.1:81", "BAKEN_SERVER_THREADS=4", "PATH=/bin"});
  ASSERT_TRUE(c.LoadText(kFile, "baken.conf").ok());
  c.SetDefault("server.listen", "127.0.0.1:1");
  c.SetDefault("server.port_range", "8000-8100");

  EXPECT_EQ(*c.GetString("server.listen"), "0.0.0.0:80");
  EXPECT_EQ(c.Find("server.listen")->source, ConfigSource::kFlag);
  EXPECT_EQ(*c.GetInt("server.threads"), 4);
  EXPECT_EQ(c.Find("server.threads")->source, ConfigSource::kEnvironment);
  EXPECT_EQ(c.Find("server.threads")->origin, "BAKEN_SERVER_THREADS");
  EXPECT_EQ(c.Find("db")->source, ConfigSource::kFile);
  EXPECT_EQ(c.Find("server.port_range")->source, ConfigSource::kDefault);
  EXPECT_FALSE(c.Has("path"));
}

TEST(ConfigTest, EnvironmentNamesMapToKeys) {
  Config c;
  c.SetDefault("server.max_body", "1024");
  c.LoadEnvironment({"BAKEN_DB=postgres://db", "BAKEN_SERVER_LISTEN=:8080",
                     "BAKEN_SERVER_MAX_BODY=2048", "BAKEN_LOG_LEVEL=debug"});
  EXPECT_EQ(*c.GetString("db"), "postgres://db");
  EXPECT_EQ(*c.GetString("server.listen"), ":8080");
  EXPECT_EQ(*c.GetInt("server.max_body"), 2048);  // known key, not "server.max.body"
  EXPECT_EQ(*c.GetString("log.level"), "debug");
}

TEST(ConfigTest, FlagAssignmentsAreParsed) {
  Config c;
  ASSERT_TRUE(c.SetFlag("server.listen=127.0.0.1:9000").ok());
  EXPECT_EQ(*c.GetString("server.listen"), "127.0.0.1:9000");
  ASSERT_TRUE(c.SetFlag("motd=a=b").ok());
  EXPECT_EQ(*c.GetString("motd"), "a=b");
  EXPECT_FALSE(c.SetFlag("geen-gelijkteken").ok());
}

TEST(ConfigTest, TypedGettersExplainInDutchAndNameTheKey) {
  Config c;
  c.SetDefault("server.threads", "acht");
  c.SetDefault("feature.kaart", "misschien");
  c.SetDefault("security.session_ttl", "12 uur");
  const Status not_int = c.GetInt("server.threads").status();
  EXPECT_EQ(not_int.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(not_int.field(), "server.threads");
  EXPECT_NE(not_int.message().find("'server.threads'"), std::string::npos);
  EXPECT_NE(not_int.message().find("geheel getal"), std::string::npos);
  EXPECT_NE(c.GetBool("feature.kaart").status().message().find("ja of nee"), std::string::npos);
  EXPECT_NE(c.GetDuration("security.session_ttl").status().message().find("duur"),
            std::string::npos);
  const Status missing = c.GetString("db").status();
  EXPECT_NE(missing.message().find("'db' ontbreekt"), std::string::npos);
  EXPECT_NE(missing.message().find("BAKEN_DB"), std::string::npos);
}

TEST(ConfigTest, ParsesBoolsAndDurations) {
  Config c;
  c.SetDefault("a", "Ja");
  c.SetDefault("b", "off");
  c.SetDefault("c", "0");
  c.SetDefault("d1", "30s");
  c.SetDefault("d2", "15m");
  c.SetDefault("d3", "500ms");
  c.SetDefault("d4", "15");
  c.SetDefault("d5", "-1s");
  c.SetDefault("d6", "99999999999999d");
  EXPECT_TRUE(*c.GetBool("a"));
  EXPECT_FALSE(*c.GetBool("b"));
  EXPECT_FALSE(*c.GetBool("c"));
  EXPECT_EQ(*c.GetDuration("d1"), seconds(30));
  EXPECT_EQ(*c.GetDuration("d2"), minutes(15));
  EXPECT_EQ(*c.GetDuration("d3"), microseconds(500000));
  EXPECT_FALSE(c.GetDuration("d4").ok());  // a unit is required
  EXPECT_FALSE(c.GetDuration("d5").ok());
  EXPECT_FALSE(c.GetDuration("d6").ok());
  EXPECT_FALSE(c.GetInt("d1").ok());
}

TEST(ConfigTest, SecretsNeverShowTheirValue) {
  EXPECT_TRUE(Config::IsSecretKey("security.db_password"));
  EXPECT_TRUE(Config::IsSecretKey("mail.api_key"));
  EXPECT_TRUE(Config::IsSecretKey("session.TOKEN_salt"));
  EXPECT_TRUE(Config::IsSecretKey("pseudonym.secret"));
  EXPECT_FALSE(Config::IsSecretKey("server.listen"));
  Config c;
  ASSERT_TRUE(c.LoadText(kFile, "baken.conf").ok());
  const std::string shown = c.Show();
  EXPECT_EQ(shown.find("geheim123"), std::string::npos) << shown;
  EXPECT_NE(shown.find("security.db_password = ***  (bestand: baken.conf:14)"), std::string::npos)
      << shown;
  EXPECT_NE(shown.find("server.listen = 127.0.0.1:8080  (bestand: baken.conf:5)"),
            std::string::npos);
  const Status bad = c.GetInt("security.db_password").status();
  EXPECT_EQ(bad.message().find("geheim123"), std::string::npos) << bad.message();
}

TEST(ConfigTest, RejectsMalformedFilesWithLineNumberAndKeepsOldValues) {
  Config c;
  c.SetDefault("db", "oud");
  Status s = c.LoadText("db = nieuw\nzomaar een regel\n", "x.conf");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("Regel 2 van x.conf"), std::string::npos) << s.message();
  EXPECT_EQ(*c.GetString("db"), "oud");
  EXPECT_FALSE(c.LoadText("[server\nlisten = 1\n", "x.conf").ok());
  EXPECT_FALSE(c.LoadText("ser ver = 1\n", "x.conf").ok());
  EXPECT_FALSE(c.LoadText(" = 1\n", "x.conf").ok());
}

TEST(ConfigTest, LoadsAFileFromDisk) {
  const std::string path = ::testing::TempDir() + "/baken_config_test.conf";
  {
    std::ofstream out(path);
    out << "[server]\r\nlisten = 127.0.0.1:7000\r\n";
  }
  Config c;
  ASSERT_TRUE(c.LoadFile(path).ok());
  EXPECT_EQ(*c.GetString("server.listen"), "127.0.0.1:7000");
  EXPECT_EQ(c.LoadFile(path + ".ontbreekt").code(), StatusCode::kNotFound);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace baken
