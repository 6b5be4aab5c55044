// Pages to PDF/SVG/PNG bytes: see canvas.h.
#include "baken/render/canvas.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "baken/render/internal/lock.h"

namespace baken::render {

namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// cairo numbers SVG surfaces with a process-wide counter ("surface17"); renumber them in order of
// appearance so the same drawing gives the same file in any process and at any time.
std::string NormaliseSvgIds(const std::string& svg) {
  std::string out;
  out.reserve(svg.size());
  std::map<std::string, int> seen;
  static constexpr std::string_view kPrefix = "surface";
  size_t i = 0;
  while (i < svg.size()) {
    size_t at = svg.find(kPrefix, i);
    if (at == std::string::npos) {
      out.append(svg, i, std::string::npos);
      break;
    }
    size_t end = at + kPrefix.size();
    while (end < svg.size() && svg[end] >= '0' && svg[end] <= '9') ++end;
    out.append(svg, i, at - i);
    if (end == at + kPrefix.size()) {
      out.append(kPrefix);
    } else {
      const std::string number = svg.substr(at + kPrefix.size(), end - at - kPrefix.size());
      auto [it, added] = seen.emplace(number, static_cast<int>(seen.size()) + 1);
      (void)added;
      out.append(kPrefix).append(std::to_string(it->second));
    }
    i = end;
  }
  return out;
}

// "2025-12-31" → "2025-12-31T00:00:00Z" (the form cairo's PDF metadata takes).
std::string PdfDate(const std::string& date) {
  if (date.size() == 10) return date + "T00:00:00Z";
  return "2000-01-01T00:00:00Z";
}

Status SurfaceError(cairo_surface_t* surface) {
  const cairo_status_t s = cairo_surface_status(surface);
  if (s == CAIRO_STATUS_SUCCESS) return Status::Ok();
  return InternalError(std::string("Tekenen mislukt: ") + cairo_status_to_string(s));
}

// The number after `key` in the last trailer of `pdf` ("/Root 12 0 R" gives 12), or -1.
int64_t TrailerNumber(const std::string& pdf, size_t trailer, const std::string& key) {
  const size_t at = pdf.find(key, trailer);
  if (at == std::string::npos) return -1;
  return std::strtoll(pdf.c_str() + at + key.size(), nullptr, 10);
}

// Adds `entry` (e.g. "/Lang (nl-NL)") to the document catalog of cairo's finished PDF as an
// incremental update: the catalog object again with the entry, a cross-reference section for it
// and a trailer pointing back at cairo's (/Prev). Readers take the newest version of an object.
StatusOr<std::string> AddToCatalog(std::string pdf, const std::string& entry) {
  const size_t trailer = pdf.rfind("trailer");
  const size_t startxref = pdf.rfind("startxref");
  if (trailer == std::string::npos || startxref == std::string::npos) {
    return InternalError("PDF zonder trailer.");
  }
  const int64_t root = TrailerNumber(pdf, trailer, "/Root ");
  const int64_t size = TrailerNumber(pdf, trailer, "/Size ");
  const int64_t info = TrailerNumber(pdf, trailer, "/Info ");
  const int64_t prev = std::strtoll(pdf.c_str() + startxref + 9, nullptr, 10);
  const std::string head = "\n" + std::to_string(root) + " 0 obj";
  const size_t obj = pdf.find(head);
  if (root < 0 || size < 0 || obj == std::string::npos)
    return InternalError("PDF zonder catalogus.");
  const size_t open = pdf.find("<<", obj);
  const size_t end = pdf.find("endobj", obj);
  if (open == std::string::npos || end == std::string::npos || open > end) {
    return InternalError("PDF-catalogus onleesbaar.");
  }
  std::string catalog = pdf.substr(obj + 1, end - obj - 1);
  catalog.insert(open - obj - 1 + 2, " " + entry);
  if (pdf.back() != '\n') pdf += '\n';
  const size_t offset = pdf.size();
  pdf += catalog + "endobj\n";
  const size_t xref = pdf.size();
  char line[32];
  std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
  pdf += "xref\n" + std::to_string(root) + " 1\n" + line;
  pdf += "trailer\n<< /Size " + std::to_string(size) + " /Root " + std::to_string(root) + " 0 R";
  if (info >= 0) pdf += " /Info " + std::to_string(info) + " 0 R";
  pdf += " /Prev " + std::to_string(prev) + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace

StatusOr<Format> ParseFormat(std::string_view code, std::string_view field) {
  if (code == "pdf") return Format::kPdf;
  if (code == "svg") return Format::kSvg;
  if (code == "png") return Format::kPng;
  return InvalidArgumentError("Kies pdf, svg of png.", std::string(field));
}

std::string_view FormatExtension(Format format) {
  switch (format) {
    case Format::kPdf: return "pdf";
    case Format::kSvg: return "svg";
    case Format::kPng: return "png";
  }
  return "pdf";
}

std::string_view FormatMediaType(Format format) {
  switch (format) {
    case Format::kPdf: return "application/pdf";
    case Format::kSvg: return "image/svg+xml";
    case Format::kPng: return "image/png";
  }
  return "application/pdf";
}

StatusOr<std::string> RenderPages(Format format, PageSize size, int pages, const DocumentInfo& info,
                                  const DrawPage& draw) {
  if (pages < 1) return InvalidArgumentError("Er is niets om te tekenen.", "pagina's");
  if (format != Format::kPdf && pages != 1) {
    return InvalidArgumentError("SVG en PNG bevatten één pagina; kies pdf voor meer.", "formaat");
  }
  std::lock_guard<std::recursive_mutex> lock(internal::RenderMutex());
  std::string bytes;
  if (format == Format::kPng) {
    const double scale = info.png_dpi / 72.0;
    cairo_surface_t* surface = cairo_image_surface_create(
        CAIRO_FORMAT_RGB24, static_cast<int>(std::lround(size.width * scale)),
        static_cast<int>(std::lround(size.height * scale)));
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, scale, scale);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    draw(cr, 0);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    Status status = SurfaceError(surface);
    if (status.ok() &&
        cairo_surface_write_to_png_stream(surface, Append, &bytes) != CAIRO_STATUS_SUCCESS) {
      status = InternalError("PNG schrijven mislukt.");
    }
    cairo_surface_destroy(surface);
    RETURN_IF_ERROR(status);
    return bytes;
  }
  cairo_surface_t* surface = nullptr;
  if (format == Format::kPdf) {
    surface = cairo_pdf_surface_create_for_stream(Append, &bytes, size.width, size.height);
    cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Baken");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   PdfDate(info.date).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE,
                                   PdfDate(info.date).c_str());
  } else {
    surface = cairo_svg_surface_create_for_stream(Append, &bytes, size.width, size.height);
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
  }
  cairo_t* cr = cairo_create(surface);
  for (int page = 0; page < pages; ++page) {
    cairo_save(cr);
    draw(cr, page);
    cairo_restore(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  Status status = SurfaceError(surface);
  cairo_surface_destroy(surface);
  RETURN_IF_ERROR(status);
  if (format == Format::kSvg) return NormaliseSvgIds(bytes);
  // cairo 1.16 writes the structure tree but not /MarkInfo, without which readers do not treat
  // the PDF as tagged.
  std::string entries = "/Lang (" + info.language + ")";
  if (bytes.find("/StructTreeRoot") != std::string::npos &&
      bytes.find("/MarkInfo") == std::string::npos) {
    entries += " /MarkInfo << /Marked true >>";
  }
  return AddToCatalog(std::move(bytes), entries);
}

int AddOutline(cairo_t* cr, int parent, const std::string& title, int page_index, double y) {
  cairo_surface_t* target = cairo_get_target(cr);
  if (cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_PDF) return 0;
  char link[96];
  std::snprintf(link, sizeof link, "page=%d pos=[0 %.1f]", page_index + 1, y);
  return cairo_pdf_surface_add_outline(target, parent, title.c_str(), link,
                                       static_cast<cairo_pdf_outline_flags_t>(0));
}

void BeginLink(cairo_t* cr, int page_index, double y) {
  if (cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_PDF) return;
  char link[96];
  std::snprintf(link, sizeof link, "page=%d pos=[0 %.1f]", page_index + 1, y);
  cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
}

void BeginUriLink(cairo_t* cr, const std::string& uri) {
  if (cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_PDF) return;
  std::string escaped;
  for (char c : uri) {
    if (c == '\'' || c == '\\') escaped += '\\';
    escaped += c;
  }
  cairo_tag_begin(cr, CAIRO_TAG_LINK, ("uri='" + escaped + "'").c_str());
}

void BeginStructure(cairo_t* cr, const char* tag) {
  if (cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_PDF) return;
  cairo_tag_begin(cr, tag, "");
}

void EndStructure(cairo_t* cr, const char* tag) {
  if (cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_PDF) return;
  cairo_tag_end(cr, tag);
}

void EndLink(cairo_t* cr) {
  if (cairo_surface_get_type(cairo_get_target(cr)) != CAIRO_SURFACE_TYPE_PDF) return;
  cairo_tag_end(cr, CAIRO_TAG_LINK);
}

}  // namespace baken::render
