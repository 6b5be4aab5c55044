#include "baken/base/log.h"

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "baken/base/config.h"
#include "baken/base/time_zone.h"

namespace baken::log {
namespace {

class LogTest : public ::testing::Test {
 protected:
  LogTest() : clock_(*ParseRfc3339("2026-11-28T13:00:00.123456Z")) {
    SetClock(clock_);
    SetLevel(Level::kInfo);
    LogToStream(out_);
  }
  ~LogTest() override {
    LogToStderr();
    SetClock(SystemClock::Instance());
    SetLevel(Level::kInfo);
  }

  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  FakeClock clock_;
  std::ostringstream out_;
};

TEST_F(LogTest, WritesOneLogfmtLinePerEvent) {
  Info("server.started", {{"listen", "127.0.0.1:8080"}, {"areas", 123}});
  clock_.Advance(std::chrono::milliseconds(2));
  Warn("import.row_skipped", {{"row", 17L}, {"ratio", 0.25}, {"dry_run", true}});
  EXPECT_EQ(out_.str(),
            "ts=2026-11-28T13:00:00.123Z level=info event=server.started listen=127.0.0.1:8080 "
            "areas=123\n"
            "ts=2026-11-28T13:00:00.125Z level=warn event=import.row_skipped row=17 ratio=0.25 "
            "dry_run=true\n");
}

TEST_F(LogTest, QuotesValuesWithSpacesAndEscapes) {
  Error("store.failed", {{"reason", "database is locked"},
                         {"empty", ""},
                         {"quote", "zei \"hallo\""},
                         {"lines", "a\nb"},
                         {"eq", "a=b"}});
  ASSERT_EQ(Lines().size(), 1u);  // the newline in a value did not split the line
  EXPECT_EQ(Lines()[0],
            "ts=2026-11-28T13:00:00.123Z level=error event=store.failed "
            "reason=\"database is locked\" empty=\"\" quote=\"zei \\\"hallo\\\"\" "
            "lines=\"a\\nb\" eq=\"a=b\"");
}

TEST_F(LogTest, SecretFieldsAreAlwaysRedacted) {
  Info("login", {{"user", "jan"},
                 {"password", "hunter2"},
                 {"Session_Token", "abc123"},
                 {"Authorization", "Bearer xyz"},
                 {"cookie", "sid=42"},
                 {"api_key", 987654},
                 {"client_secret", "s3"}});
  const std::string line = Lines().at(0);
  for (const char* secret : {"hunter2", "abc123", "xyz", "sid=42", "987654", "s3"}) {
    EXPECT_EQ(line.find(secret), std::string::npos) << secret << " leaked: " << line;
  }
  EXPECT_NE(line.find("user=jan password=*** Session_Token=*** Authorization=*** cookie=*** "
                      "api_key=*** client_secret=***"),
            std::string::npos)
      << line;
}

TEST_F(LogTest, LevelFiltersEvents) {
  Debug("hidden");
  SetLevel(Level::kDebug);
  Debug("shown");
  SetLevel(Level::kError);
  Warn("hidden.too");
  Error("kept");
  SetLevel(Level::kOff);
  Error("dropped");
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("level=debug event=shown"), std::string::npos);
  EXPECT_NE(lines[1].find("level=error event=kept"), std::string::npos);
}

TEST_F(LogTest, KeysAndEventsCannotBreakTheFormat) {
  Info("bad event", {{"a key=x", 1}, {"", 2}});
  EXPECT_EQ(Lines().at(0), "ts=2026-11-28T13:00:00.123Z level=info event=bad_event a_key_x=1 _=2");
}

TEST_F(LogTest, ConcurrentEventsStayWholeLines) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 300;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kPerThread; ++i) Info("work.done", {{"thread", t}, {"i", i}});
    });
  }
  for (std::thread& t : threads) t.join();
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), static_cast<size_t>(kThreads * kPerThread));
  for (const std::string& line : lines) {
    ASSERT_EQ(line.rfind("ts=2026-11-28T13:00:00.123Z level=info event=work.done thread=", 0), 0u)
        << line;
  }
}

TEST_F(LogTest, WritesToAFile) {
  const std::string path = ::testing::TempDir() + "/baken_log_test.log";
  std::remove(path.c_str());
  ASSERT_TRUE(LogToFile(path).ok());
  Info("file.event", {{"n", 1}});
  Flush();
  std::ifstream in(path);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "ts=2026-11-28T13:00:00.123Z level=info event=file.event n=1");
  std::remove(path.c_str());
  // A regular file where a folder is needed cannot be opened (spdlog creates missing folders).
  const std::string blocker = ::testing::TempDir() + "/baken_log_test.blocker";
  std::ofstream(blocker) << "x";
  const Status bad = LogToFile(blocker + "/y.log");
  std::remove(blocker.c_str());
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
}

TEST_F(LogTest, ConfigureTakesLevelAndFileFromConfig) {
  const std::string path = ::testing::TempDir() + "/baken_log_configure.log";
  std::remove(path.c_str());
  Config bad;
  bad.SetDefault("log.level", "luid");
  EXPECT_EQ(Configure(bad).field(), "log.level");
  EXPECT_EQ(GetLevel(), Level::kInfo);  // unchanged
  Config config;
  config.SetDefault("log.level", "warn");
  config.SetFlag("log.file", path);
  ASSERT_TRUE(Configure(config).ok());
  EXPECT_EQ(GetLevel(), Level::kWarn);
  Info("dropped");
  Warn("kept");
  Flush();
  std::ifstream in(path);
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  EXPECT_EQ(line, "ts=2026-11-28T13:00:00.123Z level=warn event=kept");
  EXPECT_FALSE(std::getline(in, line));
  EXPECT_TRUE(out_.str().empty());
  std::remove(path.c_str());
}

TEST(LogLevelTest, ParsesNamesWithDutchError) {
  EXPECT_EQ(*ParseLevel("debug"), Level::kDebug);
  EXPECT_EQ(*ParseLevel("warning"), Level::kWarn);
  const Status bad = ParseLevel("luid").status();
  EXPECT_EQ(bad.field(), "log.level");
  EXPECT_NE(bad.message().find("kies debug"), std::string::npos);
}

}  // namespace
}  // namespace baken::log
