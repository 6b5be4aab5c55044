// Server secrets on disk: the server key (encrypts TOTP secrets), the pseudonym key and the audit
// key (MACs the audit chain and its checkpoints, ADR 0014).
//
// A secrets folder holds `server.key`, `pseudonym.key` and `audit.key`, each 64 hex digits (32
// random bytes) and a newline, file mode 0600 in a 0700 folder. An installation from before the
// audit key gets one the first time LoadSecrets runs (the chain is keyed from then on; the
// server's first checkpoint records where). The folder is named by `--secrets DIR`, else
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
inline constexpr char kAuditKeyFile[] = "audit.key";

struct Secrets {
  std::string server_key;  // 32 raw bytes, for security::AccountOptions::server_key
  std::optional<security::Pseudonymizer> pseudonymizer;
  std::string audit_key;  // 32 raw bytes, for security::SetProcessAuditKey and AuditAnchor
};

// Adds `--secrets DIR` (default: $BAKEN_SECRETS_DIR, else var/secrets) to a subcommand.
void AddSecretsOption(CLI::App& command, std::string& dir);

// The secrets folder when no --secrets is given: $BAKEN_SECRETS_DIR, else var/secrets.
std::string DefaultSecretsDir();

// Creates `dir` (mode 0700) if needed and writes the key files (mode 0600). Refuses, writing
// nothing, when server.key or pseudonym.key exists; an existing audit.key is kept.
Status InitSecrets(const std::string& dir);

// Reads the keys from `dir`; creates audit.key when it is missing.
StatusOr<Secrets> LoadSecrets(const std::string& dir);

// Reads audit.key from `dir`, creating it first when `create` and it is missing. kNotFound when
// it is missing and not created.
StatusOr<std::string> LoadAuditKey(const std::string& dir, bool create);

// Installs the audit key of `dir` for this process (security::SetProcessAuditKey) when the folder
// has one, so that every command that writes audit entries keys them. Quiet when it has none.
void InstallAuditKeyIfPresent(const std::string& dir);

// Where the audit checkpoints go by default: audit-ankers.jsonl in the secrets folder.
std::string DefaultAuditAnchorPath(const std::string& secrets_dir);

}  // namespace baken::app
