// UTF-8 checks for text that crosses an edge of the system: the one validator every input edge
// (forms, CSV imports, file names, stored header values) uses, and the repair that text read
// back from storage goes through so a stored stray byte can never make a response fail.
//
// Well-formed means RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF. Pure
// functions, thread-safe, never throw.
#pragma once

#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken {

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// `text` with every malformed sequence replaced by U+FFFD (one per maximal invalid subpart, as
// WHATWG and nlohmann's error_handler_t::replace do). Returns `text` unchanged when it is valid.
std::string ToValidUtf8(std::string_view text);

// Ok when `value` is well-formed UTF-8; else kInvalidArgument naming `field` with a Dutch
// message, for a 400 at the input edge.
[[nodiscard]] Status RequireUtf8(std::string_view value, std::string_view field);

}  // namespace baken
