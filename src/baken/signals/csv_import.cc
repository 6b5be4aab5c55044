// CSV rows to ImportItems; see csv_import.h for the contract.
#include "baken/signals/csv_import.h"
#include "baken/base/strings.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <future>

#include "baken/base/time_zone.h"
#include "baken/base/utf8.h"

namespace baken::signals {

namespace {

bool Required(std::string_view field) {
  return field == "time" || field == "x" || field == "y" || field == "category" ||
         field == "text" || field == "id";
}

}  // namespace

const std::vector<std::string_view>& ImportFields() {
  static const std::vector<std::string_view> kFields = {
      "time", "x", "y", "category", "text", "id", "occurred", "name", "email", "phone", "priority"};
  return kFields;
}

Status ParseColumnMap(std::string_view spec, ImportMapping& mapping, std::string_view origin) {
  size_t start = 0;
  while (start <= spec.size()) {
    size_t comma = spec.find(',', start);
    if (comma == std::string_view::npos) comma = spec.size();
    const std::string pair(Trim(spec.substr(start, comma - start)));
    start = comma + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) {
      return InvalidArgumentError("'" + pair + "' is geen paar veld=kolom (bv. time=datum).",
                                  std::string(origin));
    }
    const std::string field = ToLowerAscii(Trim(std::string_view(pair).substr(0, eq)));
    const std::string column(Trim(std::string_view(pair).substr(eq + 1)));
    const auto& known = ImportFields();
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      std::string list;
      for (std::string_view f : known) list += (list.empty() ? "" : ", ") + std::string(f);
      return InvalidArgumentError("Onbekend veld '" + field + "'; kies uit " + list + ".",
                                  std::string(origin));
    }
    if (column.empty()) {
      return InvalidArgumentError("Het veld '" + field + "' heeft geen kolomnaam.",
                                  std::string(origin));
    }
    mapping.columns[field] = column;
  }
  return Status::Ok();
}

Status ReadMapFile(const std::string& path, ImportMapping& mapping) {
  std::ifstream in(path);
  if (!in) return NotFoundError("Het koppelbestand " + path + " is niet te lezen.");
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string text(Trim(line));
    if (text.empty() || text.front() == '#') continue;
    RETURN_IF_ERROR(ParseColumnMap(text, mapping, "--map-file")
                        .WithContext(path + " regel " + std::to_string(number)));
  }
  return Status::Ok();
}

bool ParseImportNumber(std::string_view text, double& out) {
  std::string s(Trim(text));
  if (s.empty()) return false;
  if (s.find('.') == std::string::npos) std::replace(s.begin(), s.end(), ',', '.');
  const char* begin = s.data();
  if (*begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(out);
}

StatusOr<Timestamp> ParseImportTime(std::string_view text, std::string_view field) {
  const std::string s(Trim(text));
  if (s.empty()) return InvalidArgumentError("Het tijdstip ontbreekt.", std::string(field));
  if (auto t = ParseRfc3339(s, field); t.ok()) return *t;
  Ambiguity policy;
  policy.gap = Ambiguity::Gap::kShiftForward;
  policy.overlap = Ambiguity::Overlap::kEarlier;
  if (auto t = ParseLocal(s, policy, field); t.ok()) return *t;
  return InvalidArgumentError(
      "'" + s +
          "' is geen tijdstip; verwacht RFC 3339 (2024-05-01T14:30:00+02:00) of "
          "JJJJ-MM-DD UU:MM in Nederlandse tijd.",
      std::string(field));
}

CsvImportReader::CsvImportReader(std::istream& in, const ImportMapping& mapping,
                                 const CategoryCatalog& catalog)
    : reader_(in, mapping.delimiter), mapping_(mapping), catalog_(catalog) {
  for (const Category& c : catalog.categories()) {
    category_by_name_.emplace(ToLowerAscii(c.code), c.code);
    category_by_name_.emplace(ToLowerAscii(c.name), c.code);
    category_by_name_.emplace(ToLowerAscii(c.public_name), c.code);
  }
}

StatusOr<std::unique_ptr<CsvImportReader>> CsvImportReader::Open(std::istream& in,
                                                                 const ImportMapping& mapping,
                                                                 const CategoryCatalog& catalog) {
  std::unique_ptr<CsvImportReader> r(new CsvImportReader(in, mapping, catalog));
  std::vector<std::string> header;
  ASSIGN_OR_RETURN(bool any, r->reader_.Next(header));
  if (!any) return InvalidArgumentError("Het bestand is leeg; verwacht een kopregel.", "bestand");
  for (std::string& h : header) {
    RETURN_IF_ERROR(RequireUtf8(h, "kopregel"));
    h = Trim(h);
  }
  for (const auto& [field, column] : mapping.columns) {
    std::optional<size_t> i = FindColumn(header, column);
    if (!i) {
      std::string have;
      for (const std::string& h : header) have += (have.empty() ? "" : ", ") + h;
      return InvalidArgumentError("De kolom '" + column + "' (voor " + field +
                                      ") staat niet in de kopregel (" + have +
                                      "). Koppel met --map " + field + "=KOLOM.",
                                  column);
    }
    r->index_[field] = *i;
  }
  for (std::string_view f : ImportFields()) {
    if (Required(f) && !r->index_.count(std::string(f))) {
      return InvalidArgumentError("Het veld " + std::string(f) + " is niet gekoppeld.", "--map");
    }
  }
  return r;
}

std::string CsvImportReader::ResolveCategory(const std::string& value) const {
  if (catalog_.Find(value) != nullptr) return value;
  auto it = category_by_name_.find(ToLowerAscii(value));
  return it == category_by_name_.end() ? std::string() : it->second;
}

Status CsvImportReader::BuildItem(const std::vector<std::string>& row, ImportItem& item) const {
  const int64_t line = reader_.line();
  auto value = [&](const char* field) -> std::string {
    auto it = index_.find(field);
    if (it == index_.end() || it->second >= row.size()) return {};
    return std::string(Trim(row[it->second]));
  };
  auto column = [&](const char* field) { return mapping_.columns.at(field); };
  auto missing = [&](const char* field) {
    return InvalidArgumentError("De waarde ontbreekt.", column(field));
  };

  // A row with bytes that are not UTF-8 is refused as a whole, naming the column.
  for (const auto& [field, index] : index_) {
    if (index < row.size()) RETURN_IF_ERROR(RequireUtf8(row[index], mapping_.columns.at(field)));
  }

  NewMelding& m = item.melding;
  m.tenant = mapping_.tenant;
  m.channel = mapping_.channel;
  item.line = line;

  const std::string id = value("id");
  if (id.empty()) return missing("id");
  m.source_id = mapping_.source + ":" + id;

  const std::string time = value("time");
  if (time.empty()) return missing("time");
  StatusOr<Timestamp> received = ParseImportTime(time, column("time"));
  if (!received.ok()) {
    return InvalidArgumentError(received.status().message(), column("time"));
  }
  item.received_at = *received;
  if (index_.count("occurred")) {
    if (const std::string v = value("occurred"); !v.empty()) {
      StatusOr<Timestamp> t = ParseImportTime(v, column("occurred"));
      if (!t.ok()) {
        return InvalidArgumentError(t.status().message(), column("occurred"));
      }
      m.occurred_at = *t;
    }
  }

  for (const char* axis : {"x", "y"}) {
    const std::string v = value(axis);
    if (v.empty()) return missing(axis);
    double d = 0;
    if (!ParseImportNumber(v, d)) {
      return InvalidArgumentError("'" + v + "' is geen getal.", column(axis));
    }
    (std::string_view(axis) == "x" ? m.location.a : m.location.b) = d;
  }
  m.location.crs = mapping_.crs;

  const std::string category = value("category");
  if (category.empty()) return missing("category");
  m.category = ResolveCategory(category);
  if (m.category.empty()) {
    return InvalidArgumentError("Onbekende categorie '" + category + "'.", column("category"));
  }
  m.text = value("text");
  if (m.text.empty()) return missing("text");

  if (index_.count("name")) m.reporter.name = value("name");
  if (index_.count("email")) m.reporter.email = value("email");
  if (index_.count("phone")) m.reporter.phone = value("phone");
  if (index_.count("priority")) {
    if (const std::string v = value("priority"); !v.empty()) {
      StatusOr<Priority> p = ParsePriority(ToLowerAscii(v), column("priority"));
      if (!p.ok()) {
        return InvalidArgumentError(p.status().message(), column("priority"));
      }
      m.priority = *p;
    }
  }
  return Status::Ok();
}

StatusOr<int64_t> CsvImportReader::ReadChunk(size_t max, std::vector<ImportItem>& items,
                                             std::vector<ImportRejection>& rejected) {
  items.clear();
  int64_t read = 0;
  while (static_cast<size_t>(read) < max) {  // bad rows count too: memory stays one chunk
    ASSIGN_OR_RETURN(bool more, reader_.Next(row_));
    if (!more) break;
    ++read;
    ++rows_;
    ImportItem item;
    if (Status s = BuildItem(row_, item); !s.ok()) {
      rejected.push_back({reader_.line(), s.field(), s.message()});
      continue;
    }
    items.push_back(std::move(item));
  }
  return read;
}

StatusOr<CsvImportTotals> RunCsvImport(CsvImportReader& reader, MeldingService& service,
                                       const Actor& actor, const CsvImportOptions& options) {
  CsvImportTotals totals;
  // One chunk of the file: its items, the rows the reader rejected, where it starts.
  struct Chunk {
    std::vector<ImportItem> items;
    std::vector<ImportRejection> rejected;
    int64_t before = 0;  // rows of the file before this chunk
    StatusOr<int64_t> read = int64_t{0};
  };
  auto read_chunk = [&reader, &options](Chunk& chunk) {
    chunk.rejected.clear();
    chunk.before = reader.rows_read();
    chunk.read = reader.ReadChunk(options.chunk, chunk.items, chunk.rejected);
  };
  bool deferred = false;
  auto finish = [&](Status status) -> Status {
    if (!deferred) return status;
    deferred = false;
    if (options.on_rebuild) options.on_rebuild();
    Status restored = service.FinishBulkLoad();
    return status.ok() ? restored : status;
  };
  Chunk current, next;
  read_chunk(current);
  // The next chunk is parsed while the service stores this one (the reader is used by one
  // thread at a time). Declared after the chunks, so it is joined before they are destroyed.
  std::future<void> ahead;
  bool first = true;
  while (true) {
    if (!current.read.ok()) return finish(current.read.status());
    const int64_t read = *current.read;
    if (read == 0) break;
    if (first) {
      first = false;
      using Defer = CsvImportOptions::DeferIndexes;
      const bool full = static_cast<size_t>(read) >= options.chunk;
      if (options.defer_indexes == Defer::kAlways ||
          (options.defer_indexes == Defer::kAuto && full)) {
        StatusOr<bool> started =
            service.StartBulkLoad(read, options.defer_indexes == Defer::kAlways);
        if (!started.ok()) return started.status();
        deferred = *started;
      }
    }
    ahead = std::async(std::launch::async, [&] { read_chunk(next); });
    ImportOptions import_options;
    import_options.batch = options.batch;
    const int64_t before = current.before;
    const int64_t invalid = read - static_cast<int64_t>(current.items.size());
    if (options.progress) {
      import_options.progress = [&](int64_t done, int64_t total) {
        options.progress(before + invalid + (total > 0 ? done : 0));
      };
    }
    StatusOr<ImportSummary> imported = service.Import(current.items, actor, import_options);
    if (!imported.ok()) {
      ahead.get();
      return finish(imported.status());
    }
    const ImportSummary& summary = *imported;
    std::vector<ImportRejection>& rejected = current.rejected;
    totals.stored += summary.stored;
    totals.already_present += summary.already_present;
    rejected.insert(rejected.end(), summary.rejected.begin(), summary.rejected.end());
    std::stable_sort(
        rejected.begin(), rejected.end(),
        [](const ImportRejection& a, const ImportRejection& b) { return a.line < b.line; });
    totals.rejected += static_cast<int64_t>(rejected.size());
    if (options.on_rejection) {
      for (const ImportRejection& r : rejected) options.on_rejection(r);
    }
    if (current.items.empty() && options.progress) options.progress(before + read);
    ahead.get();
    std::swap(current, next);
  }
  RETURN_IF_ERROR(finish(Status::Ok()));
  totals.rows = reader.rows_read();
  return totals;
}

}  // namespace baken::signals
