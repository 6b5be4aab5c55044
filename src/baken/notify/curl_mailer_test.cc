// CurlMailer over plain TCP (smtp.tls = geen) against the test sink: the dialogue, the headers,
// dot-stuffing, the refused password and failures; the message format; the smtp.* settings.
// Encryption is tested against a STARTTLS server in curl_mailer_tls_test.cc.
#include "baken/notify/curl_mailer.h"
#include "baken/base/encoding.h"

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"
#include "baken/notify/mime.h"
#include "baken/notify/testing/smtp_sink.h"

namespace baken::notify {
namespace {

using testing::SmtpSink;

// Decodes a header of "=?UTF-8?B?...?=" words separated by folding white space.
std::string DecodeWords(const std::string& value) {
  std::string out;
  size_t pos = 0;
  while ((pos = value.find("=?UTF-8?B?", pos)) != std::string::npos) {
    const size_t end = value.find("?=", pos + 10);
    out += Base64Decode(value.substr(pos + 10, end - pos - 10)).value_or("?");
    pos = end + 2;
  }
  return out;
}

Message Sample() {
  Message m;
  m.tenant = "GM0014";
  m.melding_id = "m1";
  m.to_address = "melder@example.nl";
  m.subject = "Uw melding M-2026-000123: café overlast – één update";
  m.body_text = "Beste melder,\n.verborgen regel\n.\nEinde van de brief, één groet\n";
  m.dedupe_key = "k1";
  return m;
}

class CurlMailerPlainTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(sink_.Start().ok()); }
  SmtpOptions Options() {
    SmtpOptions o;
    o.host = "127.0.0.1";
    o.port = sink_.port();
    o.tls = SmtpTls::kNone;
    o.from = "noreply@groningen.nl";
    o.timeout = std::chrono::milliseconds(3000);
    return o;
  }
  SmtpSink sink_;
  FakeClock clock_{*ParseRfc3339("2026-11-28T13:05:09Z")};
};

TEST_F(CurlMailerPlainTest, DeliversWithHeadersUtf8SubjectAndDotStuffing) {
  CurlMailer client(Options(), clock_);
  Status s = client.Send(Sample(), "0190-abc");
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(sink_.Count(), 1u);
  const testing::ReceivedMail mail = sink_.Messages()[0];
  // libcurl adds SIZE= when the sink offers it; no BODY=8BITMIME.
  EXPECT_EQ(mail.mail_from.rfind("<noreply@groningen.nl>", 0), 0u) << mail.mail_from;
  EXPECT_EQ(mail.mail_from.find("8BITMIME"), std::string::npos) << mail.mail_from;
  ASSERT_EQ(mail.rcpt_to.size(), 1u);
  EXPECT_EQ(mail.rcpt_to[0], "<melder@example.nl>");
  EXPECT_EQ(mail.Header("From"), "noreply@groningen.nl");
  EXPECT_EQ(mail.Header("To"), "melder@example.nl");
  EXPECT_EQ(mail.Header("Date"), "Sat, 28 Nov 2026 14:05:09 +0100");
  EXPECT_EQ(mail.Header("Message-ID"), "<0190-abc@groningen.nl>");
  EXPECT_EQ(mail.Header("MIME-Version"), "1.0");
  EXPECT_EQ(mail.Header("Content-Type"), "text/plain; charset=UTF-8");
  // libcurl does not announce BODY=8BITMIME, so non-ASCII text travels quoted-printable.
  EXPECT_EQ(mail.Header("Content-Transfer-Encoding"), "quoted-printable");
  const std::string subject = mail.Header("Subject");
  EXPECT_EQ(subject.rfind("=?UTF-8?B?", 0), 0u) << subject;
  EXPECT_EQ(DecodeWords(subject), Sample().subject);
  // The lone "." would have ended DATA early without dot-stuffing (libcurl's); the sink unstuffs.
  EXPECT_EQ(mail.Body(),
            "Beste melder,\r\n.verborgen regel\r\n.\r\nEinde van de brief, =C3=A9=C3=A9n "
            "groet\r\n");
}

// The review saw AUTH PLAIN with the password cross plain TCP. Without an encrypted connection
// nothing is sent at all, before connecting, and the reason names the setting.
TEST_F(CurlMailerPlainTest, PasswordOverPlainTcpIsRefusedBeforeConnecting) {
  sink_.RequireAuth("baken", "geheim-wachtwoord");
  SmtpOptions o = Options();
  o.user = "baken";
  o.password = "geheim-wachtwoord";
  Status s = CurlMailer(o, clock_).Send(Sample(), "1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("smtp.password"), std::string::npos) << s.ToString();
  EXPECT_NE(s.message().find("STARTTLS"), std::string::npos) << s.ToString();
  EXPECT_EQ(s.ToString().find("geheim-wachtwoord"), std::string::npos) << s.ToString();
  EXPECT_EQ(sink_.Count(), 0u);
  EXPECT_TRUE(sink_.Transcript().empty());  // not even EHLO: the password never left

  // Without a password and a server that wants AUTH: refused by the server, nothing sent.
  o.password.clear();
  o.user.clear();
  EXPECT_FALSE(CurlMailer(o, clock_).Send(Sample(), "2").ok());
  EXPECT_EQ(sink_.Count(), 0u);
}

TEST_F(CurlMailerPlainTest, RefusalIsTemporaryAndADownServerIsUnavailable) {
  sink_.SetRefuse(true);
  Status refused = CurlMailer(Options(), clock_).Send(Sample(), "1");
  EXPECT_EQ(refused.code(), StatusCode::kUnavailable) << refused.ToString();
  EXPECT_NE(refused.message().find("451"), std::string::npos) << refused.ToString();

  SmtpOptions o = Options();
  sink_.Stop();
  Status down = CurlMailer(o, clock_).Send(Sample(), "2");
  EXPECT_EQ(down.code(), StatusCode::kUnavailable) << down.ToString();

  sink_.SetRefuse(false);
  ASSERT_TRUE(sink_.Start().ok());
  EXPECT_EQ(sink_.port(), o.port);
  EXPECT_TRUE(CurlMailer(o, clock_).Send(Sample(), "3").ok());
  EXPECT_EQ(sink_.Count(), 1u);
}

TEST(SmtpFormatTest, AsciiIs7bitAndNoBodyLineOver998WithoutQuotedPrintable) {
  Message m = Sample();
  m.subject = "Uw melding is ontvangen";
  m.body_text = "Regel een\nRegel twee";
  const Timestamp t = *ParseRfc3339("2026-07-01T10:00:00Z");
  std::string text = FormatMessage(m, "a@b.nl", t, "x@b.nl", false);
  EXPECT_NE(text.find("Subject: Uw melding is ontvangen\r\n"), std::string::npos);
  EXPECT_NE(text.find("Date: Wed, 1 Jul 2026 12:00:00 +0200\r\n"), std::string::npos);
  EXPECT_NE(text.find("Content-Transfer-Encoding: 7bit\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n\r\nRegel een\r\nRegel twee\r\n"), std::string::npos);

  m.body_text = "één " + std::string(1200, 'x');
  text = FormatMessage(m, "a@b.nl", t, "x@b.nl", true);
  EXPECT_NE(text.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\n\r\n=C3=A9=C3=A9n xxx"), std::string::npos);
  for (size_t pos = 0, end; (end = text.find("\r\n", pos)) != std::string::npos; pos = end + 2) {
    EXPECT_LE(end - pos, 76u);
  }
}

TEST(SmtpFormatTest, EncodedWordsStayShortAndNeverSplitACharacter) {
  const std::string subject(40, 'a');
  const std::string long_subject = subject + "ééééééééééééééééééééééééééééééé";
  const std::string encoded = EncodeHeaderValue(long_subject);
  EXPECT_EQ(DecodeWords(encoded), long_subject);
  for (size_t pos = 0, end = 0; pos < encoded.size(); pos = end + 3) {
    end = encoded.find("\r\n ", pos);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - pos, 75u);
    // Each word decodes to valid UTF-8 on its own: no word starts with a continuation byte.
    const std::string word = DecodeWords(encoded.substr(pos, end - pos));
    ASSERT_FALSE(word.empty());
    EXPECT_NE(static_cast<unsigned char>(word[0]) & 0xC0, 0x80);
  }
  EXPECT_EQ(EncodeHeaderValue("Gewoon ASCII"), "Gewoon ASCII");
}

TEST(SmtpOptionsTest, FromConfigNeedsASenderAndHidesNothingSecretInErrors) {
  Config config;
  auto missing = SmtpOptionsFromConfig(config);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "smtp.from");

  ASSERT_TRUE(config
                  .LoadText("[smtp]\nhost = mail.groningen.nl\nport = 587\nfrom = "
                            "noreply@groningen.nl\nuser = baken\npassword = s3cret\n",
                            "test.conf")
                  .ok());
  auto o = SmtpOptionsFromConfig(config);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->host, "mail.groningen.nl");
  EXPECT_EQ(o->port, 587);
  EXPECT_EQ(o->user, "baken");
  EXPECT_EQ(o->password, "s3cret");
  EXPECT_EQ(o->tls, SmtpTls::kStartTls);  // encryption required unless switched off
  EXPECT_NE(config.Show().find("smtp.password = ***"), std::string::npos) << config.Show();
}

TEST(SmtpOptionsTest, SmtpsHostMeansImplicitTlsOnPort465AndUnknownTlsIsNamed) {
  Config config;
  ASSERT_TRUE(
      config
          .LoadText("[smtp]\nhost = smtps://mail.groningen.nl\nfrom = noreply@groningen.nl\n"
                    "ca_bestand = /etc/baken/ca.pem\n",
                    "test.conf")
          .ok());
  auto o = SmtpOptionsFromConfig(config);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->host, "mail.groningen.nl");
  EXPECT_EQ(o->tls, SmtpTls::kImplicit);
  EXPECT_EQ(o->port, 465);
  EXPECT_EQ(o->ca_file, "/etc/baken/ca.pem");

  Config bad;
  ASSERT_TRUE(
      bad.LoadText("[smtp]\ntls = misschien\nfrom = noreply@groningen.nl\n", "test.conf").ok());
  auto refused = SmtpOptionsFromConfig(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field(), "smtp.tls");
}

}  // namespace
}  // namespace baken::notify
