#include "baken/retention/rules.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace baken::retention {
namespace {

using security::Sensitivity;

TEST(RetentionRulesTest, ShippedRulesParseAndPickTheMostSpecificRule) {
  const RetentionRules& rules = RetentionRules::Defaults();
  EXPECT_EQ(rules.For("afvalbak", "afval", Sensitivity::kInternal).code, "standaard");
  EXPECT_EQ(rules.For("afvalbak", "afval", Sensitivity::kPublic).code, "standaard");
  EXPECT_EQ(rules.For("drugsoverlast", "overlast-personen", Sensitivity::kConfidential).code,
            "vertrouwelijk");
  EXPECT_EQ(rules.For("signaal-mensenhandel", "mensenhandel", Sensitivity::kSpecial).code,
            "bijzonder");
  // A category rule beats the class rule.
  EXPECT_EQ(rules.For("verward-gedrag", "overlast-personen", Sensitivity::kConfidential).code,
            "verward-gedrag");
  const RetentionRule& standard = rules.For("groen", "openbare-ruimte", Sensitivity::kInternal);
  EXPECT_EQ(standard.anonymise_contact_days, 365);
  EXPECT_EQ(standard.destroy_days, 1826);
  EXPECT_FALSE(standard.redact_text_days.has_value());
  EXPECT_EQ(rules.ShortestPeriod(), 182);
}

TEST(RetentionRulesTest, TheCompiledInRulesAreTheDataFile) {
  std::ifstream in(std::string(BAKEN_SOURCE_DIR) + "/data/retention/groningen.json");
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = RetentionRules::Parse(text.str(), "groningen.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(FormatRules(*parsed), FormatRules(RetentionRules::Defaults()));
}

// Each bad input names the JSON path in Dutch, also as the field.
TEST(RetentionRulesTest, BadInputNamesTheJsonPath) {
  struct Case {
    const char* json;
    const char* path;
  };
  const Case cases[] = {
      {"{", "$"},
      {R"({"versie": 2, "regels": []})", "versie"},
      {R"({"versie": 1, "regels": []})", "regels"},
      {R"({"versie": 1, "regels": [{"code": "a", "vernietigen_na_dagen": "vijf jaar"}]})",
       "regels[0].vernietigen_na_dagen"},
      {R"({"versie": 1, "regels": [{"code": "a"}, {"code": "b", "klasse": "geheim"}]})",
       "regels[1].klasse"},
      {R"({"versie": 1, "regels": [{"code": "a"}, {"code": "a", "klasse": "special"}]})",
       "regels[1].code"},
      {R"({"versie": 1, "regels": [{"code": "a"}, {"code": "b"}]})", "regels[1]"},
      {R"({"versie": 1, "regels": [{"code": "a", "klasse": "special"}]})", "regels"},
      {R"({"versie": 1, "regels": [{"code": "a", "bewaren": 3}]})", "regels[0].bewaren"},
      {R"({"versie": 1, "regels": [{"code": "a"}, {"code": "b", "categorieen": ["x", 3]}]})",
       "regels[1].categorieen[1]"},
      {R"({"versie": 1, "regels": [{"code": "a", "vernietigen_na_dagen": 10,
           "contactgegevens_anonimiseren_na_dagen": 365}]})",
       "regels[0].contactgegevens_anonimiseren_na_dagen"},
      {R"({"versie": 1, "regels": [{"code": "a", "tekst_verwijderen_na_dagen": 0}]})",
       "regels[0].tekst_verwijderen_na_dagen"},
  };
  for (const Case& c : cases) {
    auto parsed = RetentionRules::Parse(c.json, "regels.json");
    ASSERT_FALSE(parsed.ok()) << c.json;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().field(), c.path) << c.json;
    EXPECT_NE(parsed.status().message().find(std::string("regels.json: ") + c.path),
              std::string::npos)
        << parsed.status().message();
  }
}

// docs/retention.md shows the shipped rules between two markers; rerun with
// BAKEN_REGENERATE_DOCS=1 to rewrite that part after changing data/retention/groningen.json.
TEST(RetentionRulesTest, DocsTableEqualsTheShippedRules) {
  const std::string path = std::string(BAKEN_SOURCE_DIR) + "/docs/retention.md";
  const std::string begin = "<!-- regels:begin -->\n", end = "<!-- regels:end -->";
  std::stringstream file;
  file << std::ifstream(path, std::ios::binary).rdbuf();
  std::string text = file.str();
  const size_t b = text.find(begin), e = text.find(end);
  ASSERT_NE(b, std::string::npos) << path;
  ASSERT_NE(e, std::string::npos) << path;
  const std::string table = RulesMarkdownTable(RetentionRules::Defaults());
  if (std::getenv("BAKEN_REGENERATE_DOCS") != nullptr) {
    text.replace(b + begin.size(), e - b - begin.size(), table);
    std::ofstream(path, std::ios::binary) << text;
    return;
  }
  EXPECT_EQ(text.substr(b + begin.size(), e - b - begin.size()), table)
      << "docs/retention.md is stale; rerun with BAKEN_REGENERATE_DOCS=1";
}

TEST(RetentionRulesTest, AbsentPeriodsMeanNever) {
  auto parsed =
      RetentionRules::Parse(R"({"versie": 1, "regels": [{"code": "alles-bewaren"}]})", "x");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_FALSE(parsed->ShortestPeriod().has_value());
  EXPECT_NE(FormatRules(*parsed).find("nooit"), std::string::npos);
}

}  // namespace
}  // namespace baken::retention
