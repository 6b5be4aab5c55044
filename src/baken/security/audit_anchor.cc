#include "baken/security/audit_anchor.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>

#include "baken/base/encoding.h"
#include "baken/security/internal/audit_hash.h"
#include "baken/security/internal/crypto_util.h"

namespace baken::security {
namespace {

std::string LineOf(const AuditCheckpoint& c, std::string_view key) {
  nlohmann::json j = {{"seq", c.seq},
                      {"head", HexEncode(c.head)},
                      {"at", ToUnixMicros(c.at)},
                      {"keyed_from", c.keyed_from},
                      {"mac", HexEncode(internal::CheckpointMac(c, key))}};
  return j.dump() + "\n";
}

StatusOr<AuditCheckpoint> ParseLine(const std::string& line, std::string_view key) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object() || !j.contains("seq") || !j["seq"].is_number_integer() ||
      !j.contains("head") || !j["head"].is_string() || !j.contains("at") ||
      !j["at"].is_number_integer() || !j.contains("keyed_from") ||
      !j["keyed_from"].is_number_integer() || !j.contains("mac") || !j["mac"].is_string()) {
    return FailedPreconditionError("geen geldig ankerpunt");
  }
  AuditCheckpoint c;
  c.seq = j["seq"].get<int64_t>();
  auto head = internal::HexDecode(j["head"].get<std::string>());
  auto mac = internal::HexDecode(j["mac"].get<std::string>());
  if (!head.ok() || !mac.ok()) return FailedPreconditionError("geen geldig ankerpunt");
  c.head = *head;
  c.at = FromUnixMicros(j["at"].get<int64_t>());
  c.keyed_from = j["keyed_from"].get<int64_t>();
  if (!internal::ConstantTimeEquals(internal::CheckpointMac(c, key), *mac)) {
    return FailedPreconditionError("de handtekening klopt niet met de auditsleutel");
  }
  return c;
}

}  // namespace

StatusOr<std::vector<AuditCheckpoint>> AuditAnchor::Read() const {
  if (key_.empty()) return InvalidArgumentError("Ankerpunten lezen vraagt de auditsleutel");
  std::vector<AuditCheckpoint> out;
  std::ifstream in(path_);
  if (!in) return out;  // none written yet
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    auto c = ParseLine(line, key_);
    if (!c.ok()) {
      return FailedPreconditionError("Ankerpunt op regel " + std::to_string(number) + " van " +
                                     path_ + ": " + c.status().message() +
                                     " (vervalst of beschadigd)");
    }
    if (!out.empty() && (c->seq < out.back().seq || c->keyed_from != out.front().keyed_from)) {
      return FailedPreconditionError(
          "Ankerpunt op regel " + std::to_string(number) + " van " + path_ +
          " past niet bij de eerdere (volgorde of sleutelgrens gewijzigd)");
    }
    out.push_back(*std::move(c));
  }
  return out;
}

Status AuditAnchor::Append(const AuditCheckpoint& c) {
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return UnavailableError("Kan het ankerbestand " + path_ + " niet openen");
  ::fchmod(fd, 0600);  // also when an older file was made with looser rights
  const std::string line = LineOf(c, key_);
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced)
    return UnavailableError("Kan het ankerbestand " + path_ + " niet bijwerken");
  return Status::Ok();
}

StatusOr<AuditCheckpoint> AuditAnchor::Checkpoint(AuditLog& log, Clock& clock) {
  if (key_.empty()) return InvalidArgumentError("Ankerpunten schrijven vraagt de auditsleutel");
  std::lock_guard lock(mu_);
  if (!last_) {
    ASSIGN_OR_RETURN(std::vector<AuditCheckpoint> all, Read());
    if (!all.empty()) last_ = all.back();
  }
  ASSIGN_OR_RETURN(AuditHead head, log.Head());
  if (last_ && last_->seq == head.seq && last_->head == head.hash) return *last_;
  AuditCheckpoint c;
  c.seq = head.seq;
  c.head = head.hash;
  c.at = clock.Now();
  if (last_) {
    c.keyed_from = last_->keyed_from;
  } else {
    ASSIGN_OR_RETURN(c.keyed_from, log.KeyedFrom(key_));
  }
  RETURN_IF_ERROR(Append(c));
  last_ = c;
  return c;
}

}  // namespace baken::security
