// `baken meldingen import|export`: meldingen from another system's CSV, and any filtered list to
// CSV, XLSX, GeoJSON or the VNG open data format (MOR).
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "baken/app/command.h"
#include "baken/base/csv.h"
#include "baken/base/tenant.h"
#include "baken/base/time_zone.h"
#include "baken/signals/csv_import.h"
#include "baken/signals/export.h"
#include "baken/signals/setup.h"

namespace baken::app {

namespace {

struct MeldingFlags {
  std::string db_url;
  std::string tenant = kDefaultTenant;
  // import
  std::string file;
  std::vector<std::string> maps;
  std::string map_file;
  std::string crs = "rd";
  std::string channel = "import";
  std::string source = "import";
  std::string delimiter = ",";
  int chunk = 50'000;
  std::string indexes = "auto";
  // export
  std::string format = "csv";
  std::string out;
  std::vector<std::string> states;
  std::vector<std::string> categories;
  std::vector<std::string> wijken;
  std::string from;
  std::string to;
  bool personal = false;
};

constexpr size_t kShownRejections = 20;

// Progress on stderr: a bar redrawn in place on a terminal, a plain line per chunk otherwise.
class Progress {
 public:
  explicit Progress(uintmax_t file_bytes)
      : bytes_(file_bytes),
        tty_(isatty(STDERR_FILENO) == 1),
        start_(std::chrono::steady_clock::now()) {}

  void Show(double fraction, int64_t rows, bool final = false) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? rows / seconds : 0;
    const int pct = static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 100.0));
    const auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(tty_ ? 200 : 2000)) return;
    last_ = now;
    if (tty_) {
      const int width = 30;
      const int filled = pct * width / 100;
      std::fprintf(stderr, "\r[%s%s] %3d%%  %lld regels  %.0f regels/s",
                   std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(), pct,
                   static_cast<long long>(rows), rate);
      if (final) std::fputc('\n', stderr);
    } else {
      std::fprintf(stderr, "voortgang: %d%%, %lld regels, %.0f regels/s\n", pct,
                   static_cast<long long>(rows), rate);
    }
    std::fflush(stderr);
  }
  uintmax_t bytes() const { return bytes_; }

 private:
  uintmax_t bytes_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
};

int RunImport(const MeldingFlags& flags) {
  signals::ImportMapping mapping;
  mapping.tenant = flags.tenant;
  mapping.source = flags.source;
  if (flags.delimiter.size() != 1) {
    return Report(InvalidArgumentError("Het scheidingsteken is één teken.", "--scheiding"));
  }
  mapping.delimiter = flags.delimiter[0];
  if (flags.crs == "wgs84") {
    mapping.crs = signals::GivenLocation::Crs::kWgs84;
    mapping.columns["x"] = "lon";
    mapping.columns["y"] = "lat";
  }
  auto channel = signals::ParseChannel(flags.channel, "--kanaal");
  if (!channel.ok()) return Report(channel.status());
  mapping.channel = *channel;
  if (!flags.map_file.empty()) {
    if (int rc = Report(signals::ReadMapFile(flags.map_file, mapping)); rc != 0) return rc;
  }
  for (const std::string& m : flags.maps) {
    if (int rc = Report(signals::ParseColumnMap(m, mapping, "--map")); rc != 0) return rc;
  }
  std::ifstream in(flags.file, std::ios::binary);
  if (!in) return Report(NotFoundError("Het bestand " + flags.file + " is niet te lezen."));
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(flags.file, ec);

  auto db = OpenMigrated(flags.db_url);
  if (!db.ok()) return Report(db.status());
  signals::SetupOptions setup;
  setup.tenant = flags.tenant;
  auto service = signals::OpenMeldingService(**db, SystemClock::Instance(), setup);
  if (!service.ok()) return Report(service.status());

  auto reader = signals::CsvImportReader::Open(in, mapping, (*service)->catalog());
  if (!reader.ok()) return Report(reader.status().WithContext(flags.file));

  const std::string rejected_path = flags.file + ".afgewezen.csv";
  std::ofstream rejected_out(rejected_path, std::ios::binary | std::ios::trunc);
  if (!rejected_out) {
    return Report(FailedPreconditionError("Kan " + rejected_path + " niet schrijven."));
  }
  WriteCsvRecord(rejected_out, {"regel", "veld", "reden"});

  signals::Actor actor;
  actor.id = "systeem";
  std::vector<signals::ImportRejection> first;
  Progress progress(size);
  signals::CsvImportOptions options;
  options.chunk = static_cast<size_t>(flags.chunk);
  using Defer = signals::CsvImportOptions::DeferIndexes;
  options.defer_indexes = flags.indexes == "uitstellen"  ? Defer::kAlways
                          : flags.indexes == "bijhouden" ? Defer::kNever
                                                         : Defer::kAuto;
  options.on_rebuild = [&] {
    progress.Show(1.0, (*reader)->rows_read(), true);
    std::fprintf(stderr, "Zoekindexen opnieuw opbouwen...\n");
  };
  options.on_rejection = [&](const signals::ImportRejection& r) {
    WriteCsvRecord(rejected_out, {std::to_string(r.line), r.field, r.message});
    if (first.size() < kShownRejections) first.push_back(r);
  };
  options.progress = [&](int64_t rows) {
    const std::streamoff pos = in.tellg();
    progress.Show(size > 0 && pos >= 0 ? static_cast<double>(pos) / size : 1.0, rows);
  };
  auto totals = signals::RunCsvImport(**reader, **service, actor, options);
  if (!totals.ok()) return Report(totals.status().WithContext(flags.file));
  const int64_t stored = totals->stored;
  const int64_t present = totals->already_present;
  const int64_t rejected_count = totals->rejected;
  progress.Show(1.0, (*reader)->rows_read(), true);
  rejected_out.close();
  if (rejected_count == 0) std::filesystem::remove(rejected_path, ec);

  std::printf("Import van %s: %lld regels gelezen.\n", flags.file.c_str(),
              static_cast<long long>((*reader)->rows_read()));
  std::printf("  opgeslagen:   %lld\n", static_cast<long long>(stored));
  std::printf("  al aanwezig:  %lld (eerder geïmporteerd; niets toegevoegd)\n",
              static_cast<long long>(present));
  std::printf("  afgewezen:    %lld\n", static_cast<long long>(rejected_count));
  if (rejected_count > 0) {
    std::printf("Eerste %zu afwijzingen:\n", first.size());
    for (const auto& r : first) {
      std::printf("  regel %lld, %s: %s\n", static_cast<long long>(r.line), r.field.c_str(),
                  r.message.c_str());
    }
    std::printf("Alle afwijzingen staan in %s.\n", rejected_path.c_str());
  }
  return 0;
}

StatusOr<Timestamp> ParseBound(const std::string& text, const char* field, bool end) {
  if (auto t = ParseRfc3339(text, field); t.ok()) return *t;
  ASSIGN_OR_RETURN(auto date, ParseDate(text, field));
  // --tot with a date includes that whole day.
  if (end) date = std::chrono::sys_days(date) + std::chrono::days(1);
  return StartOfAmsterdamDay(date);
}

int RunExport(const MeldingFlags& flags) {
  auto format = signals::ParseExportFormat(flags.format, "--formaat");
  if (!format.ok()) return Report(format.status());
  signals::ListQuery q;
  q.tenant = flags.tenant;
  for (const std::string& s : flags.states) {
    auto state = signals::ParseState(s, "--status");
    if (!state.ok()) return Report(state.status());
    q.states.push_back(*state);
  }
  q.categories = flags.categories;
  q.wijken = flags.wijken;
  if (!flags.from.empty()) {
    auto t = ParseBound(flags.from, "--van", false);
    if (!t.ok()) return Report(t.status());
    q.received_from = *t;
  }
  if (!flags.to.empty()) {
    auto t = ParseBound(flags.to, "--tot", true);
    if (!t.ok()) return Report(t.status());
    q.received_to = *t;
  }
  q.sort = signals::ListQuery::Sort::kReceivedAsc;
  // The command line exports what every staff member may see (up to internal): confidential and
  // special meldingen go through the API, where each export is authorised and audited.
  q.visibility = {security::Sensitivity::kInternal};

  auto db = OpenMigrated(flags.db_url);
  if (!db.ok()) return Report(db.status());
  signals::SetupOptions setup;
  setup.tenant = flags.tenant;
  auto service = signals::OpenMeldingService(**db, SystemClock::Instance(), setup);
  if (!service.ok()) return Report(service.status());

  // Written next to the target and renamed at the end: no half file on an error.
  const std::string partial = flags.out + ".deel";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) return Report(FailedPreconditionError("Kan " + flags.out + " niet schrijven."));
  signals::MeldingExporter exporter(*format, (*service)->catalog(), out);
  const bool mask = !flags.personal;
  Status s = signals::ExportList(
      **service, q, exporter, [mask](const std::vector<signals::Melding>& page) {
        return StatusOr<std::vector<bool>>(std::vector<bool>(page.size(), mask));
      });
  out.close();
  std::error_code ec;
  if (!s.ok()) {
    std::filesystem::remove(partial, ec);
    return Report(s);
  }
  std::filesystem::rename(partial, flags.out, ec);
  if (ec) return Report(FailedPreconditionError("Kan " + flags.out + " niet schrijven."));
  std::printf("%lld meldingen geëxporteerd naar %s (%s).\n",
              static_cast<long long>(exporter.written()), flags.out.c_str(), flags.format.c_str());
  return 0;
}

}  // namespace

void AddMeldingCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<MeldingFlags>();
  CLI::App* meldingen = app.add_subcommand("meldingen", "Meldingen importeren en exporteren");
  meldingen->require_subcommand(1);

  std::string fields;
  for (std::string_view f : signals::ImportFields()) {
    fields += (fields.empty() ? "" : ", ") + std::string(f);
  }
  CLI::App* import = meldingen->add_subcommand(
      "import",
      "Importeer meldingen uit een CSV-bestand van een ander systeem (opnieuw "
      "importeren voegt niets dubbel toe)");
  AddDatabaseOption(*import, flags->db_url);
  import->add_option("file", flags->file, "CSV-bestand met kopregel")->required();
  import->add_option("--map", flags->maps,
                     "Koppel velden aan kolommen: veld=kolom,... (velden: " + fields +
                         "; standaard time=datum,x=x,y=y,category=categorie,"
                         "text=omschrijving,id=meldingnummer)");
  import->add_option("--map-file", flags->map_file, "Bestand met een paar veld=kolom per regel");
  import->add_option("--crs", flags->crs, "rd (x,y in meters) of wgs84 (lon,lat in graden)")
      ->check(CLI::IsMember({"rd", "wgs84"}))
      ->capture_default_str();
  import->add_option("--kanaal", flags->channel, "import, boa of partner")
      ->check(CLI::IsMember({"import", "boa", "partner"}))
      ->capture_default_str();
  import->add_option("--bron", flags->source, "Naam van het bronsysteem (bron-id = bron:id)")
      ->capture_default_str();
  import->add_option("--scheiding", flags->delimiter, "Scheidingsteken, bv. ';'")
      ->capture_default_str();
  import->add_option("--gemeente", flags->tenant, "CBS-code van de gemeente")
      ->capture_default_str();
  import->add_option("--blok", flags->chunk, "Regels per blok (geheugen)")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();
  import
      ->add_option("--indexen", flags->indexes,
                   "auto, uitstellen of bijhouden: zoekindexen pas na de import opbouwen "
                   "(auto: bij een groot bestand naast wat er al is)")
      ->check(CLI::IsMember({"auto", "uitstellen", "bijhouden"}))
      ->capture_default_str();
  import->callback([flags, &context] { context.exit_code = RunImport(*flags);
});

CLI::App* exp = meldingen->add_subcommand(
    "export", "Exporteer een gefilterde lijst naar csv, xlsx, geojson of mor (VNG open data)");
AddDatabaseOption(*exp, flags->db_url);
exp->add_option("--formaat", flags->format, "csv, xlsx, geojson of mor")
    ->check(CLI::IsMember({"csv", "xlsx", "geojson", "mor"}))
    ->capture_default_str();
exp->add_option("--uit", flags->out, "Uitvoerbestand")->required();
exp->add_option("--status", flags->states, "Statuscodes (gemeld,in_behandeling,...)")
    ->delimiter(',');
exp->add_option("--categorie", flags->categories, "Sub- of hoofdcategoriecodes")->delimiter(',');
exp->add_option("--wijk", flags->wijken, "CBS-wijkcodes")->delimiter(',');
exp->add_option("--van", flags->from, "Ontvangen vanaf (JJJJ-MM-DD of RFC 3339)");
exp->add_option("--tot", flags->to, "Ontvangen tot en met de dag (JJJJ-MM-DD) of tot RFC 3339");
exp->add_flag("--met-persoonsgegevens", flags->personal,
              "Melder en tekst onverkort (standaard afgeschermd)");
exp->add_option("--gemeente", flags->tenant, "CBS-code van de gemeente")->capture_default_str();
exp->callback([flags, &context] { context.exit_code = RunExport(*flags); });
}  // namespace baken::app

}  // namespace baken::app
