// Base32 (RFC 4648 section 6, alphabet A-Z 2-7), as used by TOTP secrets in authenticator apps.
//
// Encode writes upper case; `pad` adds '=' to a multiple of 8 characters (otpauth URIs leave it
// out). Decode accepts upper and lower case, ignores spaces and hyphens (people type secrets in
// groups) and trailing '=' padding; anything else is kInvalidArgument. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken::security {

std::string Base32Encode(std::string_view bytes, bool pad = false);
StatusOr<std::string> Base32Decode(std::string_view text);

}  // namespace baken::security
