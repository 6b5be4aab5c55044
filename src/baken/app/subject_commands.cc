// `baken subject export --email ADDRESS [--tenant GM0014]`: everything Baken holds about a person
// (inzageverzoek, AVG art. 15) as one JSON document on stdout.
//
// The sources are registered here (security/subject_access.h): add a module's source to
// Registry() below. The export is audited ("subject.export", actor "cli:<user>") before anything
// is printed; if the audit entry cannot be written, nothing is printed.
#include <pwd.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "baken/app/command.h"
#include "baken/notify/outbox_subject_source.h"
#include "baken/security/audit_log.h"
#include "baken/security/roles.h"
#include "baken/security/subject_access.h"
#include "baken/signals/subject_source.h"

namespace baken::app {

namespace {

struct SubjectFlags {
  std::string db_url;
  std::string email;
  std::string tenant;  // empty: all municipalities
};

std::string Actor() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return std::string("cli:") + pw->pw_name;
  }
  return "cli:uid" + std::to_string(::geteuid());
}

// Every source of personal data, in the order of the export.
StatusOr<security::SubjectSourceRegistry> Registry(store::Database& db) {
  security::SubjectSourceRegistry registry;
  RETURN_IF_ERROR(registry.Add(security::AccountsSubjectSource(db)));
  RETURN_IF_ERROR(registry.Add(security::AuditSubjectSource(db)));
  RETURN_IF_ERROR(registry.Add(signals::MeldingenSubjectSource(db)));
  RETURN_IF_ERROR(registry.Add(signals::FeedbackSubjectSource(db)));
  RETURN_IF_ERROR(registry.Add(notify::OutboxSubjectSource(db)));
  return registry;
}

Status Export(const SubjectFlags& flags) {
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  ASSIGN_OR_RETURN(security::SubjectSourceRegistry registry, Registry(*db));
  security::SubjectQuery query{flags.email, std::nullopt};
  if (!flags.tenant.empty()) query.tenant = flags.tenant;
  Clock& clock = SystemClock::Instance();
  ASSIGN_OR_RETURN(std::string document, registry.Export(query, clock.Now()));

  security::AuditLog audit(*db, clock);
  security::AuditEntry e;
  e.tenant = flags.tenant.empty() ? "*" : flags.tenant;
  e.actor = Actor();
  e.action = "subject.export";
  e.object_type = "subject";
  e.purpose = std::string(security::PurposeCode(security::Purpose::kVerantwoording));
  e.sensitivity = std::string(security::SensitivityCode(security::Sensitivity::kConfidential));
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& s : registry.sources()) sources.push_back(s.name);
  e.details = nlohmann::json{{"email", flags.email}, {"bronnen", sources}}.dump();
  RETURN_IF_ERROR(audit.Append(e).status());

  std::fputs(document.c_str(), stdout);
  std::fputc('\n', stdout);
  return Status::Ok();
}

}  // namespace

void AddSubjectCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<SubjectFlags>();
  CLI::App* subject =
      app.add_subcommand("subject", "Inzageverzoek: alle gegevens over één persoon");
  subject->require_subcommand(1);
  CLI::App* exp = subject->add_subcommand(
      "export",
      "Schrijf alles wat Baken over een e-mailadres bewaart als JSON naar standaarduitvoer");
  AddDatabaseOption(*exp, flags->db_url);
  exp->add_option("--email", flags->email, "E-mailadres van de persoon")->required();
  exp->add_option("--tenant", flags->tenant, "Alleen deze gemeente (standaard: alle)");
  exp->callback([flags, &context] { context.exit_code = Report(Export(*flags)); });
}

}  // namespace baken::app
