// Pages drawn with cairo into PDF, SVG or PNG bytes: one drawing code for all three formats.
//
// RenderPages() calls `draw` once per page with a cairo context in points (1/72 inch, origin top
// left) and returns the finished file as bytes. The same drawing always gives the same bytes:
// the PDF carries the document's own date (DocumentInfo::date), never the time of rendering, its
// title and language (the language as an incremental update of the catalog: cairo 1.16 cannot
// set /Lang), and
// SVG element ids are numbered per document. PNG and SVG hold one page; asking for more is
// kInvalidArgument. Text goes through text.h (fixed fonts). Rendering takes a process-wide lock
// (fontconfig and pango's font map are not made for concurrent use); it is meant for reports, not
// for hot paths.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken::render {

enum class Format { kPdf, kSvg, kPng };

// "pdf", "svg" or "png"; anything else is kInvalidArgument naming `field`.
StatusOr<Format> ParseFormat(std::string_view code, std::string_view field = "formaat");
std::string_view FormatExtension(Format format);
std::string_view FormatMediaType(Format format);

struct PageSize {
  double width = 595.276;  // points
  double height = 841.890;
};
inline constexpr PageSize kA4Portrait{595.276, 841.890};
inline constexpr PageSize kA4Landscape{841.890, 595.276};

struct DocumentInfo {
  std::string title;
  std::string author;  // e.g. "Gemeente Groningen"
  std::string subject;
  std::string date;      // "YYYY-MM-DD": the date the figures are of, written into the PDF
  double png_dpi = 150;  // resolution of PNG output
  std::string language = "nl-NL";  // the PDF catalog's /Lang (for screen readers)
  std::string html_url;  // the accessible HTML version; FlowDocument links it on the title page
};

using DrawPage = std::function<void(cairo_t* cr, int page_index)>;

StatusOr<std::string> RenderPages(Format format, PageSize size, int pages, const DocumentInfo& info,
                                  const DrawPage& draw);

// A PDF outline (bookmark) entry for `page_index` at height `y`; a no-op on other surfaces.
// Returns the entry's id for children (0 is the root).
int AddOutline(cairo_t* cr, int parent, const std::string& title, int page_index, double y);

// Starts/ends a link to a place in the same PDF (table of contents); no-op on other surfaces.
void BeginLink(cairo_t* cr, int page_index, double y);
void EndLink(cairo_t* cr);
// Starts a link to a web address (ended with EndLink); no-op on other surfaces.
void BeginUriLink(cairo_t* cr, const std::string& uri);

// Tagged PDF (cairo >= 1.16): starts/ends a structure element such as "H1", "P", "Figure",
// "Caption", "Table", "TR", "TOC", "TOCI", so screen readers get headings and reading order.
// Pairs must nest; a no-op on other surfaces. cairo 1.16 has no attributes for structure
// elements (no /Alt): a figure's text alternative is its tagged caption.
void BeginStructure(cairo_t* cr, const char* tag);
void EndStructure(cairo_t* cr, const char* tag);

}  // namespace baken::render
