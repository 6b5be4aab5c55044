// Server secrets on disk: the server key (encrypts TOTP secrets) and the pseudonym key.
//
// A secrets folder holds `server.key` and `pseudonym.key`, each 64 hex digits (32 random bytes)
// and a newline, file mode 0600 in a 0700 folder. The folder is named by `--secrets DIR`, else
// $BAKEN_SECRETS_DIR, else `var/secrets` relative to the working directory (next to the default
// `make run` database var/baken.db). InitSecrets never overwrites: an existing key may already
// protect stored data, and replacing it would make that data unreadable.
//
// Key contents are never printed or put in a Status message. Functions are not thread-safe with
// respect to the same folder (CLI use only). Errors: kAlreadyExists (init over existing keys),
// kNotFound (missing key file, Dutch hint to run `baken secrets init`), kInvalidArgument
// (malformed key), kInternal (I/O).
#pragma once

#include <optional>
#include <string>

#include "baken/base/status.h"
#include "baken/security/pseudonym.h"

namespace CLI {
class App;
}

namespace baken::app {

inline constexpr char kServerKeyFile[] = "server.key";
inline constexpr char kPseudonymKeyFile[] = "pseudonym.key";

struct Secrets {
  std::string server_key;  // 32 raw bytes, for security::AccountOptions::server_key
  std::optional<security::Pseudonymizer> pseudonymizer;
};

// Adds `--secrets DIR` (default: $BAKEN_SECRETS_DIR, else var/secrets) to a subcommand.
void AddSecretsOption(CLI::App& command, std::string& dir);

// Creates `dir` (mode 0700) if needed and writes both key files (mode 0600). Refuses, writing
// nothing, when either file exists.
Status InitSecrets(const std::string& dir);

// Reads both keys from `dir`.
StatusOr<Secrets> LoadSecrets(const std::string& dir);

}  // namespace baken::app
