// Subject access (AVG art. 15, inzageverzoek): every record Baken holds about a person, found by
// e-mail address, gathered from a registry of sources so each module adds its own.
//
// A SubjectSource has a stable name (the key in the export, lower snake case), a Dutch
// description, and a function that returns the records it holds about the person as JSON objects
// (text). A source returns only what the person may see about themselves: never password hashes,
// TOTP secrets, keys or tokens. To add one, write a function returning a SubjectSource next to
// the module's data (like signals/subject_source.h for meldingen and KTO answers,
// notify/outbox_subject_source.h for e-mails) and add it to the registry in
// app/subject_commands.cc; nothing else changes.
//
// The registry runs every source and builds one JSON document:
//   {"email": "...", "gemeente": "GM0014" | null, "gemaakt_op": RFC 3339,
//    "bronnen": [{"naam": "accounts", "omschrijving": "...", "records": [{...}, ...]}, ...]}
// Auditing the export is the caller's job (the `baken subject export` command does it).
//
// Thread-safe once filled (sources are called concurrently only if their functions are).
// Errors: kInvalidArgument (empty e-mail, field "email"; a duplicate or empty source name),
// whatever a source returns (the export stops: a partial answer to an inzageverzoek is wrong).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::security {

struct SubjectQuery {
  std::string email;                  // compared case-insensitively
  std::optional<std::string> tenant;  // only this municipality; nullopt: all
};

// The query's e-mail address as every source compares it: ASCII lower case (compare with
// lower(column) in SQL).
std::string NormalisedEmail(const SubjectQuery& query);

// One record as JSON text; invalid UTF-8 in stored text is replaced, never an error.
std::string RecordText(const nlohmann::json& record);

struct SubjectSource {
  std::string name;         // "accounts", "audit", "meldingen", ...
  std::string description;  // Dutch, for the person reading the export
  // Each record is one JSON object as text.
  std::function<StatusOr<std::vector<std::string>>(const SubjectQuery&)> collect;
};

class SubjectSourceRegistry {
 public:
  Status Add(SubjectSource source);
  const std::vector<SubjectSource>& sources() const { return sources_; }
  // Runs every source in registration order and returns the JSON document described above.
  StatusOr<std::string> Export(const SubjectQuery& query, Timestamp now) const;

 private:
  std::vector<SubjectSource> sources_;
};

// User accounts with this e-mail address: id, gemeente, username, name, e-mail, role,
// departments, disabled, TOTP set up, created (no password hash, no TOTP secret).
SubjectSource AccountsSubjectSource(store::Database& db);

// Audit entries by or about the accounts with this e-mail address (actor or object).
SubjectSource AuditSubjectSource(store::Database& db);

}  // namespace baken::security
