#include "baken/notify/outbox_worker.h"

#include <unistd.h>

#include <random>

#include "baken/base/log.h"
#include "baken/notify/curl_mailer.h"

namespace baken::notify {

namespace {

std::string DefaultWorkerId() {
  char host[256] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  std::random_device rd;
  return std::string(host) + ":" + std::to_string(::getpid()) + ":" + std::to_string(rd() % 100000);
}

}  // namespace

std::chrono::microseconds RetryDelay(int64_t attempts, const WorkerOptions& options) {
  std::chrono::microseconds delay = options.first_retry;
  for (int64_t i = 1; i < attempts && delay < options.max_retry; ++i) delay *= 2;
  return std::min(delay, options.max_retry);
}

OutboxWorker::OutboxWorker(store::Database& db, const Clock& clock, Mailer& mailer,
                           WorkerOptions options)
    : clock_(clock), options_(std::move(options)), outbox_(db, clock), mailer_(mailer) {
  if (options_.worker_id.empty()) options_.worker_id = DefaultWorkerId();
  if (options_.batch_size < 1) options_.batch_size = 1;
}

OutboxWorker::OutboxWorker(store::Database& db, const Clock& clock, SmtpOptions smtp,
                           WorkerOptions options)
    : clock_(clock),
      options_(std::move(options)),
      outbox_(db, clock),
      owned_mailer_(std::make_unique<CurlMailer>(std::move(smtp), clock)),
      mailer_(*owned_mailer_) {
  if (options_.worker_id.empty()) options_.worker_id = DefaultWorkerId();
  if (options_.batch_size < 1) options_.batch_size = 1;
}

OutboxWorker::~OutboxWorker() {
  Stop();
}

void OutboxWorker::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
  log::Info("notify.worker_started", {{"worker", options_.worker_id}});
}

void OutboxWorker::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  log::Info("notify.worker_stopped", {{"worker", options_.worker_id}});
}

void OutboxWorker::Loop() {
  for (;;) {
    StatusOr<RoundReport> round = RunOnce();
    if (!round.ok()) {
      log::Warn("notify.round_failed", {{"error", round.status().ToString()}});
    }
    const bool more = round.ok() && round->claimed == options_.batch_size;
    std::unique_lock lock(mu_);
    if (stopping_) return;
    if (!more) {
      wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
      if (stopping_) return;
    }
  }
}

StatusOr<RoundReport> OutboxWorker::RunOnce() {
  RoundReport report;
  ASSIGN_OR_RETURN(std::vector<OutboxEntry> batch,
                   outbox_.Claim(options_.worker_id, options_.batch_size, options_.lease));
  report.claimed = static_cast<int>(batch.size());
  const Timestamp claimed_at = clock_.Now();
  for (const OutboxEntry& entry : batch) {
    // Past half the lease, give the rest back rather than risk another worker taking a message
    // while this one is still sending it.
    if (clock_.Now() - claimed_at > options_.lease / 2) {
      Status released = outbox_.Release(entry.id, options_.worker_id);
      if (!released.ok() && released.code() != StatusCode::kFailedPrecondition) return released;
      ++report.released;
      continue;
    }
    const Status sent = mailer_.Send(entry.message, entry.id);
    if (sent.ok()) {
      Status marked = outbox_.MarkSent(entry.id, options_.worker_id);
      if (marked.code() == StatusCode::kFailedPrecondition) {
        // The lease ran out during sending and another worker may send it again: at least once.
        log::Warn("notify.lease_lost", {{"id", entry.id}, {"worker", options_.worker_id}});
        continue;
      }
      RETURN_IF_ERROR(marked);
      ++report.sent;
      log::Info("notify.sent", {{"id", entry.id},
                                {"kind", std::string(MailKindCode(entry.message.kind))},
                                {"melding", entry.message.melding_id}});
      continue;
    }
    const int64_t attempts = entry.attempts + 1;
    const bool too_old = clock_.Now() - entry.created_at >= options_.give_up_after;
    const bool give_up = too_old || sent.code() == StatusCode::kInvalidArgument;
    std::string reason = sent.message();
    if (too_old) reason = "Opgegeven na " + std::to_string(attempts) + " pogingen: " + reason;
    Status marked = outbox_.MarkAttemptFailed(entry.id, options_.worker_id, reason,
                                              RetryDelay(attempts, options_), give_up);
    if (marked.code() == StatusCode::kFailedPrecondition) {
      log::Warn("notify.lease_lost", {{"id", entry.id}, {"worker", options_.worker_id}});
      continue;
    }
    RETURN_IF_ERROR(marked);
    if (give_up) {
      ++report.given_up;
      log::Error("notify.given_up", {{"id", entry.id}, {"attempts", attempts}, {"error", reason}});
    } else {
      ++report.retrying;
      log::Warn("notify.retry", {{"id", entry.id}, {"attempts", attempts}, {"error", reason}});
    }
  }
  return report;
}

}  // namespace baken::notify
