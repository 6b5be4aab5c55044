// Masking of personal data for display when the policy says mask_personal_data.
//
// Masks keep just enough to recognise a record one already knows ("j***@e***.nl"), never enough
// to find a person. Input is UTF-8; a first letter is kept whole even when it is multi-byte.
// Empty input gives empty output. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace baken::security {

inline constexpr std::string_view kMaskedText = "[afgeschermd]";

// "jan.jansen@example.nl" -> "j***@e***.nl"; something without '@' is masked as a name.
std::string MaskEmail(std::string_view email);

// Keeps the last two digits: "06-12345678" -> "******78"; fewer than 6 digits -> "***".
std::string MaskPhone(std::string_view phone);

// First letter of each word: "Jan de Vries" -> "J*** d*** V***".
std::string MaskName(std::string_view name);

// Free text can hold anything about anyone: "[afgeschermd]".
std::string MaskFreeText(std::string_view text);

}  // namespace baken::security
