#include "baken/signals/export.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "baken/base/csv.h"
#include "baken/base/time_zone.h"
#include "baken/geo/crs.h"
#include "baken/signals/defaults.h"

namespace baken::signals {
namespace {

CategoryCatalog Catalog() {
  StatusOr<CategoryCatalog> c = ParseTaxonomy(DefaultTaxonomyJson());
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return *c;
}

Melding Sample(std::string number, std::string category) {
  Melding m;
  m.id = "id-" + number;
  m.number = number;
  m.tenant = "GM0014";
  m.text = "Hondenpoep bij de voordeur van Jan Jansen, bel 0612345678";
  m.category = std::move(category);
  m.main_category = "dieren";
  m.x = 233512.3;
  m.y = 582087.9;
  m.lon = 6.5665;
  m.lat = 53.2194;
  m.wijk = "WK001401";
  m.buurt = "BU00140100";
  m.street = "Oude Boteringestraat";
  m.postcode = "9712GH";
  m.received_at = *ParseRfc3339("2024-05-01T10:00:00+02:00");
  m.occurred_at = m.received_at;
  m.deadline = *ParseRfc3339("2024-05-06T17:00:00+02:00");
  m.channel = Channel::kImport;
  m.reporter = {"Jan Jansen", "jan@example.nl", "0612345678", true};
  m.department = "stadsbeheer";
  m.source_id = "oud:1";
  return m;
}

std::string Export(ExportFormat f, const std::vector<std::pair<Melding, bool>>& rows) {
  CategoryCatalog catalog = Catalog();
  std::ostringstream out;
  MeldingExporter e(f, catalog, out);
  for (const auto& [m, mask] : rows) EXPECT_TRUE(e.Add(m, mask).ok());
  EXPECT_TRUE(e.Finish().ok());
  return out.str();
}

std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::istringstream in(text);
  CsvReader r(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  while (*r.Next(row)) rows.push_back(row);
  return rows;
}

TEST(Export, CsvHasBomDutchHeadersAndRoundTrips) {
  const std::string text =
      Export(ExportFormat::kCsv, {{Sample("M-2024-000001", "hondenpoep"), false}});
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(text.find("\r\n"), std::string::npos);
  auto rows = ReadCsv(text);
  ASSERT_EQ(rows.size(), 2u);
  const auto& h = rows[0];
  auto col = [&](const char* name) { return rows[1][*FindColumn(h, name)]; };
  EXPECT_EQ(h[0], "nummer");
  EXPECT_EQ(col("nummer"), "M-2024-000001");
  EXPECT_EQ(col("ontvangen"), "2024-05-01T10:00:00+02:00");
  EXPECT_EQ(col("categorie"), "hondenpoep");
  EXPECT_EQ(col("x_rd"), "233512.30");
  EXPECT_EQ(col("straat"), "Oude Boteringestraat");
  EXPECT_EQ(col("postcode"), "9712GH");
  EXPECT_EQ(col("tekst"), Sample("", "").text);  // embedded comma survives the round trip
  EXPECT_EQ(col("melder_email"), "jan@example.nl");
}

TEST(Export, MaskedRowsHideThePerson) {
  auto rows = ReadCsv(Export(ExportFormat::kCsv, {{Sample("M-2024-000001", "hondenpoep"), true}}));
  const auto& h = rows[0];
  auto col = [&](const char* name) { return rows[1][*FindColumn(h, name)]; };
  EXPECT_NE(col("melder_naam"), "Jan Jansen");
  EXPECT_EQ(col("melder_email").find("jan@example.nl"), std::string::npos);
  EXPECT_EQ(col("tekst").find("0612345678"), std::string::npos);
}

TEST(Export, GeoJsonIsAValidFeatureCollectionInWgs84) {
  const std::string text =
      Export(ExportFormat::kGeoJson, {{Sample("M-2024-000001", "hondenpoep"), false},
                                      {Sample("M-2024-000002", "zwerfafval"), false}});
  auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["type"], "FeatureCollection");
  ASSERT_EQ(doc["features"].size(), 2u);
  const auto& f = doc["features"][0];
  EXPECT_EQ(f["geometry"]["type"], "Point");
  EXPECT_NEAR(f["geometry"]["coordinates"][0].get<double>(), 6.5665, 1e-9);
  EXPECT_NEAR(f["geometry"]["coordinates"][1].get<double>(), 53.2194, 1e-9);
  EXPECT_EQ(f["properties"]["nummer"], "M-2024-000001");
  EXPECT_EQ(doc["features"][1]["properties"]["categorie"], "zwerfafval");
  // An empty list is still a valid document.
  EXPECT_EQ(nlohmann::json::parse(Export(ExportFormat::kGeoJson, {}))["features"].size(), 0u);
}

TEST(Export, MorIsAnonymisedCoarsenedAndPublicOnly) {
  const std::string text =
      Export(ExportFormat::kMor, {{Sample("M-2024-000001", "hondenpoep"), false},
                                  {Sample("M-2024-000002", "drugsoverlast"), false}});
  auto rows = ReadCsv(text);
  ASSERT_EQ(rows.size(), 2u) << "drugsoverlast is not on the public map";
  EXPECT_EQ(rows[0], MorColumns());
  auto col = [&](const char* name) { return rows[1][*FindColumn(rows[0], name)]; };
  EXPECT_EQ(col("identificatie"), "M-2024-000001");
  EXPECT_EQ(col("omschrijving"), "");
  EXPECT_EQ(col("toelichting"), "");
  EXPECT_EQ(col("status"), "in behandeling");
  EXPECT_EQ(text.find("Jan"), std::string::npos);
  EXPECT_EQ(text.find("0612345678"), std::string::npos);
  // The centre of the 100 m cell (233550, 582050), not the point itself.
  StatusOr<geo::WgsPoint> centre = geo::RdToWgs({233550, 582050});
  ASSERT_TRUE(centre.ok());
  EXPECT_NEAR(std::stod(col("longitude")), centre->lon, 1e-5);
  EXPECT_NEAR(std::stod(col("latidude")), centre->lat, 1e-5);
  StatusOr<geo::WgsPoint> exact = geo::RdToWgs({233512.3, 582087.9});
  EXPECT_GT(std::abs(std::stod(col("latidude")) - exact->lat), 1e-4);
}

TEST(Export, XlsxIsAZipWorkbook) {
  const std::string bytes =
      Export(ExportFormat::kXlsx, {{Sample("M-2024-000001", "hondenpoep"), false}});
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  if (std::system("command -v unzip >/dev/null 2>&1") == 0) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("baken_export_test_" + std::to_string(::getpid()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << bytes;
    const std::string cmd = "unzip -l '" + path.string() + "' | grep -q xl/worksheets/sheet1.xml";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    // Each coordinate in its own column: x_rd, y_rd, lengtegraad, breedtegraad (a spreadsheet
    // user sorts and filters on them). Cells O2..R2 are the 15th to 18th column of row 2.
    const std::string xml = path.string() + ".sheet1.xml";
    const std::string unzip =
        "unzip -p '" + path.string() + "' xl/worksheets/sheet1.xml > '" + xml + "'";
    ASSERT_EQ(std::system(unzip.c_str()), 0);
    std::stringstream sheet;
    sheet << std::ifstream(xml).rdbuf();
    EXPECT_NE(sheet.str().find(R"(<c r="O2"><v>233512.3</v>)"), std::string::npos) << sheet.str();
    EXPECT_NE(sheet.str().find(R"(<c r="P2"><v>582087.9</v>)"), std::string::npos);
    EXPECT_NE(sheet.str().find(R"(<c r="Q2"><v>6.5665</v>)"), std::string::npos);
    EXPECT_NE(sheet.str().find(R"(<c r="R2"><v>53.2194</v>)"), std::string::npos);
    std::filesystem::remove(xml);
    std::filesystem::remove(path);
  }
}

TEST(Export, UnknownFormatIsNamed) {
  auto f = ParseExportFormat("pdf");
  EXPECT_EQ(f.status().field(), "formaat");
  EXPECT_EQ(ExportContentType(*ParseExportFormat("geojson")), "application/geo+json");
}

}  // namespace
}  // namespace baken::signals
