#include "baken/app/secrets.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "baken/security/accounts.h"
#include "baken/security/audit_anchor.h"
#include "baken/security/audit_log.h"

namespace baken::app {

namespace {

std::string KeyPath(const std::string& dir, const char* file) {
  return (std::filesystem::path(dir) / file).string();
}

Status WriteKeyFile(const std::string& path, const std::string& hex) {
  // O_EXCL: never replace a key, even if one appeared since the caller checked.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return AlreadyExistsError("Het sleutelbestand " + path + " bestaat al");
    }
    return InternalError("Kan " + path + " niet aanmaken: " + std::strerror(errno));
  }
  const std::string text = hex + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) {
    return InternalError("Kan " + path + " niet volledig schrijven");
  }
  return Status::Ok();
}

StatusOr<std::string> ReadKeyFile(const std::string& dir, const char* file) {
  const std::string path = KeyPath(dir, file);
  std::ifstream in(path);
  if (!in) {
    return NotFoundError("De sleutel " + path +
                         " ontbreekt. Maak de sleutels aan met: baken secrets init --secrets " +
                         dir);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string DefaultSecretsDir() {
  const char* env = std::getenv("BAKEN_SECRETS_DIR");
  return env != nullptr && *env != '\0' ? env : "var/secrets";
}

void AddSecretsOption(CLI::App& command, std::string& dir) {
  dir = DefaultSecretsDir();
  command.add_option("--secrets", dir,
                     "Map met server.key, pseudonym.key en audit.key (standaard "
                     "$BAKEN_SECRETS_DIR, anders var/secrets)");
}

StatusOr<std::string> LoadAuditKey(const std::string& dir, bool create) {
  const std::string path = KeyPath(dir, kAuditKeyFile);
  if (create && !std::filesystem::exists(path)) {
    Status s = WriteKeyFile(path, security::Pseudonymizer::GenerateHexKey());
    if (!s.ok() && s.code() != StatusCode::kAlreadyExists) return s;  // a racing process won
  }
  ASSIGN_OR_RETURN(std::string hex, ReadKeyFile(dir, kAuditKeyFile));
  auto key = security::ServerKeyFromHex(hex);
  if (!key.ok()) {
    return InvalidArgumentError("De auditsleutel in " + path +
                                " is ongeldig (verwacht 64 hexadecimale tekens)");
  }
  return std::move(key).value();
}

void InstallAuditKeyIfPresent(const std::string& dir) {
  if (!std::filesystem::exists(KeyPath(dir, kAuditKeyFile))) return;
  auto key = LoadAuditKey(dir, /*create=*/false);
  if (key.ok()) security::SetProcessAuditKey(*key);
}

std::string DefaultAuditAnchorPath(const std::string& secrets_dir) {
  return KeyPath(secrets_dir, security::kAuditAnchorFile);
}

Status InitSecrets(const std::string& dir) {
  for (const char* file : {kServerKeyFile, kPseudonymKeyFile}) {
    if (std::filesystem::exists(KeyPath(dir, file))) {
      return AlreadyExistsError("De sleutel " + KeyPath(dir, file) +
                                " bestaat al en wordt niet overschreven (gegevens die ermee "
                                "zijn versleuteld of gepseudonimiseerd blijven zo bruikbaar)");
    }
  }
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec) return InternalError("Kan de map " + dir + " niet aanmaken: " + ec.message());
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    if (ec) return InternalError("Kan de rechten van " + dir + " niet zetten: " + ec.message());
  }
  RETURN_IF_ERROR(
      WriteKeyFile(KeyPath(dir, kServerKeyFile), security::Pseudonymizer::GenerateHexKey()));
  RETURN_IF_ERROR(
      WriteKeyFile(KeyPath(dir, kPseudonymKeyFile), security::Pseudonymizer::GenerateHexKey()));
  return LoadAuditKey(dir, /*create=*/true).status();
}

StatusOr<Secrets> LoadSecrets(const std::string& dir) {
  Secrets secrets;
  ASSIGN_OR_RETURN(std::string server_hex, ReadKeyFile(dir, kServerKeyFile));
  auto server_key = security::ServerKeyFromHex(server_hex);
  if (!server_key.ok()) {
    return InvalidArgumentError("De serversleutel in " + KeyPath(dir, kServerKeyFile) +
                                " is ongeldig (verwacht 64 "
                                "hexadecimale tekens)");
  }
  secrets.server_key = std::move(server_key).value();
  ASSIGN_OR_RETURN(std::string pseudonym_hex, ReadKeyFile(dir, kPseudonymKeyFile));
  auto pseudonymizer = security::Pseudonymizer::FromHexKey(pseudonym_hex);
  if (!pseudonymizer.ok()) {
    return InvalidArgumentError("De pseudoniemsleutel in " + KeyPath(dir, kPseudonymKeyFile) +
                                " is ongeldig (verwacht 64 hexadecimale tekens)");
  }
  secrets.pseudonymizer.emplace(std::move(pseudonymizer).value());
  ASSIGN_OR_RETURN(secrets.audit_key, LoadAuditKey(dir, /*create=*/true));
  return secrets;
}

}  // namespace baken::app
