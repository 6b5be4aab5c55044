// Exports of meldingen; see export.h for the contract.
#include "baken/signals/export.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "baken/base/csv.h"
#include "baken/base/time_zone.h"
#include "baken/geo/crs.h"
#include "baken/security/masking.h"

namespace baken::signals {

namespace {

const std::vector<std::string> kColumns = {
    "nummer",         "ontvangen",      "voorgevallen", "status",      "categorie",
    "categorie_naam", "hoofdcategorie", "prioriteit",   "afdeling",    "behandelaar",
    "wijk",           "buurt",          "straat",       "postcode",    "x_rd",
    "y_rd",           "lengtegraad",    "breedtegraad", "kanaal",      "termijn",
    "afgesloten",     "bron_id",        "tekst",        "melder_naam", "melder_email",
    "melder_telefoon"};
constexpr size_t kFirstNumber = 14;  // x_rd, y_rd, lengtegraad, breedtegraad
constexpr size_t kLastNumber = 17;

void WriteCrlfRecord(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.put(',');
    out << CsvSpreadsheetCell(fields[i]);
  }
  out << "\r\n";
}

}  // namespace

StatusOr<ExportFormat> ParseExportFormat(std::string_view code, std::string_view field) {
  if (code == "csv") return ExportFormat::kCsv;
  if (code == "xlsx") return ExportFormat::kXlsx;
  if (code == "geojson") return ExportFormat::kGeoJson;
  if (code == "mor") return ExportFormat::kMor;
  return InvalidArgumentError("Kies csv, xlsx, geojson of mor.", std::string(field));
}

std::string_view ExportContentType(ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv: return "text/csv; charset=utf-8";
    case ExportFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case ExportFormat::kGeoJson: return "application/geo+json";
    case ExportFormat::kMor: return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

std::string_view ExportExtension(ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv: return "csv";
    case ExportFormat::kXlsx: return "xlsx";
    case ExportFormat::kGeoJson: return "geojson";
    case ExportFormat::kMor: return "mor.csv";
  }
  return "bin";
}

// As spelled in the VNG information model (vng-mor-ods-datamodel.csv), including its "latidude";
// only the double space in "datum  melding" is made single.
const std::vector<std::string>& MorColumns() {
  static const std::vector<std::string> kMor = {
      "identificatie",  "zaaktype",     "kanaal",        "publicatie",
      "hoofdcategorie", "subcategorie", "itemcategorie", "labels aanmelding",
      "omschrijving",   "toelichting",  "status",        "datum melding",
      "gepland",        "einddatum",    "normtijd",      "longitude",
      "latidude",       "media1",       "media2",        "media3"};
  return kMor;
}

MeldingExporter::MeldingExporter(ExportFormat format, const CategoryCatalog& catalog,
                                 std::ostream& out)
    : format_(format), catalog_(catalog), out_(out) {}

MeldingExporter::~MeldingExporter() = default;

std::vector<std::string> MeldingExporter::Row(const Melding& m, bool mask) const {
  const Category* c = catalog_.Find(m.category);
  const std::string& text = m.text;
  return {m.number,
          FormatRfc3339(m.received_at),
          FormatRfc3339(m.occurred_at),
          std::string(StateCode(m.state)),
          m.category,
          c != nullptr ? c->name : m.category,
          m.main_category,
          std::string(PriorityCode(m.priority)),
          m.department,
          mask && !m.assignee.empty() ? security::MaskName(m.assignee) : m.assignee,
          m.wijk,
          m.buurt,
          m.street,  // the nearest street (Melding::street): a place, not personal data
          m.postcode,
          fmt::format("{:.2f}", m.x),
          fmt::format("{:.2f}", m.y),
          fmt::format("{:.6f}", m.lon),
          fmt::format("{:.6f}", m.lat),
          std::string(ChannelCode(m.channel)),
          FormatRfc3339(m.deadline),
          m.closed_at ? FormatRfc3339(*m.closed_at) : "",
          m.source_id,
          mask ? security::MaskFreeText(text) : text,
          mask ? security::MaskName(m.reporter.name) : m.reporter.name,
          mask ? security::MaskEmail(m.reporter.email) : m.reporter.email,
          mask ? security::MaskPhone(m.reporter.phone) : m.reporter.phone};
}

std::vector<std::string> MeldingExporter::MorRow(const Melding& m) const {
  const Category* c = catalog_.Find(m.category);
  std::string main = c != nullptr && !c->mor_main.empty() ? c->mor_main : m.main_category;
  std::string sub =
      c != nullptr && !c->mor_sub.empty() ? c->mor_sub : (c != nullptr ? c->public_name : "");
  const double cx = (std::floor(m.x / 100.0) + 0.5) * 100.0;
  const double cy = (std::floor(m.y / 100.0) + 0.5) * 100.0;
  std::string lon, lat;
  if (StatusOr<geo::WgsPoint> w = geo::RdToWgs({cx, cy}); w.ok()) {
    lon = fmt::format("{:.5f}", w->lon);
    lat = fmt::format("{:.5f}", w->lat);
  }
  return {m.number,
          "",
          std::string(ChannelCode(m.channel)),
          "gesloten",  // no consent to publish the text is recorded, so none is published
          main,
          sub,
          "",
          "",
          "",  // omschrijving: never (anonymised)
          "",
          IsClosed(m.state) ? "afgesloten" : "in behandeling",
          FormatRfc3339(m.received_at),
          "",
          m.closed_at ? FormatRfc3339(*m.closed_at) : "",
          c != nullptr ? c->service_level.ToDutch() : "",
          lon,
          lat,
          "",
          "",
          ""};
}

Status MeldingExporter::Start() {
  started_ = true;
  switch (format_) {
    case ExportFormat::kCsv:
      out_ << "\xEF\xBB\xBF";
      WriteCrlfRecord(out_, kColumns);
      break;
    case ExportFormat::kMor:
      out_ << "\xEF\xBB\xBF";
      WriteCrlfRecord(out_, MorColumns());
      break;
    case ExportFormat::kGeoJson: out_ << R"({"type":"FeatureCollection","features":[)"; break;
    case ExportFormat::kXlsx: {
      ASSIGN_OR_RETURN(xlsx_, XlsxWriter::Create());
      RETURN_IF_ERROR(xlsx_->AddSheet("Meldingen", kColumns));
      break;
    }
  }
  return Status::Ok();
}

StatusOr<bool> MeldingExporter::Add(const Melding& m, bool mask_personal) {
  if (finished_) return InternalError("De export is al afgesloten.");
  if (format_ == ExportFormat::kMor) {
    const Category* c = catalog_.Find(m.category);
    if (c == nullptr || !c->on_public_map || c->sensitivity > security::Sensitivity::kInternal ||
        m.sensitivity > security::Sensitivity::kInternal) {
      return false;
    }
  }
  if (!started_) {
    RETURN_IF_ERROR(Start());
  }
  switch (format_) {
    case ExportFormat::kCsv: WriteCrlfRecord(out_, Row(m, mask_personal)); break;
    case ExportFormat::kMor: WriteCrlfRecord(out_, MorRow(m)); break;
    case ExportFormat::kGeoJson: {
      const std::vector<std::string> row = Row(m, mask_personal);
      nlohmann::json props = nlohmann::json::object();
      for (size_t i = 0; i < kColumns.size(); ++i) {
        if (i >= kFirstNumber && i <= kLastNumber) continue;
        props[kColumns[i]] = row[i];
      }
      props["x_rd"] = m.x;
      props["y_rd"] = m.y;
      nlohmann::json f = {
          {"type", "Feature"},
          {"geometry",
           {{"type", "Point"},
            {"coordinates", {std::round(m.lon * 1e6) / 1e6, std::round(m.lat * 1e6) / 1e6}}}},
          {"properties", std::move(props)}};
      if (written_ > 0) out_.put(',');
      out_ << f.dump();
      break;
    }
    case ExportFormat::kXlsx: {
      if (written_ >= XlsxWriter::kMaxRows) {
        return InvalidArgumentError(
            "Een XLSX-blad heeft hoogstens 1.048.575 rijen; kies csv of verfijn de filters.",
            "formaat");
      }
      const std::vector<std::string> row = Row(m, mask_personal);
      std::vector<XlsxCell> cells;
      cells.reserve(row.size());
      for (size_t i = 0; i < row.size(); ++i) {
        if (i >= kFirstNumber && i <= kLastNumber) {
          const double numbers[] = {m.x, m.y, m.lon, m.lat};  // in column order
          cells.push_back(XlsxCell::Number(numbers[i - kFirstNumber]));
        } else {
          cells.push_back(XlsxCell::Text(row[i]));
        }
      }
      RETURN_IF_ERROR(xlsx_->AddRow(cells));
      break;
    }
  }
  ++written_;
  return true;
}

Status MeldingExporter::Finish() {
  if (finished_) return Status::Ok();
  if (!started_) {
    RETURN_IF_ERROR(Start());  // an empty export still has its header
  }
  switch (format_) {
    case ExportFormat::kGeoJson: out_ << "]}\n"; break;
    case ExportFormat::kXlsx: {
      xlsx_->AddAutofilter();
      const Status written = xlsx_->Finish(out_);
      xlsx_.reset();  // removes the temporary file
      if (!written.ok()) {
        return InternalError("De XLSX-export is mislukt: " + written.message());
      }
      break;
    }
    default: break;
  }
  finished_ = true;
  out_.flush();
  if (!out_) return InternalError("De export kon niet volledig worden geschreven.");
  return Status::Ok();
}

Status ExportList(const MeldingService& service, ListQuery query, MeldingExporter& exporter,
                  const ExportDecision& decide, int64_t max_rows) {
  query.limit = 500;
  query.cursor.clear();
  int64_t read = 0;
  while (true) {
    ASSIGN_OR_RETURN(Page page, service.List(query));
    read += static_cast<int64_t>(page.items.size());
    if (read > max_rows) {
      return InvalidArgumentError(
          "Meer dan " + std::to_string(max_rows) + " meldingen in één export; verfijn de filters.",
          "filters");
    }
    ASSIGN_OR_RETURN(std::vector<bool> masks, decide(page.items));
    for (size_t i = 0; i < page.items.size(); ++i) {
      ASSIGN_OR_RETURN(bool added, exporter.Add(page.items[i], i < masks.size() ? masks[i] : true));
      (void)added;
    }
    if (page.next_cursor.empty()) break;
    query.cursor = page.next_cursor;
  }
  return exporter.Finish();
}

}  // namespace baken::signals
