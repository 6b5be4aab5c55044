// Attacks on the melding and Open311 routes, as a review of the running server made them, over
// real HTTP against a server on 127.0.0.1 port 0 with Groningen's wijken and buurten. Each test
// is named after the hole it keeps closed and asserts what the attacker would have seen.
#include <sstream>
#include <string>

#include "../api/api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum (WK001400).
// A JPEG (by its magic bytes) whose content would identify a person.
constexpr char kPhotoBase64[] = "/9j/4CBmb3RvIHZhbiBTYXJhIEphbnNlbg==";
constexpr char kPhotoContent[] = "foto van Sara Jansen";

class SecurityMeldingTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    boa_ = MakeUser("boa", Role::kBoa, {"toezicht"});
    analist_ = MakeUser("analist", Role::kAnalist, {});
    coordinator_ = MakeUser("coordinator", Role::kCoordinatorMensenhandel, {"mensenhandel"});
  }

  static json Form(const std::string& category, const std::string& text,
                   const std::string& name = "Sara Jansen") {
    return {{"tekst", text},
            {"categorie", category},
            {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}},
            {"melder",
             {{"naam", name},
              {"email", "sara.jansen@example.nl"},
              {"telefoon", "0612345678"},
              {"toestemming_contact", true}}}};
  }

  httplib::Result PostPublic(const json& form, const std::string& key = "") {
    httplib::Headers h;
    if (!key.empty()) h.emplace("Idempotency-Key", key);
    return client_->Post("/api/v1/publiek/meldingen", h, form.dump(), "application/json");
  }

  httplib::Headers As(const security::User& u, const std::string& purpose) {
    httplib::Headers h = CookieHeaders(SessionFor(u));
    h.emplace("X-Baken-Doel", purpose);
    return h;
  }

  static httplib::Headers WithKey(httplib::Headers h, const std::string& key) {
    h.emplace("Idempotency-Key", key);
    return h;
  }

  std::string AuditLog() {
    std::ostringstream out;
    EXPECT_TRUE(services_->audit
                    .Export("GM0014", kNoon - std::chrono::hours(1), kNoon + std::chrono::hours(1),
                            out, security::AuditExportFormat::kJsonLines)
                    .ok());
    return out.str();
  }

  // Whether the audit log holds an entry for `action` on the melding `number`.
  bool Audited(const std::string& action, const std::string& number) {
    std::istringstream lines(AuditLog());
    for (std::string line; std::getline(lines, line);) {
      const json e = json::parse(line, nullptr, false);
      if (e.is_object() && e.value("action", "") == action && e.value("object_id", "") == number) {
        return true;
      }
    }
    return false;
  }

  // The problem body without "instance" (the path, which names the number asked for).
  static json WithoutInstance(const httplib::Result& res) {
    json j = Body(res);
    if (j.is_object()) j.erase("instance");
    return j;
  }

  // A trafficking signal from the public form, with the reporter's name, e-mail and phone.
  std::string TraffickingSignal(const std::string& key = "") {
    auto created = PostPublic(
        Form("signaal-mensenhandel", "Er slapen steeds andere vrouwen in het pand boven de zaak."),
        key);
    EXPECT_EQ(created->status, 201) << created->body;
    return Body(created)["nummer"];
  }

  security::User boa_, analist_, coordinator_;
};

void ExpectNoReporter(const httplib::Result& res) {
  EXPECT_EQ(res->body.find("Sara Jansen"), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find("sara.jansen@example.nl"), std::string::npos) << res->body;
  EXPECT_EQ(res->body.find("0612345678"), std::string::npos) << res->body;
}

// Finding 1: a boa sent a harmless graffiti body under the Idempotency-Key of a trafficking
// signal and got the signal back with the reporter's name, e-mail and phone.
TEST_F(SecurityMeldingTest, IdempotencyKeyOfAnotherCallerDoesNotReplayTheirMelding) {
  const std::string signal = TraffickingSignal("sleutel-1");
  json graffiti = Form("graffiti", "Graffiti op de muur van de bibliotheek.");
  graffiti.erase("melder");

  // A boa signed in.
  auto session =
      client_->Post("/api/v1/meldingen", WithKey(As(boa_, "melding_afhandelen"), "sleutel-1"),
                    graffiti.dump(), "application/json");
  ASSERT_EQ(session->status, 201) << session->body;
  EXPECT_NE(Body(session)["nummer"], signal);
  ExpectNoReporter(session);

  // A boa API key.
  auto key = services_->api_keys.Create("GM0014", "boa-app", Role::kBoa,
                                        {security::Purpose::kMeldingAfhandelen});
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  httplib::Headers h = {{"Authorization", "Bearer " + *key}, {"Idempotency-Key", "sleutel-1"}};
  auto api = client_->Post("/api/v1/meldingen", h, graffiti.dump(), "application/json");
  ASSERT_EQ(api->status, 201) << api->body;
  EXPECT_NE(Body(api)["nummer"], signal);
  EXPECT_NE(Body(api)["nummer"], Body(session)["nummer"]);
  ExpectNoReporter(api);
}

TEST_F(SecurityMeldingTest, IdempotencyKeyReusedForADifferentBodyIs422) {
  httplib::Headers h = WithKey(As(boa_, "melding_afhandelen"), "sleutel-2");
  const json first = Form("graffiti", "Graffiti op de muur van de bibliotheek.");
  auto created = client_->Post("/api/v1/meldingen", h, first.dump(), "application/json");
  ASSERT_EQ(created->status, 201) << created->body;

  json other = first;
  other["tekst"] = "Een fiets ligt al weken in de gracht.";
  auto reused = client_->Post("/api/v1/meldingen", h, other.dump(), "application/json");
  ASSERT_EQ(reused->status, 422) << reused->body;
  EXPECT_EQ(Body(reused)["invalid-params"][0]["name"], "Idempotency-Key");
  EXPECT_EQ(reused->body.find(Body(created)["nummer"].get<std::string>()), std::string::npos);

  auto again = client_->Post("/api/v1/meldingen", h, first.dump(), "application/json");
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(Body(again)["nummer"], Body(created)["nummer"]);
}

// The public form: a second resident reusing a key gets neither the first one's melding nor
// its number.
TEST_F(SecurityMeldingTest, PublicIdempotencyKeyDoesNotHandOutAnotherResidentsMelding) {
  auto first = PostPublic(Form("grofvuil", "Er ligt een bank naast de container."), "formulier-1");
  ASSERT_EQ(first->status, 201) << first->body;
  auto second =
      PostPublic(Form("grofvuil", "Een matras op de stoep.", "Piet Pieters"), "formulier-1");
  ASSERT_EQ(second->status, 422) << second->body;
  EXPECT_EQ(second->body.find(Body(first)["nummer"].get<std::string>()), std::string::npos);
  EXPECT_FALSE(Body(second).contains("volgcode"));
}

// A replay is a read of the record as it is now: masked, refused and audited like GET.
TEST_F(SecurityMeldingTest, IdempotencyReplayIsReadThroughThePolicyAndAudited) {
  httplib::Headers h = WithKey(As(boa_, "melding_afhandelen"), "sleutel-3");
  const json body = Form("drugsoverlast", "Er wordt gedeald vanuit de portiek op de hoek.");
  auto created = client_->Post("/api/v1/meldingen", h, body.dump(), "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string number = Body(created)["nummer"];
  ASSERT_EQ(Body(created)["gevoeligheid"], "confidential");

  auto replay = client_->Post("/api/v1/meldingen", h, body.dump(), "application/json");
  ASSERT_EQ(replay->status, 200) << replay->body;
  EXPECT_EQ(Body(replay)["nummer"], number);
  EXPECT_TRUE(Audited("melding.lezen", number)) << AuditLog();

  // Moved to another department, the boa's replay is refused as a read would be.
  auto moved = client_->Patch("/api/v1/meldingen/" + number, As(boa_, "melding_afhandelen"),
                              json{{"afdeling", "veiligheid"}}.dump(), "application/json");
  ASSERT_EQ(moved->status, 200) << moved->body;
  auto read = client_->Get("/api/v1/meldingen/" + number, As(boa_, "melding_afhandelen"));
  ASSERT_EQ(read->status, 403) << read->body;
  auto refused = client_->Post("/api/v1/meldingen", h, body.dump(), "application/json");
  EXPECT_EQ(refused->status, 403) << refused->body;
  ExpectNoReporter(refused);
}

// Finding 6: an analist downloaded another department's confidential photo with its name.
TEST_F(SecurityMeldingTest, MaskedMeldingShowsNoAttachmentNorItsName) {
  json form = Form("woonoverlast", "De buren schreeuwen elke nacht, zie de foto.");
  form["bijlagen"] = json::array(
      {{{"naam", "paspoort-sara-jansen.jpg"}, {"type", "image/jpeg"}, {"inhoud", kPhotoBase64}}});
  auto created = PostPublic(form);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string number = Body(created)["nummer"];

  const security::User gebiedsmanager =
      MakeUser("gebiedsmanager", Role::kGebiedsmanager, {"stadsbeheer"});
  for (const auto& [user, purpose] :
       {std::pair{analist_, "analyse"}, std::pair{gebiedsmanager, "analyse"}}) {
    httplib::Headers h = As(user, purpose);
    auto read = client_->Get("/api/v1/meldingen/" + number, h);
    ASSERT_EQ(read->status, 200) << read->body;
    ExpectNoReporter(read);
    EXPECT_EQ(read->body.find("paspoort"), std::string::npos) << read->body;
    const json attachments = Body(read)["bijlagen"];
    ASSERT_EQ(attachments.size(), 1u);
    auto photo = client_->Get(
        "/api/v1/meldingen/" + number + "/bijlagen/" + attachments[0]["id"].get<std::string>(), h);
    EXPECT_EQ(photo->status, 403) << user.username;
    EXPECT_EQ(photo->body.find(kPhotoContent), std::string::npos);
    auto history = client_->Get("/api/v1/meldingen/" + number + "/historie", h);
    ASSERT_EQ(history->status, 200) << history->body;
    EXPECT_EQ(history->body.find("paspoort"), std::string::npos) << history->body;
  }
}

// Finding 7: Open311 showed the last message to the reporter to anyone, by number.
TEST_F(SecurityMeldingTest, Open311ShowsNoStaffMessage) {
  auto created = PostPublic(Form("grofvuil", "Er ligt een kapotte bank naast de container."));
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string number = Body(created)["nummer"];
  auto closed = client_->Post(
      "/api/v1/meldingen/" + number + "/statuswijzigingen", As(boa_, "melding_afhandelen"),
      json{{"status", "afgehandeld"},
           {"tekst_melder", "Mevrouw Jansen, wij hebben de bank opgehaald."}}
          .dump(),
      "application/json");
  ASSERT_EQ(closed->status, 200) << closed->body;

  for (const char* format : {"json", "xml"}) {
    auto res = client_->Get("/open311/v2/requests/" + number + "." + format);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_NE(res->body.find(number), std::string::npos);
    EXPECT_EQ(res->body.find("Jansen"), std::string::npos) << res->body;
    EXPECT_EQ(res->body.find("opgehaald"), std::string::npos) << res->body;
  }
  json j = json::parse(client_->Get("/open311/v2/requests/" + number + ".json")->body);
  EXPECT_TRUE(!j[0].contains("status_notes") || j[0]["status_notes"].is_null()) << j;
}

// Finding 11: a text starting with = reached Excel as a formula.
TEST_F(SecurityMeldingTest, ExportCellsStartingWithAFormulaCharacterAreText) {
  PostPublic(Form("signaal-mensenhandel", "=HYPERLINK(\"http://aanvaller.example\";\"klik\")"));
  PostPublic(Form("signaal-mensenhandel", "@SUM(1+1)*cmd|' /C calc'!A0 in het pand"));
  auto csv =
      client_->Get("/api/v1/meldingen/export?formaat=csv", As(coordinator_, "zorgcoordinatie"));
  ASSERT_EQ(csv->status, 200) << csv->body;
  const std::string neutralised = "\"'=HYPERLINK(\"\"http://aanvaller.example\"\";\"\"klik\"\")\"";
  EXPECT_NE(csv->body.find(neutralised), std::string::npos) << csv->body;
  EXPECT_NE(csv->body.find(",'@SUM(1+1)"), std::string::npos) << csv->body;
  EXPECT_EQ(csv->body.find(",=HYPERLINK"), std::string::npos);
  EXPECT_EQ(csv->body.find(",\"=HYPERLINK"), std::string::npos);
  EXPECT_EQ(csv->body.find(",@SUM"), std::string::npos);
}

// Finding 14: the duplicates of a melding listed a melding of another department that a direct
// read refuses.
TEST_F(SecurityMeldingTest, DuplicatesHideWhatADirectReadRefuses) {
  httplib::Headers h = As(boa_, "melding_afhandelen");
  const json a = Form("drugsoverlast", "Er wordt gedeald vanuit de portiek op de hoek.");
  const json b = Form("drugsoverlast", "Elke avond wordt er gedeald bij de portiek.");
  auto first = client_->Post("/api/v1/meldingen", h, a.dump(), "application/json");
  auto second = client_->Post("/api/v1/meldingen", h, b.dump(), "application/json");
  ASSERT_EQ(first->status, 201) << first->body;
  ASSERT_EQ(second->status, 201) << second->body;
  const std::string mine = Body(first)["nummer"];
  const std::string theirs = Body(second)["nummer"];

  auto before = client_->Get("/api/v1/meldingen/" + mine + "/duplicaten", h);
  ASSERT_EQ(before->status, 200) << before->body;
  ASSERT_EQ(Body(before)["duplicaten"].size(), 1u) << before->body;

  auto moved = client_->Patch("/api/v1/meldingen/" + theirs, h,
                              json{{"afdeling", "veiligheid"}}.dump(), "application/json");
  ASSERT_EQ(moved->status, 200) << moved->body;
  ASSERT_EQ(client_->Get("/api/v1/meldingen/" + theirs, h)->status, 403);

  auto after = client_->Get("/api/v1/meldingen/" + mine + "/duplicaten", h);
  ASSERT_EQ(after->status, 200) << after->body;
  EXPECT_TRUE(Body(after)["duplicaten"].empty()) << after->body;
  EXPECT_EQ(after->body.find(theirs), std::string::npos);
}

// Duplicates shown are reads: confidential ones are audited as such.
TEST_F(SecurityMeldingTest, DuplicatesShownAreAuditedAsReads) {
  httplib::Headers h = As(boa_, "melding_afhandelen");
  auto first =
      client_->Post("/api/v1/meldingen", h,
                    Form("drugsoverlast", "Er wordt gedeald vanuit de portiek op de hoek.").dump(),
                    "application/json");
  auto second =
      client_->Post("/api/v1/meldingen", h,
                    Form("drugsoverlast", "Elke avond wordt er gedeald bij de portiek.").dump(),
                    "application/json");
  ASSERT_EQ(second->status, 201) << second->body;
  auto dups = client_->Get(
      "/api/v1/meldingen/" + Body(first)["nummer"].get<std::string>() + "/duplicaten", h);
  ASSERT_EQ(dups->status, 200) << dups->body;
  const std::string theirs = Body(second)["nummer"];
  EXPECT_TRUE(Audited("melding.duplicaten", theirs)) << AuditLog();
}

// Finding 15: a 403 told a boa that a number is a trafficking signal; a missing number is 404.
TEST_F(SecurityMeldingTest, TraffickingNumberAnswersLikeAMissingOne) {
  const std::string signal = TraffickingSignal();
  const std::string missing = "M-2026-999999";
  httplib::Headers h = As(boa_, "melding_afhandelen");
  auto own = client_->Post("/api/v1/meldingen", h,
                           Form("graffiti", "Graffiti op de muur van de bibliotheek.").dump(),
                           "application/json");
  ASSERT_EQ(own->status, 201) << own->body;
  const std::string mine = Body(own)["nummer"];

  struct Call {
    std::string method, suffix, body;
  };
  const std::vector<Call> calls = {
      {"GET", "", ""},
      {"GET", "/historie", ""},
      {"GET", "/duplicaten", ""},
      {"GET", "/bijlagen/b1", ""},
      {"POST", "/statuswijzigingen",
       json{{"status", "afgehandeld"}, {"tekst_melder", "Opgelost."}}.dump()},
      {"POST", "/notities", json{{"tekst", "Even kijken."}}.dump()},
      {"PATCH", "", json{{"prioriteit", "hoog"}}.dump()},
      {"POST", "/samenvoegen", json{{"origineel", mine}}.dump()},
      {"POST", "/splitsen",
       json{{"delen",
             {{{"categorie", "graffiti"}, {"tekst", "Graffiti op de muur."}},
              {{"categorie", "grofvuil"}, {"tekst", "Een bank bij de muur."}}}}}
           .dump()},
  };
  auto send = [&](const Call& c, const std::string& number) {
    const std::string path = "/api/v1/meldingen/" + number + c.suffix;
    if (c.method == "GET") return client_->Get(path, h);
    if (c.method == "PATCH") return client_->Patch(path, h, c.body, "application/json");
    return client_->Post(path, h, c.body, "application/json");
  };
  for (const Call& c : calls) {
    auto hidden = send(c, signal);
    auto absent = send(c, missing);
    ASSERT_TRUE(hidden && absent);
    EXPECT_EQ(hidden->status, 404) << c.method << " " << c.suffix << ": " << hidden->body;
    EXPECT_EQ(hidden->status, absent->status) << c.suffix;
    EXPECT_EQ(WithoutInstance(hidden), WithoutInstance(absent)) << c.suffix;
    ExpectNoReporter(hidden);
  }
  // The trafficking signal as the original of a merge.
  auto merge_hidden = client_->Post("/api/v1/meldingen/" + mine + "/samenvoegen", h,
                                    json{{"origineel", signal}}.dump(), "application/json");
  auto merge_absent = client_->Post("/api/v1/meldingen/" + mine + "/samenvoegen", h,
                                    json{{"origineel", missing}}.dump(), "application/json");
  EXPECT_EQ(merge_hidden->status, 404) << merge_hidden->body;
  EXPECT_EQ(WithoutInstance(merge_hidden), WithoutInstance(merge_absent));

  // The refusal is still in the audit log.
  EXPECT_NE(AuditLog().find(signal), std::string::npos);
}

// A confidential melding of another department stays a 403 with the reason (ADR 0013).
TEST_F(SecurityMeldingTest, ConfidentialMeldingOfAnotherDepartmentIsRefusedWithAReason) {
  auto created = PostPublic(Form("woonoverlast", "De buren schreeuwen elke nacht."));
  ASSERT_EQ(created->status, 201) << created->body;
  auto read = client_->Get("/api/v1/meldingen/" + Body(created)["nummer"].get<std::string>(),
                           As(boa_, "melding_afhandelen"));
  EXPECT_EQ(read->status, 403) << read->body;
  EXPECT_FALSE(Body(read)["detail"].get<std::string>().empty());
  ExpectNoReporter(read);
}

// The colleagues of a department (the reassign dialog) are for staff who handle meldingen, of
// this municipality, at a desk: not for a resident, an analyst, an API key, another
// municipality's staff or nobody at all.
TEST_F(SecurityMeldingTest, ColleaguesOfADepartmentAreListedOnlyForStaffWhoHandleItsMeldingen) {
  const security::User piet = MakeUser("piet", Role::kBoa, {"stadsbeheer"});
  const std::string route = "/api/v1/afdelingen/stadsbeheer/behandelaars";
  auto allowed = client_->Get(route, As(boa_, "melding_afhandelen"));
  ASSERT_EQ(allowed->status, 200) << allowed->body;
  EXPECT_NE(allowed->body.find("Naam piet"), std::string::npos) << allowed->body;

  EXPECT_EQ(client_->Get(route)->status, 401);
  const security::User resident = MakeUser("bewoner", Role::kResident, {});
  auto by_resident = client_->Get(route, As(resident, "melding_afhandelen"));
  EXPECT_EQ(by_resident->status, 403) << by_resident->body;
  auto by_analyst = client_->Get(route, As(analist_, "analyse"));
  EXPECT_EQ(by_analyst->status, 403) << by_analyst->body;

  auto key = services_->api_keys.Create("GM0014", "boa-app", Role::kBoa,
                                        {security::Purpose::kMeldingAfhandelen});
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto by_key = client_->Get(route, {{"Authorization", "Bearer " + *key}});
  EXPECT_EQ(by_key->status, 403) << by_key->body;

  security::NewUser other{"GM0034",   "vreemd",        "Vreemde Boa", "vreemd@example.nl",
                          Role::kBoa, {"stadsbeheer"}, kPassword};
  auto stranger = services_->accounts.CreateUser(other, "admin-1");
  ASSERT_TRUE(stranger.ok()) << stranger.status().ToString();
  auto by_stranger = client_->Get(route, As(*stranger, "melding_afhandelen"));
  EXPECT_EQ(by_stranger->status, 403) << by_stranger->body;
  for (const auto* res : {&by_resident, &by_analyst, &by_key, &by_stranger}) {
    EXPECT_EQ((*res)->body.find("Naam piet"), std::string::npos) << (*res)->body;
  }

  // Nor can a melding be given to that other municipality's user of the same department.
  auto created = PostPublic(Form("grofvuil", "Een bank en een matras naast de container."));
  ASSERT_EQ(created->status, 201) << created->body;
  auto assigned = client_->Patch("/api/v1/meldingen/" + Body(created)["nummer"].get<std::string>(),
                                 As(boa_, "melding_afhandelen"),
                                 json{{"behandelaar", "vreemd"}}.dump(), "application/json");
  EXPECT_EQ(assigned->status, 422) << assigned->body;
}

// Finding 15: /historie and /duplicaten answered personal data without Cache-Control: no-store.
TEST_F(SecurityMeldingTest, ResponsesWithPersonalDataAreNotStored) {
  httplib::Headers h = As(boa_, "melding_afhandelen");
  auto created = client_->Post("/api/v1/meldingen", h,
                               Form("graffiti", "Graffiti op de muur van de bibliotheek.").dump(),
                               "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string item = "/api/v1/meldingen/" + Body(created)["nummer"].get<std::string>();
  for (const std::string& path :
       {item, item + "/historie", item + "/duplicaten", std::string("/api/v1/meldingen"),
        std::string("/api/v1/sessies/huidig"), std::string("/api/v1/categorieen")}) {
    auto res = client_->Get(path, h);
    ASSERT_EQ(res->status, 200) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store") << path;
  }
  // Public static data keeps its own caching.
  EXPECT_EQ(client_->Get("/api/v1/publiek/kaart")->get_header_value("Cache-Control"),
            "public, max-age=60");
}

}  // namespace
}  // namespace baken::api::testing
