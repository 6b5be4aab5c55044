// The small text helpers every module used to copy: trimming and ASCII case folding.
//
// ASCII only on purpose: the inputs are keywords, header names, e-mail addresses and CSV fields,
// where locale-dependent case folding would be a bug. Pure functions, thread-safe, never throw.
#pragma once

#include <string>
#include <string_view>

namespace baken {

// `text` without leading and trailing ASCII white space (space, \t, \r, \n, \f, \v). The result
// views `text`: keep the original alive.
std::string_view Trim(std::string_view text);

// `text` with A-Z turned into a-z; every other byte (UTF-8 included) unchanged.
std::string ToLowerAscii(std::string_view text);

}  // namespace baken
