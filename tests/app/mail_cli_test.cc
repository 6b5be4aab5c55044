// `baken mail test` as the application manager runs it, against the plain test sink: with the
// default settings (STARTTLS required) a server without STARTTLS gets nothing and the command
// says why; `smtp.tls = geen` still reaches a local relay without a password; a password over
// plain TCP is refused before connecting (finding 10, ADR 0015).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "baken/notify/testing/smtp_sink.h"
#include "run_process.h"

namespace baken {
namespace {

class MailCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("baken_mail_cli_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    ASSERT_TRUE(sink_.Start().ok());
  }
  void TearDown() override {
    sink_.Stop();
    std::filesystem::remove_all(dir_);
  }

  // `baken mail test` with an [smtp] section of `extra` lines towards the sink.
  testing::ProcessResult MailTest(const std::string& extra) {
    const std::string config = (dir_ / "baken.conf").string();
    std::ofstream(config) << "[smtp]\nhost = 127.0.0.1\nport = " << sink_.port()
                          << "\nfrom = noreply@groningen.nl\ntimeout = 3s\n"
                          << extra;
    return testing::RunProcess(BAKEN_BINARY,
                               {"--config", config, "mail", "test", "--to", "beheer@groningen.nl"});
  }

  bool AnyCommandBeyondEhlo() const {
    for (const std::string& line : sink_.Transcript()) {
      if (line.rfind("EHLO", 0) != 0 && line.rfind("QUIT", 0) != 0) return true;
    }
    return false;
  }

  std::filesystem::path dir_;
  notify::testing::SmtpSink sink_;
};

TEST_F(MailCliTest, DefaultSettingsSendNothingToAServerWithoutStartTlsAndSayWhy) {
  auto r = MailTest("user = baken\npassword = geheim-wachtwoord\n");
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find("biedt geen STARTTLS"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("geheim-wachtwoord"), std::string::npos) << r.err;
  EXPECT_EQ(sink_.Count(), 0u);
  EXPECT_FALSE(AnyCommandBeyondEhlo());  // no AUTH, no MAIL FROM, no DATA
}

TEST_F(MailCliTest, PlainRelayWithoutPasswordStillWorksWhenChosen) {
  auto r = MailTest("tls = geen\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Testbericht verstuurd naar beheer@groningen.nl"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("onversleuteld"), std::string::npos) << r.out;
  ASSERT_EQ(sink_.Count(), 1u);
  EXPECT_EQ(sink_.Messages()[0].Header("Subject"), "Testbericht van Baken");
}

TEST_F(MailCliTest, PasswordOverPlainTcpIsRefusedBeforeConnecting) {
  auto r = MailTest("tls = geen\nuser = baken\npassword = geheim-wachtwoord\n");
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find("smtp.password"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("geheim-wachtwoord"), std::string::npos) << r.err;
  EXPECT_TRUE(sink_.Transcript().empty());
}

}  // namespace
}  // namespace baken
