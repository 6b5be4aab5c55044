// `baken mail outbox|test`: for the application manager. `outbox` lists the e-mails to reporters
// that wait (with their next attempt and last error) or were given up; `test` sends one e-mail
// directly through the Mailer (libcurl, STARTTLS unless smtp.tls says otherwise) with the smtp.*
// settings, to check them. Addresses are shown masked
// (j***@example.nl): the list is for diagnosing delivery, not for reading personal data.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "baken/app/command.h"
#include "baken/base/time_zone.h"
#include "baken/notify/curl_mailer.h"
#include "baken/notify/outbox.h"

namespace baken::app {

namespace {

struct MailFlags {
  std::string db_url;
  std::string status = "open";
  int limit = 100;
  std::string to;
};

std::string Masked(const std::string& address) {
  const size_t at = address.find('@');
  if (at == std::string::npos || at == 0) return "***";
  return address.substr(0, 1) + "***" + address.substr(at);
}

void Print(const std::vector<notify::OutboxEntry>& entries) {
  for (const notify::OutboxEntry& e : entries) {
    std::printf("%s  %-15s  %-24s  aangemaakt %s  pogingen %lld", e.id.c_str(),
                std::string(notify::MailKindCode(e.message.kind)).c_str(),
                Masked(e.message.to_address).c_str(), FormatLocal(e.created_at).c_str(),
                static_cast<long long>(e.attempts));
    if (e.sent_at) {
      std::printf("  verzonden %s", FormatLocal(*e.sent_at).c_str());
    } else if (e.failed_at) {
      std::printf("  MISLUKT %s", FormatLocal(*e.failed_at).c_str());
    } else {
      std::printf("  volgende poging %s", FormatLocal(e.next_attempt_at).c_str());
    }
    if (!e.last_error.empty()) std::printf("\n    fout: %s", e.last_error.c_str());
    std::printf("\n");
  }
}

int RunOutbox(const MailFlags& flags) {
  std::vector<std::pair<const char*, notify::OutboxFilter>> sections;
  if (flags.status == "open") {
    sections = {{"Wachtend", notify::OutboxFilter::kPending},
                {"Mislukt", notify::OutboxFilter::kFailed}};
  } else if (flags.status == "wachtend") {
    sections = {{"Wachtend", notify::OutboxFilter::kPending}};
  } else if (flags.status == "mislukt") {
    sections = {{"Mislukt", notify::OutboxFilter::kFailed}};
  } else if (flags.status == "verzonden") {
    sections = {{"Verzonden", notify::OutboxFilter::kSent}};
  } else if (flags.status == "alle") {
    sections = {{"Alle", notify::OutboxFilter::kAll}};
  } else {
    return Report(
        InvalidArgumentError("Kies open, wachtend, mislukt, verzonden of alle.", "--status"));
  }
  auto db = OpenMigrated(flags.db_url);
  if (!db.ok()) return Report(db.status());
  notify::Outbox outbox(**db, SystemClock::Instance());
  for (const auto& [title, filter] : sections) {
    auto entries = outbox.List(filter, flags.limit);
    if (!entries.ok()) return Report(entries.status());
    std::printf("%s: %zu e-mail(s)%s\n", title, entries->size(),
                static_cast<int>(entries->size()) == flags.limit ? " (of meer)" : "");
    Print(*entries);
  }
  return 0;
}

const char* TlsName(notify::SmtpTls tls) {
  switch (tls) {
    case notify::SmtpTls::kStartTls: return "STARTTLS";
    case notify::SmtpTls::kImplicit: return "smtps";
    case notify::SmtpTls::kNone: return "onversleuteld";
  }
  return "?";
}

int RunTest(const MailFlags& flags) {
  auto options = notify::SmtpOptionsFromConfig(AppConfig());
  if (!options.ok()) return Report(options.status());
  if (flags.to.find('@') == std::string::npos) {
    return Report(InvalidArgumentError("Geef een geldig e-mailadres.", "--to"));
  }
  notify::Message m;
  m.to_address = flags.to;
  m.subject = "Testbericht van Baken";
  m.body_text =
      "Dit is een testbericht van Baken.\n"
      "Komt het aan, dan zijn de instellingen voor e-mail aan melders in orde.\n";
  notify::CurlMailer curl_mailer(*options, SystemClock::Instance());
  notify::Mailer& mailer = curl_mailer;
  const std::string id = "test-" + std::to_string(ToUnixMicros(SystemClock::Instance().Now()));
  Status s = mailer.Send(m, id);
  if (!s.ok()) return Report(s);
  std::printf("Testbericht verstuurd naar %s via %s:%d (%s).\n", flags.to.c_str(),
              options->host.c_str(), options->port, TlsName(options->tls));
  return 0;
}

}  // namespace

void AddMailCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<MailFlags>();
  CLI::App* mail = app.add_subcommand("mail", "E-mail aan melders: de wachtrij en een test");
  mail->require_subcommand(1);

  CLI::App* outbox =
      mail->add_subcommand("outbox", "Toon wachtende en mislukte e-mails aan melders");
  AddDatabaseOption(*outbox, flags->db_url);
  outbox->add_option("--status", flags->status,
                     "open (standaard: wachtend en mislukt), wachtend, mislukt, verzonden of alle");
  outbox->add_option("--limit", flags->limit, "Hoogstens zoveel per soort (standaard 100)");
  outbox->callback([flags, &context] { context.exit_code = RunOutbox(*flags); });

  CLI::App* test = mail->add_subcommand(
      "test", "Verstuur een testbericht met de instellingen smtp.host, smtp.port, smtp.from ...");
  test->add_option("--to", flags->to, "Ontvanger van het testbericht")->required();
  test->callback([flags, &context] { context.exit_code = RunTest(*flags); });
}

}  // namespace baken::app
