// Exports of a list of meldingen: CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads the
// accents, CRLF, Dutch headers), XLSX (libxlsxwriter), GeoJSON (WGS84 points, the columns as
// properties) and the VNG open data format "Melding openbare ruimte" (MOR).
// XLSX is written through base/xlsx.h (XlsxWriter).
//
// MeldingExporter writes one melding at a time to an ostream, so a large export needs memory for
// one page of the list only (XLSX goes through a temporary file that is removed in Finish or in
// the destructor). Personal data (reporter, free text) is masked as on the list route when the
// caller's decision says so (`mask_personal`). The MOR format is anonymised whatever the caller
// may see: no text and no reporter, coordinates coarsened to the centre of their 100 m RD cell,
// and only meldingen of categories on the public map (others are skipped: Add returns false).
// Errors: kInvalidArgument for an unknown format, kInternal when the XLSX writer fails. Not
// thread-safe; the catalog and the stream must outlive the exporter.
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/base/xlsx.h"
#include "baken/signals/category.h"
#include "baken/signals/melding.h"
#include "baken/signals/melding_service.h"

namespace baken::signals {

enum class ExportFormat { kCsv, kXlsx, kGeoJson, kMor };
// "csv", "xlsx", "geojson", "mor".
StatusOr<ExportFormat> ParseExportFormat(std::string_view code, std::string_view field = "formaat");
std::string_view ExportContentType(ExportFormat f);
std::string_view ExportExtension(ExportFormat f);  // "csv", "xlsx", "geojson", "mor.csv"

// The MOR column names, in the order of the VNG data model.
const std::vector<std::string>& MorColumns();

class MeldingExporter {
 public:
  MeldingExporter(ExportFormat format, const CategoryCatalog& catalog, std::ostream& out);
  ~MeldingExporter();
  MeldingExporter(const MeldingExporter&) = delete;
  MeldingExporter& operator=(const MeldingExporter&) = delete;

  // Writes one melding; false when the format leaves it out (MOR: not on the public map).
  StatusOr<bool> Add(const Melding& m, bool mask_personal);
  // Closes the document (GeoJSON brackets, the XLSX zip). Call once, after the last Add.
  Status Finish();
  int64_t written() const { return written_; }

 private:
  Status Start();  // the header (CSV, MOR, XLSX) or the opening bracket (GeoJSON)
  std::vector<std::string> Row(const Melding& m, bool mask) const;
  std::vector<std::string> MorRow(const Melding& m) const;

  ExportFormat format_;
  const CategoryCatalog& catalog_;
  std::ostream& out_;
  std::unique_ptr<XlsxWriter> xlsx_;
  int64_t written_ = 0;
  bool started_ = false;
  bool finished_ = false;
};

// Runs `query` page by page (cursor) and adds every melding to `exporter`. `decide` is called once
// per page before any of it is written: it returns the mask flag per item (same order) or an
// error that stops the export (e.g. a failed audit write). At most `max_rows` meldingen are read;
// more is kInvalidArgument asking to narrow the filters.
using ExportDecision = std::function<StatusOr<std::vector<bool>>(const std::vector<Melding>&)>;
Status ExportList(const MeldingService& service, ListQuery query, MeldingExporter& exporter,
                  const ExportDecision& decide, int64_t max_rows = 1'000'000);

}  // namespace baken::signals
