// Example: one labelled text for the classifier, and the reader of labelled files.
//
// A labelled file is UTF-8 text with one example per line: `category_code<TAB>text`. Blank lines
// and lines starting with `#` are skipped. A malformed line is kInvalidArgument with a Dutch
// message naming the line number; nothing of a file with an error is returned. Pure functions,
// thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken::classify {

struct Example {
  std::string text;
  std::string label;  // a subcategory code, e.g. "hondenpoep"

  friend bool operator==(const Example&, const Example&) = default;
};

// Parses the contents of a labelled file; `source` names it in error messages ("starter.tsv").
StatusOr<std::vector<Example>> ParseExamples(std::string_view contents, std::string_view source);

// Reads and parses a labelled file; kNotFound when it cannot be opened.
StatusOr<std::vector<Example>> ReadExamplesFile(const std::string& path);

}  // namespace baken::classify
