// `baken report progress --programme CODE --period 2025 --format pdf|xlsx|html --out FILE` and
// `baken report highlights --year 2025 --format svg|pdf|png [--scherm] --out FILE`: the progress
// report of a programme and the yearly Highlights infographic, from the figures stored in the
// database (render/progress_report.h, render/programme_highlights.h).
//
// Figures are the snapshots recorded up to --peildatum (default: now), so a report made again
// later for the same date gives the same bytes. --afschermen (default on for highlights, off for
// the progress report, which is for staff) shows counts about persons below 5 as "< 5". The file
// is written whole or not at all (a temporary file renamed into place).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "baken/app/command.h"
#include "baken/base/tenant.h"
#include "baken/base/time_zone.h"
#include "baken/render/canvas.h"
#include "baken/render/programme_highlights.h"
#include "baken/render/progress_report.h"

namespace baken::app {

namespace {

struct ReportFlags {
  std::string db_url;
  std::string tenant = kDefaultTenant;
  std::string programme;
  std::string period;
  int year = 0;
  std::string format;
  std::string out;
  std::string as_of;
  bool screen = false;
  bool suppress = false;
};

// Writes `bytes` to `path` through a temporary file in the same folder.
Status WriteWhole(const std::string& path, const std::string& bytes) {
  if (path.empty()) return InvalidArgumentError("Geef een uitvoerbestand.", "--out");
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return InvalidArgumentError("Kan " + path + " niet schrijven.", "--out");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(temp);
      return InternalError("Schrijven naar " + path + " mislukt (schijf vol?).");
    }
  }
  std::error_code error;
  std::filesystem::rename(temp, path, error);
  if (error) return InternalError("Kan " + path + " niet schrijven: " + error.message());
  return Status::Ok();
}

StatusOr<Timestamp> AsOf(const std::string& text) {
  if (text.empty()) return SystemClock::Instance().Now();
  return ParseRfc3339(text, "--peildatum");
}

Status Progress(const ReportFlags& f) {
  if (f.format != "pdf" && f.format != "xlsx" && f.format != "html") {
    return InvalidArgumentError("Kies pdf, xlsx of html.", "--format");
  }
  ASSIGN_OR_RETURN(programme::Period period, programme::ParsePeriod(f.period, "--period"));
  ASSIGN_OR_RETURN(Timestamp as_of, AsOf(f.as_of));
  ASSIGN_OR_RETURN(auto db, OpenMigrated(f.db_url));
  ASSIGN_OR_RETURN(render::ProgressReport report,
                   render::LoadProgressReport(*db, SystemClock::Instance(), f.tenant, f.programme,
                                              period, as_of, {.enabled = f.suppress}));
  std::string bytes;
  if (f.format == "pdf") {
    ASSIGN_OR_RETURN(bytes, render::ProgressReportPdf(report));
  } else if (f.format == "xlsx") {
    ASSIGN_OR_RETURN(bytes, render::ProgressReportXlsx(report));
  } else {
    bytes = render::ProgressReportHtml(report);
  }
  RETURN_IF_ERROR(WriteWhole(f.out, bytes));
  std::printf("Voortgangsrapportage %s van %s geschreven naar %s (%zu bytes, cijfers van %s).\n",
              f.period.c_str(), report.tree.programme.name.c_str(), f.out.c_str(), bytes.size(),
              report.date.c_str());
  return Status::Ok();
}

Status Highlights(const ReportFlags& f) {
  ASSIGN_OR_RETURN(render::Format format, render::ParseFormat(f.format, "--format"));
  if (f.year < 2000 || f.year > 2100)
    return InvalidArgumentError("Geef een jaar als 2025.", "--year");
  ASSIGN_OR_RETURN(Timestamp as_of, AsOf(f.as_of));
  ASSIGN_OR_RETURN(auto db, OpenMigrated(f.db_url));
  ASSIGN_OR_RETURN(render::HighlightsData data,
                   render::LoadHighlights(*db, SystemClock::Instance(), f.tenant, f.year, as_of));
  render::DocumentInfo info{.title = data.sheet.title,
                            .author = data.sheet.organisation,
                            .subject = data.sheet.subtitle,
                            .date = data.date,
                            .png_dpi = 150};
  ASSIGN_OR_RETURN(
      std::string bytes,
      render::RenderHighlights(
          data.sheet, format,
          f.screen ? render::SheetSize::kScreen : render::SheetSize::kA4Landscape, info));
  RETURN_IF_ERROR(WriteWhole(f.out, bytes));
  std::printf("Highlights %d geschreven naar %s (%zu bytes, cijfers van %s).\n", f.year,
              f.out.c_str(), bytes.size(), data.date.c_str());
  return Status::Ok();
}

}  // namespace

void AddReportCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* report = app.add_subcommand(
      "report", "Verantwoording: voortgangsrapportage en de jaarlijkse Highlights");
  report->require_subcommand(1);

  CLI::App* progress = report->add_subcommand(
      "progress", "Voortgangsrapportage van een programma over een periode (pdf, xlsx, html)");
  AddDatabaseOption(*progress, flags->db_url);
  progress->add_option("--tenant", flags->tenant, "Gemeente (CBS-code)")->capture_default_str();
  progress->add_option("--programme", flags->programme, "Code van het programma")->required();
  progress->add_option("--period", flags->period, "Periode: 2025 of 2025-Q3")->required();
  progress->add_option("--format", flags->format, "pdf, xlsx of html")->required();
  progress->add_option("--out", flags->out, "Uitvoerbestand")->required();
  progress->add_option("--peildatum", flags->as_of,
                       "Cijfers zoals vastgelegd op dit moment (ISO 8601), standaard nu");
  progress->add_flag("--afschermen", flags->suppress,
                     "Aantallen over personen onder de 5 tonen als '< 5' (voor openbare stukken)");
  progress->callback([flags, &context] { context.exit_code = Report(Progress(*flags)); });

  CLI::App* highlights = report->add_subcommand(
      "highlights", "De Highlights van een jaar: één pagina (svg, pdf, png)");
  AddDatabaseOption(*highlights, flags->db_url);
  highlights->add_option("--tenant", flags->tenant, "Gemeente (CBS-code)")->capture_default_str();
  highlights->add_option("--year", flags->year, "Jaar, bv. 2025")->required();
  highlights->add_option("--format", flags->format, "svg, pdf of png")->required();
  highlights->add_option("--out", flags->out, "Uitvoerbestand")->required();
  highlights->add_option("--peildatum", flags->as_of,
                         "Cijfers zoals vastgelegd op dit moment (ISO 8601), standaard nu");
  highlights->add_flag("--scherm", flags->screen, "Schermversie (16:9) in plaats van A4 liggend");
  highlights->callback([flags, &context] { context.exit_code = Report(Highlights(*flags)); });
}

}  // namespace baken::app
