#include "baken/programme/seed.h"

#include <gtest/gtest.h>

#include "baken/programme/indicators.h"

namespace baken::programme {
namespace {

const std::string kShipped =
    std::string(BAKEN_SOURCE_DIR) + "/data/programmas/groningen-2022-2024.json";

TEST(SeedFileTest, ShippedGroningenProgrammesSayWhatTheCouncilLetterSays) {
  StatusOr<ProgrammeFile> file = ReadProgrammeFile(kShipped);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->tenant, "GM0014");
  ASSERT_EQ(file->programmes.size(), 2u);

  const Programme& lv = file->programmes[0].programme;
  EXPECT_EQ(lv.name, "Uitvoeringsprogramma Leefbaarheid en Veiligheid 2022-2024");
  EXPECT_EQ(lv.start_year, 2022);
  EXPECT_EQ(lv.end_year, 2024);
  EXPECT_EQ(lv.partners, (std::vector<Partner>{Partner::kOm, Partner::kPolitie}));
  std::vector<std::string> lines;
  for (const ActionLine& l : lv.action_lines) lines.push_back(l.name);
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "Ondermijning", "Digitale criminaliteit", "Verbinding veiligheid en zorg",
                       "Evenementen", "Het gesloten wietexperiment", "Parkeren",
                       "Overlast in de openbare ruimte", "Gronings Toezichtmodel"}));
  const ActionLine* ondermijning = FindActionLine(lv, "ondermijning");
  ASSERT_NE(ondermijning, nullptr);
  ASSERT_EQ(ondermijning->actions.size(), 2u);
  EXPECT_EQ(ondermijning->actions[1].partners, std::vector<Partner>{Partner::kRiec});
  EXPECT_EQ(FindActionLine(lv, "gronings-toezichtmodel")->partners,
            std::vector<Partner>{Partner::kPolitie});

  const Programme& mh = file->programmes[1].programme;
  EXPECT_EQ(mh.name, "Actieprogramma Mensenhandel 2022-2024 'Naar een gemeente zonder uitbuiting'");
  EXPECT_EQ(mh.themes, (std::vector<std::string>{"seksuele uitbuiting", "arbeidsuitbuiting",
                                                 "criminele uitbuiting"}));
  ASSERT_EQ(mh.ambitions.size(), 6u);
  int first_priority = 0;
  for (const Ambition& a : mh.ambitions) {
    EXPECT_TRUE(a.kernambitie) << a.code;
    if (a.priority == 1) {
      ++first_priority;
      EXPECT_EQ(a.name, "Brede bewustwording");
    }
  }
  EXPECT_EQ(first_priority, 1);
  const ActionLine* labour = FindActionLine(mh, "arbeidsuitbuiting");
  ASSERT_NE(labour, nullptr);
  EXPECT_EQ(labour->actions.size(), 3u);
  EXPECT_NE(FindAction(mh, "inkoop-wet-aanpak-schijnconstructies"), nullptr);
  EXPECT_NE(FindActionLine(mh, "groningen-tegen-mensenhandel"), nullptr);

  // Computed indicators only, linked where they fit; no targets invented.
  for (const ProgrammeDefinition& d : file->programmes) {
    for (const Indicator& ind : d.indicators) {
      EXPECT_TRUE(ind.targets.empty()) << ind.code;
      EXPECT_EQ(ind.source, ValueSource::kComputed) << ind.code;
      EXPECT_NE(FindNamedQuery(ind.query), nullptr) << ind.code;
    }
  }
  const Indicator& signals = file->programmes[1].indicators.at(0);
  EXPECT_EQ(signals.query, "signalen_mensenhandel");
  EXPECT_TRUE(signals.about_persons);
  EXPECT_EQ(signals.ambition, "goed-signaleren-en-melden");
  EXPECT_EQ(file->programmes[0].indicators.at(0).action_line, "overlast-openbare-ruimte");
}

TEST(SeedFileTest, ErrorsNameTheMemberInDutch) {
  auto field_of = [](const std::string& text) {
    StatusOr<ProgrammeFile> f = ParseProgrammeFile(text);
    EXPECT_FALSE(f.ok());
    return f.ok() ? std::string() : f.status().field();
  };
  EXPECT_EQ(field_of("[1, 2"), "bestand");
  EXPECT_EQ(field_of(R"({"gemeente": "GM0014", "programmas": []})"), "programmas");
  const std::string head = R"({"gemeente": "GM0014", "programmas": [{"code": "p", "naam": "P",
      "eigenaar": "gemeente", "looptijd": {"van": 2022, "tot": 2024}, )";
  EXPECT_EQ(field_of(head + R"("actielijnen": [{"code": "a", "naam": "A", "trekker": "kerk"}]}]})"),
            "programmas[0].actielijnen[0].trekker");
  EXPECT_EQ(field_of(head + R"("indicatoren": [{"code": "i", "naam": "I", "definitie": "d",
      "eenheid": "aantal", "richting": "up_is_good", "bron": "manual",
      "streefwaarden": [{"periode": "2023-Q9", "waarde": 1}]}]}]})"),
            "programmas[0].indicatoren[0].streefwaarden[0].periode");
  EXPECT_EQ(field_of(head + R"("indicatoren": [{"code": "i", "naam": "I", "definitie": "d",
      "eenheid": "aantal", "richting": "up_is_good", "bron": "computed", "query": "raden"}]}]})"),
            "programmas[0].indicatoren[0].query");
  EXPECT_EQ(field_of(head + R"("actielijnen": [{"code": "a", "naam": "A", "trekker": "gemeente",
      "ambitie": "geen"}]}]})"),
            "programmas[0].actielijnen[0].ambitie");
  StatusOr<ProgrammeFile> missing = ReadProgrammeFile("/nonexistent/programmas.json");
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace baken::programme
