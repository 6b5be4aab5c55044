// `baken serve`: the HTTP server for the UI and the API.
#include <CLI/CLI.hpp>

#include <pthread.h>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

#include "baken/api/auth.h"
#include "baken/api/routes.h"
#include "baken/api/server.h"
#include "baken/app/command.h"
#include "baken/app/secrets.h"
#include "baken/notify/curl_mailer.h"
#include "baken/notify/outbox_worker.h"
#include "baken/retention/retention_runner.h"
#include "baken/security/audit_anchor.h"
#include "baken/security/audit_log.h"
#include "baken/security/housekeeping.h"
#include "baken/store/migrations.h"

namespace baken::app {

namespace {

struct ServeFlags {
  std::string db_url;
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;
  int threads = 16;
  bool migrate = true;
  std::string secrets_dir;
  std::string audit_anchor;  // checkpoint file; empty: audit-ankers.jsonl in the secrets folder
  std::string tls_cert;
  std::string tls_key;
  bool secure_cookie = false;
  std::vector<std::string> trusted_proxies;
  bool metrics_public = false;
  bool hsts = false;  // Strict-Transport-Security also without own TLS (behind a TLS proxy)
  signals::SetupOptions signals;  // attachment folder, taxonomy and routing files
  int public_per_hour = 60;  // public intake per client address (SecurityOptions.public_intake)
  std::string retention_rules_file;  // empty: the shipped rules
  bool retention = true;             // apply the retention rules daily
};

// Runs `job` now and then every `interval` on its own thread until destroyed; the destructor wakes
// the thread and joins it, so shutdown does not wait for the interval (a job already running
// finishes first: each job commits per transaction, so stopping between runs is always safe).
class PeriodicJob {
 public:
  PeriodicJob(std::chrono::minutes interval, std::function<void()> job)
      : thread_([this, interval, job = std::move(job)] {
          std::unique_lock lock(mu_);
          while (!stop_) {
            lock.unlock();
            job();
            lock.lock();
            cv_.wait_for(lock, interval, [this] { return stop_; });
          }
        }) {}
  ~PeriodicJob() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;   // GUARDED_BY(mu_)
  std::thread thread_;  // last: starts after the members it uses
};

int RunServe(const ServeFlags& flags) {
  api::ServerOptions options;
  if (int rc = Report(api::ParseListenAddress(flags.listen, options.host, options.port)); rc != 0) {
    return rc;
  }
  options.threads = flags.threads;
  if (flags.public_per_hour < 1) {
    std::fprintf(stderr, "baken: server.publiek_per_uur moet minstens 1 zijn.\n");
    return 2;
  }
  options.tls_cert_file = flags.tls_cert;
  options.tls_key_file = flags.tls_key;
  options.static_dir = flags.web_dir;
  options.trusted_proxies = flags.trusted_proxies;
  options.metrics_public = flags.metrics_public;
  // An https public address means TLS at a proxy: HSTS on every response, static files included.
  options.hsts = flags.hsts || api::IsHttpsAddress(flags.signals.public_base_url);
  if (options.static_dir.empty() && std::filesystem::is_directory("web/dist")) {
    options.static_dir = "web/dist";
  }

  // Bad retention rules stop the start: a server that silently keeps data too long is worse.
  auto retention_rules =
      flags.retention_rules_file.empty()
          ? StatusOr<retention::RetentionRules>(retention::RetentionRules::Defaults())
          : retention::RetentionRules::ReadFile(flags.retention_rules_file);
  if (!retention_rules.ok()) return Report(retention_rules.status());

  auto db = OpenOrReport(flags.db_url);
  if (db == nullptr) return 1;
  if (flags.migrate) {
    auto applied = store::Migrate(*db);
    if (!applied.ok()) return Report(applied.status());
  }

  // Block the stop signals in every thread; this thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  api::Server server(options, SystemClock::Instance());
  // The server key encrypts stored TOTP secrets: without it Baken does not start.
  auto secrets = LoadSecrets(flags.secrets_dir);
  if (!secrets.ok()) return Report(secrets.status());
  // Every audit entry this process writes is keyed; its head is anchored outside the database.
  security::SetProcessAuditKey(secrets->audit_key);
  security::AuditLog audit_log(*db, SystemClock::Instance());
  security::AuditAnchor anchor(
      flags.audit_anchor.empty() ? DefaultAuditAnchorPath(flags.secrets_dir) : flags.audit_anchor,
      secrets->audit_key);
  auto checkpoint = [&anchor, &audit_log] {
    if (auto c = anchor.Checkpoint(audit_log, SystemClock::Instance()); !c.ok()) {
      std::fprintf(stderr, "baken: ankerpunt van het auditlog schrijven mislukt: %s\n",
                   c.status().ToString().c_str());
    }
  };
  api::SecurityOptions security;
  security.server_key = secrets->server_key;
  security.secure_cookie = flags.secure_cookie || options.tls();
  security.public_intake = api::RateLimit{flags.public_per_hour, std::chrono::hours(1)};
  signals::SetupOptions signals_options = flags.signals;
  if (signals_options.public_base_url.empty()) {
    const bool v6 = options.host.find(':') != std::string::npos;
    signals_options.public_base_url = std::string(options.tls() ? "https://" : "http://") +
                                      (v6 ? "[" + options.host + "]" : options.host) + ":" +
                                      std::to_string(options.port);
  }
  if (int rc = Report(
          api::RegisterRoutes(server, *db, SystemClock::Instance(), security, signals_options));
      rc != 0) {
    return rc;
  }
  server.SetReadinessCheck([&db]() -> Status {
    ASSIGN_OR_RETURN(auto migrations, store::GetMigrationStatus(*db));
    if (!migrations.ok()) {
      return UnavailableError(std::to_string(migrations.pending) +
                              " databasemigratie(s) nog niet uitgevoerd");
    }
    return Status::Ok();
  });
  if (int rc = Report(server.Start()); rc != 0) return rc;
  // The audit head outside the database: at start, every minute, and at shutdown below.
  auto anchor_job = std::make_unique<PeriodicJob>(std::chrono::minutes(1), checkpoint);
  // Sign-in state every 10 minutes; the retention rules daily (and once at start, so a server
  // that restarts more often than daily still applies them). Both are idempotent and commit per
  // batch: a crash or a second server at the same time is safe.
  PeriodicJob housekeeper(std::chrono::minutes(10), [&db, sessions = security.sessions] {
    auto report = security::DeleteExpiredSignInState(*db, SystemClock::Instance(), sessions);
    if (!report.ok()) {
      std::fprintf(stderr, "baken: opruimen van sessies mislukt: %s\n",
                   report.status().ToString().c_str());
    }
  });
  retention::RetentionOptions retention_options;
  retention_options.attachment_dir = flags.signals.attachment_dir;
  std::unique_ptr<PeriodicJob> retention_job;
  if (flags.retention) {
    retention_job = std::make_unique<PeriodicJob>(
        std::chrono::hours(24), [&db, &rules = *retention_rules, retention_options] {
          retention::RetentionRunner runner(*db, SystemClock::Instance(), rules, retention_options);
          auto summary = runner.Run(SystemClock::Instance().Now(), /*dry_run=*/false);
          if (!summary.ok()) {
            std::fprintf(stderr,
                         "baken: bewaarregels toepassen mislukt (volgende poging morgen): %s\n",
                         summary.status().ToString().c_str());
          } else if (summary->total() > 0 || summary->files_deleted > 0) {
            std::fputs(retention::FormatSummary(*summary).c_str(), stdout);
            std::fflush(stdout);
          }
        });
  }
  // Reporter e-mails: queued by every change, sent by this worker when SMTP is configured.
  // libcurl with STARTTLS required by default (ADR 0015).
  std::unique_ptr<notify::CurlMailer> curl_mailer;
  std::unique_ptr<notify::OutboxWorker> mailer;
  if (auto smtp = notify::SmtpOptionsFromConfig(AppConfig()); smtp.ok()) {
    curl_mailer = std::make_unique<notify::CurlMailer>(*smtp, SystemClock::Instance());
    mailer = std::make_unique<notify::OutboxWorker>(*db, SystemClock::Instance(), *curl_mailer,
                                                    notify::WorkerOptions{});
    mailer->Start();
  } else {
    std::printf("E-mail aan melders staat uit (%s); berichten wachten in de wachtrij.\n",
                smtp.status().message().c_str());
  }
  std::printf("Baken luistert op %s://%s:%d (database %s). Stoppen: Ctrl+C.\n",
              options.tls() ? "https" : "http", options.host.c_str(), server.port(),
              db->DisplayUrl().c_str());
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::printf("Baken stopt (signaal %d).\n", signal_number);
  if (mailer) mailer->Stop();
  server.Stop();
  server.Wait();
  anchor_job.reset();
  checkpoint();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<ServeFlags>();
  const Config& config = AppConfig();
  if (auto v = config.GetString("server.listen"); v.ok()) flags->listen = *v;
  if (auto v = config.GetInt("server.threads"); v.ok()) flags->threads = static_cast<int>(*v);
  if (auto v = config.GetString("server.web"); v.ok()) flags->web_dir = *v;
  if (auto v = config.GetString("server.tls_cert"); v.ok()) flags->tls_cert = *v;
  if (auto v = config.GetString("server.tls_key"); v.ok()) flags->tls_key = *v;
  if (auto v = config.GetString("audit.ankers"); v.ok()) flags->audit_anchor = *v;
  if (auto v = config.GetString("server.trusted_proxies"); v.ok()) {
    // Comma-separated in the configuration file; --trusted-proxy on the command line replaces the
    // list.
    std::string_view rest = *v;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      std::string item(rest.substr(0, comma));
      item.erase(0, item.find_first_not_of(" \t"));
      item.erase(item.find_last_not_of(" \t") + 1);
      if (!item.empty()) flags->trusted_proxies.push_back(item);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  if (auto v = config.GetBool("server.metrics_public"); v.ok()) flags->metrics_public = *v;
  if (auto v = config.GetBool("server.hsts"); v.ok()) flags->hsts = *v;
  if (auto v = config.GetInt("server.publiek_per_uur"); v.ok()) {
    flags->public_per_hour = static_cast<int>(*v);
  }
  flags->signals.attachment_dir = "var/bijlagen";
  // Empty: derived from --listen (and TLS) at start, so follow links in e-mails never point at
  // a default address the server does not listen on.
  flags->signals.public_base_url.clear();
  if (auto v = config.GetString("server.publiek_adres"); v.ok()) {
    flags->signals.public_base_url = *v;
  }
  if (auto v = config.GetString("meldingen.bijlagen"); v.ok()) flags->signals.attachment_dir = *v;
  if (auto v = config.GetString("meldingen.categorieen"); v.ok()) {
    flags->signals.taxonomy_file = *v;
  }
  if (auto v = config.GetString("meldingen.routering"); v.ok()) flags->signals.routing_file = *v;
  if (auto v = config.GetString("retentie.regels"); v.ok()) flags->retention_rules_file = *v;
  if (auto v = config.GetBool("retentie.dagelijks"); v.ok()) flags->retention = *v;
  if (auto v = config.GetString("meldingen.classificatiemodel"); v.ok()) {
    flags->signals.classifier_model = *v;
  }
  CLI::App* serve =
      app.add_subcommand("serve", "Start de webserver voor de gebruikersomgeving en de API");
  AddDatabaseOption(*serve, flags->db_url);
  serve->add_option("--listen", flags->listen, "Adres en poort, bijvoorbeeld 127.0.0.1:8080")
      ->capture_default_str();
  serve->add_option("--web", flags->web_dir,
                    "Map met de gebouwde webinterface (standaard web/dist)");
  serve
      ->add_option("--threads", flags->threads,
                   "Aantal verwerkingsdraden (gelijktijdige verzoeken; trage of stille "
                   "verbindingen bezetten er geen)")
      ->check(CLI::Range(2, 512))
      ->capture_default_str();
  AddSecretsOption(*serve, flags->secrets_dir);
  serve->add_option("--audit-ankers", flags->audit_anchor,
                    "Bestand voor de ankerpunten van het auditlog (standaard "
                    "audit-ankers.jsonl in de map met sleutels)");
  serve->add_option("--tls-cert", flags->tls_cert, "TLS-certificaat (PEM): dan alleen HTTPS");
  serve->add_option("--tls-key", flags->tls_key, "Privésleutel bij het TLS-certificaat (PEM)");
  serve->add_flag("--secure-cookie", flags->secure_cookie,
                  "Sessiecookie met Secure, ook zonder eigen TLS (achter een TLS-proxy)");
  serve->add_option(
      "--trusted-proxy", flags->trusted_proxies,
      "Adres of adresbereik (10.0.0.0/8) van reverse proxy's waarvan X-Forwarded-For wordt "
      "geloofd (mag vaker)");
  serve->add_flag("--hsts", flags->hsts,
                  "Stuur Strict-Transport-Security, ook zonder eigen TLS (achter een TLS-proxy "
                  "met https; server.hsts)");
  serve->add_flag("--metrics-public", flags->metrics_public,
                  "Toon /metrics aan iedereen (standaard alleen vanaf deze machine)");
  serve
      ->add_option(
          "--publiek-per-uur", flags->public_per_hour,
          "Meldingen per uur per adres via het publieke formulier (server.publiek_per_uur)")
      ->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  serve
      ->add_option("--bijlagen", flags->signals.attachment_dir,
                   "Map voor foto's en andere bijlagen bij meldingen")
      ->capture_default_str();
  serve->add_option("--categorieen", flags->signals.taxonomy_file,
                    "Taxonomiebestand (JSON); standaard de meegeleverde van Groningen");
  serve
      ->add_option("--publiek-adres", flags->signals.public_base_url,
                   "Adres van de volgpagina's in e-mails aan melders (standaard het "
                   "luisteradres, bv. https://meldingen.groningen.nl); met https ook een "
                   "Secure-sessiecookie en HSTS")
      ->capture_default_str();
  serve->add_option("--classificatiemodel", flags->signals.classifier_model,
                    "Getraind categoriemodel (baken classify train); zonder: geen voorstellen");
  serve->add_option("--routering", flags->signals.routing_file,
                    "Routeringsregels (JSON); standaard de meegeleverde, '-' voor geen");
  serve->add_option("--retentie-regels", flags->retention_rules_file,
                    "Bewaarregels (JSON, retentie.regels); standaard de ingebouwde. Dagelijks "
                    "toegepast");
  serve->add_flag("!--no-retention", flags->retention,
                  "Pas de bewaarregels niet dagelijks toe (retentie.dagelijks = false)");
  serve->add_flag("!--no-migrate", flags->migrate,
                  "Voer bij het starten geen databasemigraties uit");
  serve->callback([flags, &context] { context.exit_code = RunServe(*flags); });
}

}  // namespace baken::app
