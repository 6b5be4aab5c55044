#include "baken/signals/category.h"

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"
#include "baken/signals/defaults.h"
#include "baken/signals/routing.h"

namespace baken::signals {
namespace {

std::string TaxonomyPath() {
  return std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json";
}

constexpr std::string_view kMinimal = R"({
  "gemeente": "GM0014",
  "afdelingen": [{"code": "toezicht", "naam": "Toezicht"}],
  "hoofdcategorieen": [{"code": "dieren", "naam": "Dieren", "subcategorieen": [
    {"code": "hondenpoep", "naam": "Hondenpoep", "afdeling": "toezicht",
     "termijn": {"werkdagen": 3}, "afhandelbericht": "Dank", "gevoeligheid": "internal"}]}]
})";

TEST(Taxonomy, ShippedGroningenFileCoversTheProgrammeThemes) {
  StatusOr<CategoryCatalog> catalog = ReadTaxonomyFile(TaxonomyPath());
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(catalog->tenant(), "GM0014");
  EXPECT_GE(catalog->categories().size(), 30u);
  for (const char* code :
       {"hondenpoep", "foutparkeren", "hinderlijk-gedrag", "jeugdoverlast", "overlast-groen",
        "geluid-woning", "drugsoverlast", "drankoverlast", "verward-gedrag", "horeca", "evenement",
        "kamerverhuur", "vermoeden-ondermijning", "signaal-mensenhandel", "zwerfafval"}) {
    EXPECT_NE(catalog->Find(code), nullptr) << code;
  }
  // Trafficking signals are special data for a restricted department and never on the map.
  const Category* mh = catalog->Find("signaal-mensenhandel");
  ASSERT_NE(mh, nullptr);
  EXPECT_EQ(mh->sensitivity, security::Sensitivity::kSpecial);
  EXPECT_EQ(mh->department, "mensenhandel");
  EXPECT_FALSE(mh->on_public_map);
  EXPECT_EQ(catalog->Find("vermoeden-ondermijning")->sensitivity,
            security::Sensitivity::kConfidential);
  // Every sub names a known department and main category.
  for (const Category& c : catalog->categories()) {
    EXPECT_NE(catalog->FindDepartment(c.department), nullptr) << c.code;
    EXPECT_NE(catalog->FindMain(c.main_code), nullptr) << c.code;
    EXPECT_FALSE(c.handling_message.empty()) << c.code;
  }
}

TEST(Taxonomy, CompiledInDefaultsAreTheShippedFiles) {
  StatusOr<CategoryCatalog> file = ReadTaxonomyFile(TaxonomyPath());
  StatusOr<CategoryCatalog> compiled = ParseTaxonomy(DefaultTaxonomyJson());
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
  EXPECT_EQ(compiled->categories().size(), file->categories().size());
  EXPECT_TRUE(ParseRoutingRules(DefaultRoutingJson()).ok());
}

TEST(Taxonomy, ErrorsNameTheFieldPath) {
  std::string bad(kMinimal);
  bad.replace(bad.find("\"werkdagen\": 3"), 14, "\"werkdagen\": 0");
  StatusOr<CategoryCatalog> c = ParseTaxonomy(bad);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "hoofdcategorieen[0].subcategorieen[0].termijn.werkdagen");

  bad = kMinimal;
  bad.replace(bad.find("\"afdeling\": \"toezicht\""), 22, "\"afdeling\": \"nergens\"");
  c = ParseTaxonomy(bad);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "hoofdcategorieen[0].subcategorieen[0].afdeling");
  EXPECT_NE(c.status().message().find("nergens"), std::string::npos);

  bad = kMinimal;
  bad.replace(bad.find("\"internal\""), 10, "\"geheim\"");
  c = ParseTaxonomy(bad);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "hoofdcategorieen[0].subcategorieen[0].gevoeligheid");

  EXPECT_FALSE(ParseTaxonomy("{niet json").ok());
  EXPECT_EQ(ReadTaxonomyFile("/bestaat/niet.json").status().code(), StatusCode::kNotFound);
}

TEST(Taxonomy, SecretCategoriesCannotBeOnThePublicMap) {
  std::string bad(kMinimal);
  bad.replace(bad.find("\"internal\""), 10, "\"special\", \"op_openbare_kaart\": true");
  StatusOr<CategoryCatalog> c = ParseTaxonomy(bad);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "hoofdcategorieen[0].subcategorieen[0].op_openbare_kaart");
}

TEST(Taxonomy, RequireExplainsMainCategoriesAndUnknownCodes) {
  StatusOr<CategoryCatalog> c = ParseTaxonomy(kMinimal);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Require("hondenpoep").ok());
  StatusOr<const Category*> main = c->Require("dieren");
  ASSERT_FALSE(main.ok());
  EXPECT_NE(main.status().message().find("hoofdcategorie"), std::string::npos);
  EXPECT_EQ(c->Require("fietswrak").status().field(), "categorie");
}

TEST(ServiceLevel, WorkDaysSkipWeekendsAndHolidaysHoursDoNot) {
  WorkCalendar calendar;
  // Friday 24 April 2026 16:00 + 3 work days: Monday 27 April is Koningsdag, so the days counted
  // are Tuesday, Wednesday and Thursday: Thursday 30 April 16:00.
  auto friday = FromAmsterdam({std::chrono::year{2026} / 4 / 24, 16, 0, 0, 0});
  ASSERT_TRUE(friday.ok());
  ServiceLevel three{ServiceLevel::Unit::kWorkDays, 3};
  EXPECT_EQ(FormatLocal(three.DeadlineFrom(*friday, calendar)),
            FormatLocal(*FromAmsterdam({std::chrono::year{2026} / 4 / 30, 16, 0, 0, 0})));
  ServiceLevel four_hours{ServiceLevel::Unit::kHours, 4};
  EXPECT_EQ(four_hours.DeadlineFrom(*friday, calendar) - *friday, std::chrono::hours(4));
  EXPECT_EQ(three.ToDutch(), "3 werkdagen");
  EXPECT_EQ(four_hours.ToDutch(), "4 uur");
}

}  // namespace
}  // namespace baken::signals
