// The Dutch reporter mails: what they say, where their links go, and when none is sent.
#include "baken/notify/templates.h"

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"

namespace baken::notify {
namespace {

Timestamp At(const char* rfc3339) {
  return *ParseRfc3339(rfc3339);
}

EventForMail Intake() {
  EventForMail e;
  e.kind = MailKind::kConfirmation;
  e.tenant = "GM0014";
  e.melding_id = "018f3c1e-7b2a-7c3d-8e4f-0123456789ab";
  e.number = "M-2026-000123";
  e.reporter_email = "j.devries@example.nl";
  e.reporter_name = "Jan de Vries";
  e.consent_to_contact = false;
  e.category_public_name = "Container vol of kapot";
  e.handling_message = "Wij legen of repareren de container meestal binnen drie werkdagen.";
  e.deadline = At("2026-12-04T17:00:00+01:00");
  e.follow_code = "k3J9x-Qp2";
  return e;
}

Templates Make() {
  auto t = Templates::Create("https://meldingen.groningen.nl/");
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return *t;
}

TEST(TemplatesTest, ConfirmationIsDutchWithDeadlineAndPersonalFollowLink) {
  auto m = Make().Compose(Intake());
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(m->has_value()) << "sent without consent: the reporter must read it";
  EXPECT_EQ((*m)->subject, "Uw melding M-2026-000123 is ontvangen");
  EXPECT_EQ((*m)->to_address, "j.devries@example.nl");
  const std::string& body = (*m)->body_text;
  EXPECT_EQ(body.rfind("Beste Jan de Vries,\n", 0), 0u) << body;
  EXPECT_NE(body.find("onder nummer M-2026-000123."), std::string::npos) << body;
  EXPECT_NE(body.find("Onderwerp: Container vol of kapot\n"), std::string::npos) << body;
  EXPECT_NE(body.find("meestal binnen drie werkdagen."), std::string::npos) << body;
  EXPECT_NE(body.find("uiterlijk vrijdag 4 december 2026 af te handelen"), std::string::npos)
      << body;
  EXPECT_NE(body.find("\nhttps://meldingen.groningen.nl/volgen/k3J9x-Qp2\n"), std::string::npos)
      << body;
  EXPECT_NE(body.find("Met vriendelijke groet,\nGemeente Groningen\n"), std::string::npos);
  EXPECT_EQ(body.find("{{"), std::string::npos);
  EXPECT_EQ(body.find('<'), std::string::npos) << "plain text, no HTML";
  EXPECT_EQ((*m)->dedupe_key, "bevestiging:GM0014:018f3c1e-7b2a-7c3d-8e4f-0123456789ab");
}

TEST(TemplatesTest, StatusChangeNamesTheStateAndPointsToTheFollowPageWithTheNumber) {
  EventForMail e = Intake();
  e.kind = MailKind::kStatusChange;
  e.follow_code.clear();  // only known at intake
  e.state = signals::State::kIngepland;
  e.reporter_text = "Wij komen dinsdag de container legen.";
  e.event_seq = 7;
  auto m = Make().Compose(e);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(m->has_value());
  EXPECT_EQ((*m)->subject, "Uw melding M-2026-000123: Ingepland");
  const std::string& body = (*m)->body_text;
  EXPECT_NE(body.find("is gewijzigd in: Ingepland."), std::string::npos) << body;
  EXPECT_NE(body.find("\nWij komen dinsdag de container legen.\n"), std::string::npos) << body;
  EXPECT_NE(body.find("https://meldingen.groningen.nl/volgen en vul uw meldingsnummer "
                      "M-2026-000123 in."),
            std::string::npos)
      << body;
  EXPECT_EQ((*m)->dedupe_key, "statuswijziging:GM0014:018f3c1e-7b2a-7c3d-8e4f-0123456789ab:7");
}

TEST(TemplatesTest, ConfirmationAndStatusChangeSayWhereTheMeldingIsWhenKnown) {
  EventForMail e = Intake();
  e.place = "bij Oude Boteringestraat, 9712 GH";
  auto confirmation = Make().Compose(e);
  ASSERT_TRUE(confirmation.ok() && confirmation->has_value());
  EXPECT_NE((*confirmation)
                ->body_text.find(
                    "Onderwerp: Container vol of kapot\nPlek: bij Oude Boteringestraat, 9712 GH\n"),
            std::string::npos)
      << (*confirmation)->body_text;
  e.kind = MailKind::kStatusChange;
  e.reporter_text = "Opgelost.";
  auto status = Make().Compose(e);
  ASSERT_TRUE(status.ok() && status->has_value());
  EXPECT_NE((*status)->body_text.find("Plek: bij Oude Boteringestraat, 9712 GH\n"),
            std::string::npos)
      << (*status)->body_text;
  // Without a known street no empty "Plek:" line.
  e.place.clear();
  auto without = Make().Compose(e);
  ASSERT_TRUE(without.ok() && without->has_value());
  EXPECT_EQ((*without)->body_text.find("Plek:"), std::string::npos) << (*without)->body_text;
}

TEST(TemplatesTest, SatisfactionQuestionLinksToTheSurveyAndNeedsConsent) {
  EventForMail e = Intake();
  e.kind = MailKind::kSatisfaction;
  e.state = signals::State::kAfgehandeld;
  e.event_seq = 9;
  auto none = Make().Compose(e);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value()) << "a survey only with consent_to_contact";

  e.consent_to_contact = true;
  auto m = Make().Compose(e);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_TRUE(m->has_value());
  EXPECT_EQ((*m)->subject, "Hoe tevreden bent u over de afhandeling van melding M-2026-000123?");
  EXPECT_NE((*m)->body_text.find("https://meldingen.groningen.nl/volgen/k3J9x-Qp2#tevredenheid"),
            std::string::npos)
      << (*m)->body_text;

  e.follow_code.clear();
  auto general = Make().Compose(e);
  ASSERT_TRUE(general.ok());
  EXPECT_NE((*general)->body_text.find("https://meldingen.groningen.nl/volgen#tevredenheid\nVul "
                                       "daar uw meldingsnummer M-2026-000123 in"),
            std::string::npos)
      << (*general)->body_text;
}

TEST(TemplatesTest, NothingWithoutAddressOrWithoutReporterText) {
  EventForMail e = Intake();
  e.reporter_email.clear();
  auto m = Make().Compose(e);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->has_value());

  e = Intake();
  e.kind = MailKind::kStatusChange;
  e.reporter_text.clear();
  m = Make().Compose(e);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->has_value());
}

TEST(TemplatesTest, AnonymousNameAndInjectionAreHandled) {
  EventForMail e = Intake();
  e.reporter_name.clear();
  e.category_public_name = "Container\r\nBcc: x@y.nl";
  auto m = Make().Compose(e);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)->body_text.rfind("Beste melder,\n", 0), 0u);
  EXPECT_NE((*m)->body_text.find("Onderwerp: Container  Bcc: x@y.nl\n"), std::string::npos);

  e.reporter_email = "a@b.nl\r\nBcc: x@y.nl";
  auto bad = Make().Compose(e);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "melder.email");
}

TEST(TemplatesTest, UnknownPlaceholderIsAnErrorNamingTheTemplate) {
  Status s = CheckTemplate("Beste {{naam}}, {{telefoon}}", {"naam"}, "bevestiging.tekst");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "bevestiging.tekst");
  EXPECT_NE(s.message().find("{{telefoon}}"), std::string::npos);

  EXPECT_FALSE(Placeholders("Beste {{naam").ok());
  EXPECT_FALSE(Placeholders("Beste {{Naam!}}").ok());
  EXPECT_FALSE(Render("{{naam}} {{nummer}}", {{"naam", "Jan"}}).ok());
  auto filled = Render("{{naam}}: {{nummer}}", {{"naam", "{{nummer}}"}, {"nummer", "M-1"}});
  ASSERT_TRUE(filled.ok());
  EXPECT_EQ(*filled, "{{nummer}}: M-1") << "values are not filled in again";
}

TEST(TemplatesTest, CompiledTemplatesAreCheckedAtStartAndTheAddressMustBeAUrl) {
  EXPECT_TRUE(Templates::Create("http://127.0.0.1:8080").ok());
  auto bad = Templates::Create("meldingen.groningen.nl");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "server.public_url");
}

TEST(TemplatesTest, MailKindCodesRoundTrip) {
  for (MailKind k : {MailKind::kConfirmation, MailKind::kStatusChange, MailKind::kSatisfaction}) {
    EXPECT_EQ(*ParseMailKind(MailKindCode(k)), k);
  }
  EXPECT_EQ(ParseMailKind("sms").status().field(), "soort");
}

}  // namespace
}  // namespace baken::notify
