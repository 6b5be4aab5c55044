// Internal to the PostgreSQL dialect: the text conversions that need no server, kept apart so they
// are unit-tested without one. Placeholder numbering, timestamptz and bytea text formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "baken/base/clock.h"

namespace baken::store::pg_internal {

// Rewrites `?` to $1..$n, leaving `?` inside '...' strings, "..." identifiers, -- and /* */
// comments and dollar-quoted $tag$...$tag$ bodies alone. Sets *count to the number of parameters.
std::string NumberPlaceholders(std::string_view sql, int* count);

// "2026-03-29 01:00:00.123456+00" (always UTC, always six fraction digits).
std::string FormatTimestamp(Timestamp t);

// Parses PostgreSQL's timestamptz/timestamp output ("YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM[:SS]]]",
// years of 4+ digits, optional " BC"). nullopt if it is not that shape.
std::optional<Timestamp> ParseTimestamp(std::string_view s);

// bytea hex input/output format "\x0a1b...".
std::string EncodeBytea(std::string_view bytes);
std::optional<std::string> DecodeBytea(std::string_view text);

}  // namespace baken::store::pg_internal
