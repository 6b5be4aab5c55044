// `baken areas import|streets|list|locate`: the municipality's wijken and buurten, and the
// address table for finding a street or postcode.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "baken/app/command.h"
#include "baken/base/csv.h"
#include "baken/geo/area_set.h"
#include "baken/geo/crs.h"
#include "baken/geo/gazetteer.h"
#include "baken/geo/geojson.h"
#include "baken/geo/locator.h"
#include "baken/store/area_repository.h"
#include "baken/store/migrations.h"

namespace baken::app {

namespace {

struct AreaFlags {
  std::string db_url;
  std::string municipality;
  std::string level;
  std::string file;
  std::string crs;
  std::string format = "table";
};

std::string Plural(geo::Level level) {
  switch (level) {
    case geo::Level::kMunicipality: return "gemeente(n)";
    case geo::Level::kDistrict: return "wijken";
    case geo::Level::kNeighbourhood: return "buurten";
  }
  return "gebieden";
}

// The municipality to work on: the flag, else the only one in the database.
StatusOr<std::string> ResolveMunicipality(store::AreaRepository& repo, const std::string& flag) {
  if (!flag.empty()) return flag;
  ASSIGN_OR_RETURN(auto tenants, repo.Tenants());
  if (tenants.empty()) {
    return FailedPreconditionError(
        "Er zijn nog geen gebieden geladen. Gebruik eerst: baken areas import --municipality "
        "GM0014 --level buurt BESTAND.geojson");
  }
  if (tenants.size() > 1) {
    return InvalidArgumentError("Deze database bevat meerdere gemeenten; kies er een.",
                                "--municipality");
  }
  return tenants.front();
}

int RunImport(const AreaFlags& flags) {
  auto level = store::ParseLevel(flags.level, "--level");
  if (!level.ok()) return Report(level.status());
  auto collection = geo::ReadGeoJsonFile(flags.file);
  if (!collection.ok()) return Report(collection.status().WithContext(flags.file));
  auto areas = geo::ImportCbs(*collection, *level, flags.municipality);
  if (!areas.ok()) return Report(areas.status().WithContext(flags.file));

  std::string name = flags.municipality;
  if (!collection->features.empty()) {
    if (auto gm = geo::PropertyString(collection->features.front().properties, "GM_NAAM")) {
      name = *gm;
    }
  }
  auto db = OpenOrReport(flags.db_url);
  if (db == nullptr) return 1;
  if (auto applied = store::Migrate(*db); !applied.ok()) return Report(applied.status());
  store::AreaRepository repo(*db, SystemClock::Instance());
  auto stored = repo.ReplaceLevel(flags.municipality, name, *level, *areas, flags.file);
  if (!stored.ok()) return Report(stored.status());
  std::printf("%d %s van %s (%s) geïmporteerd uit %s.\n", *stored, Plural(*level).c_str(),
              flags.municipality.c_str(), name.c_str(), flags.file.c_str());
  return 0;
}

int RunStreets(const AreaFlags& flags) {
  std::ifstream in(flags.file, std::ios::binary);
  if (!in)
    return Report(NotFoundError("Het bestand '" + flags.file + "' kan niet worden gelezen."));
  auto points = geo::ReadStreetPointsCsv(in);
  if (!points.ok()) return Report(points.status().WithContext(flags.file));
  auto db = OpenOrReport(flags.db_url);
  if (db == nullptr) return 1;
  if (auto applied = store::Migrate(*db); !applied.ok()) return Report(applied.status());
  store::AreaRepository repo(*db, SystemClock::Instance());
  auto stored = repo.ReplaceStreetPoints(flags.municipality, *points, flags.file);
  if (!stored.ok()) return Report(stored.status().WithContext(flags.file));
  const geo::Gazetteer gazetteer = geo::Gazetteer::Build(std::move(*points));
  std::printf("%d postcodes met %zu straten van %s geïmporteerd uit %s.\n", *stored,
              gazetteer.streets(), flags.municipality.c_str(), flags.file.c_str());
  return 0;
}

int RunList(const AreaFlags& flags) {
  std::optional<geo::Level> level;
  if (!flags.level.empty()) {
    auto parsed = store::ParseLevel(flags.level, "--level");
    if (!parsed.ok()) return Report(parsed.status());
    level = *parsed;
  }
  auto db = OpenMigratedOrReport(flags.db_url);
  if (db == nullptr) return 1;
  store::AreaRepository repo(*db, SystemClock::Instance());
  auto tenant = ResolveMunicipality(repo, flags.municipality);
  if (!tenant.ok()) return Report(tenant.status());
  auto list = repo.List(*tenant, level);
  if (!list.ok()) return Report(list.status());
  const bool csv = flags.format == "csv";
  if (csv) {
    WriteCsvRecord(std::cout, {"code", "naam", "niveau", "ouder", "inwoners", "oppervlakte_ha"});
  } else {
    std::printf("%-11s %-32s %-6s %9s\n", "code", "naam", "niveau", "inwoners");
  }
  int64_t total = 0;
  for (const auto& a : *list) {
    const std::string inhabitants =
        a.inhabitants == geo::kUnknownInhabitants ? "" : std::to_string(a.inhabitants);
    if (a.inhabitants > 0) total += a.inhabitants;
    if (csv) {
      WriteCsvRecord(std::cout,
                     {a.code, a.name, std::string(geo::LevelName(a.level)), a.parent_code,
                      inhabitants, a.area_ha < 0 ? "" : std::to_string(a.area_ha)});
    } else {
      std::printf("%-11s %-32s %-6s %9s\n", a.code.c_str(), a.name.c_str(),
                  std::string(geo::LevelName(a.level)).c_str(), inhabitants.c_str());
    }
  }
  if (!csv) std::printf("%zu gebieden, samen %lld inwoners\n", list->size(), (long long)total);
  return 0;
}

bool ParseNumber(const std::string& text, double& out) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  while (begin < end && *begin == ' ') ++begin;
  while (end > begin && end[-1] == ' ') --end;
  if (begin == end) return false;
  auto [ptr, ec] = std::from_chars(begin, end, out);
  return ec == std::errc() && ptr == end;
}

int RunLocate(const AreaFlags& flags) {
  auto db = OpenMigratedOrReport(flags.db_url);
  if (db == nullptr) return 1;
  store::AreaRepository repo(*db, SystemClock::Instance());
  auto tenant = ResolveMunicipality(repo, flags.municipality);
  if (!tenant.ok()) return Report(tenant.status());
  auto areas = repo.Load(*tenant);
  if (!areas.ok()) return Report(areas.status());
  auto locator = geo::Locator::Build(*areas);
  if (!locator.ok()) return Report(locator.status());

  CsvReader reader(std::cin);
  std::vector<std::string> header;
  auto has_header = reader.Next(header);
  if (!has_header.ok()) return Report(has_header.status());
  if (!*has_header)
    return Report(InvalidArgumentError("De invoer is leeg; verwacht een CSV met kopregel."));

  bool rd = flags.crs == "rd";
  if (flags.crs.empty()) rd = FindColumn(header, "x").has_value();
  const char* cx = rd ? "x" : "lon";
  const char* cy = rd ? "y" : "lat";
  auto ix = FindColumn(header, cx);
  auto iy = FindColumn(header, cy);
  if (!ix || !iy) {
    return Report(InvalidArgumentError(std::string("De kopregel mist de kolommen ") + cx + "," +
                                           cy + (rd ? " (RD-meters)" : " (WGS84-graden)") +
                                           ". Gebruik --crs om te kiezen.",
                                       "--crs"));
  }

  // Everything is written only when every row was read correctly: no half output on an error.
  std::ostringstream out;
  header.insert(header.end(), {"buurt_code", "buurt_name", "wijk_code", "wijk_name"});
  WriteCsvRecord(out, header);
  header.resize(header.size() - 4);
  std::vector<std::string> row;
  int64_t rows = 0;
  int64_t outside = 0;
  while (true) {
    auto more = reader.Next(row);
    if (!more.ok()) return Report(more.status());
    if (!*more) break;
    ++rows;
    const std::string where = "regel " + std::to_string(reader.line());
    double a = 0;
    double b = 0;
    if (row.size() <= std::max(*ix, *iy) || !ParseNumber(row[*ix], a) ||
        !ParseNumber(row[*iy], b)) {
      return Report(InvalidArgumentError(
          where + ": de coördinaten " + cx + "," + cy + " ontbreken of zijn geen getallen.", cx));
    }
    geo::RdPoint p{a, b};
    if (rd) {
      if (Status s = geo::CheckRd(p); !s.ok()) return Report(s.WithContext(where));
    } else {
      geo::WgsPoint w{a, b};
      if (Status s = geo::CheckWgs(w); !s.ok()) return Report(s.WithContext(where));
      auto converted = geo::WgsToRd(w);
      if (!converted.ok()) return Report(converted.status().WithContext(where));
      p = *converted;
    }
    geo::LocateResult hit = locator->Locate(p);
    if (hit.buurt == nullptr && hit.wijk == nullptr) ++outside;
    row.resize(std::max(row.size(), header.size()));
    row.push_back(hit.buurt ? hit.buurt->code : "");
    row.push_back(hit.buurt ? hit.buurt->name : "");
    row.push_back(hit.wijk ? hit.wijk->code : "");
    row.push_back(hit.wijk ? hit.wijk->name : "");
    WriteCsvRecord(out, row);
  }
  std::cout << out.str();
  std::cout.flush();
  std::fprintf(stderr, "%lld punten, waarvan %lld buiten de gemeente %s.\n", (long long)rows,
               (long long)outside, tenant->c_str());
  return 0;
}

}  // namespace

void AddAreaCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<AreaFlags>();
  CLI::App* areas =
      app.add_subcommand("areas", "Wijken en buurten: importeren, tonen, punten plaatsen");
  areas->require_subcommand(1);

  CLI::App* import_cmd = areas->add_subcommand(
      "import",
      "Importeer wijken of buurten uit de CBS wijk- en buurtkaart (GeoJSON, WGS84 of RD)");
  AddDatabaseOption(*import_cmd, flags->db_url);
  import_cmd
      ->add_option("--municipality", flags->municipality, "CBS-code van de gemeente, bv. GM0014")
      ->required();
  import_cmd->add_option("--level", flags->level, "wijk of buurt")->required();
  import_cmd->add_option("file", flags->file, "GeoJSON-bestand")->required();
  import_cmd->callback([flags, &context] { context.exit_code = RunImport(*flags); });

  CLI::App* streets = areas->add_subcommand(
      "streets",
      "Importeer de adressentabel om straten en postcodes te zoeken (CSV postcode,straat,x,y in "
      "RD; vervangt de vorige)");
  AddDatabaseOption(*streets, flags->db_url);
  streets->add_option("--municipality", flags->municipality, "CBS-code van de gemeente, bv. GM0014")
      ->required();
  streets->add_option("file", flags->file, "CSV-bestand")->required();
  streets->callback([flags, &context] { context.exit_code = RunStreets(*flags); });

  CLI::App* list =
      areas->add_subcommand("list", "Toon de wijken en buurten (code, naam, inwoners)");
  AddDatabaseOption(*list, flags->db_url);
  list->add_option("--level", flags->level, "Alleen wijk of buurt");
  list->add_option("--municipality", flags->municipality, "CBS-code van de gemeente");
  list->add_option("--format", flags->format, "table of csv")
      ->check(CLI::IsMember({"table", "csv"}))
      ->capture_default_str();
  list->callback([flags, &context] { context.exit_code = RunList(*flags); });

  CLI::App* locate = areas->add_subcommand(
      "locate",
      "Lees CSV (met kolommen x,y in RD of lon,lat in WGS84) van stdin en voeg buurt en wijk toe");
  AddDatabaseOption(*locate, flags->db_url);
  locate->add_option("--crs", flags->crs, "rd of wgs84 (standaard: afgeleid uit de kopregel)")
      ->check(CLI::IsMember({"rd", "wgs84"}));
  locate->add_option("--municipality", flags->municipality, "CBS-code van de gemeente");
  locate->callback([flags, &context] { context.exit_code = RunLocate(*flags); });
}

}  // namespace baken::app
