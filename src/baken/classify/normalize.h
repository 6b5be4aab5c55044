// Text normalisation shared by training and prediction, so both see the same tokens.
//
// NormalizeText lower-cases (ASCII and Latin-1/Latin Extended-A letters, so "ÉÉN" and "één" meet),
// folds Dutch diacritics to their base letter ("cafés" -> "cafes", "ruïne" -> "ruine", the
// ligature "ĳ" -> "ij"), turns punctuation and symbols into token boundaries and collapses
// whitespace: "Hondenpoep!!Bij de Vismarkt." -> "hondenpoep bij de vismarkt". Digits are kept.
// Characters outside those ranges (emoji, other scripts) are kept as they are, except that
// invalid UTF-8 bytes become boundaries. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace baken::classify {

std::string NormalizeText(std::string_view text);

// True when `text` is well-formed UTF-8 (baken::IsValidUtf8, the one validator).
bool IsValidUtf8(std::string_view text);

}  // namespace baken::classify
