// Time-based one-time passwords (RFC 6238, on HOTP RFC 4226) for the second factor, compatible
// with common authenticator apps: HMAC-SHA1, 6 digits, 30-second steps.
//
// Replay protection: VerifyTotp returns the time step that matched; the caller stores it (per
// account, e.g. users.totp_last_step) and passes it back next time, so a code is accepted once.
// Secrets are raw bytes; store them encrypted and never log them. Pure functions except
// GenerateTotpSecret (randomness); all thread-safe. Errors: kUnauthenticated for a wrong, stale
// or replayed code (one Dutch message for all, so a guesser learns nothing).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "baken/base/clock.h"
#include "baken/base/status.h"

namespace baken::security {

struct TotpParams {
  int digits = 6;                 // 6..8
  std::chrono::seconds step{30};  // length of a time step
  int window = 1;                 // steps accepted before and after now
};

// 20 random bytes (160 bits, the HMAC-SHA1 block size recommended by RFC 4226).
std::string GenerateTotpSecret();

// HOTP value for `counter`, zero-padded to `digits`.
std::string HotpCode(std::string_view secret, uint64_t counter, int digits = 6);

// The time step containing `at` (floor(unix seconds / step)).
int64_t TotpStep(Timestamp at, const TotpParams& params = {});

// The TOTP code valid at `at`.
std::string TotpCode(std::string_view secret, Timestamp at, const TotpParams& params = {});

// Checks `code` against the steps now-window..now+window, skipping steps <= last_used_step.
// Returns the matched step. Spaces in `code` are ignored ("123 456").
StatusOr<int64_t> VerifyTotp(std::string_view secret, std::string_view code, Timestamp now,
                             std::optional<int64_t> last_used_step, const TotpParams& params = {});

// otpauth://totp/Baken:USER?secret=BASE32&issuer=Baken&algorithm=SHA1&digits=6&period=30,
// with the account name percent-encoded; shown as a QR code when a user enrols.
std::string TotpUri(std::string_view account_name, std::string_view secret,
                    std::string_view issuer = "Baken", const TotpParams& params = {});

}  // namespace baken::security
