// OutboxWorker: a background thread that sends the outbox through a Mailer (mailer.h).
//
// Each round it claims up to batch_size due messages with a lease (outbox.h), sends them one by
// one and marks each sent; a failed attempt is retried after 1, 2, 4 ... minutes (capped at one
// hour). When a message has been failing for give_up_after (48 hours) since it was queued, or its
// address is invalid, it is marked failed with the reason (`baken mail outbox --mislukt`).
// Several workers, also in several server processes, may run on one database: the lease keeps
// them off each other's messages. The lease must exceed the time a batch takes to send.
//
// Start() and Stop() are for one owner thread; Stop() waits for the round in progress and is
// called by the destructor. RunOnce() runs one round on the caller's thread (tests, `baken mail`).
// The clock decides what is due; the thread's pause between rounds is real time (poll_interval).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/notify/mailer.h"
#include "baken/notify/outbox.h"
#include "baken/store/database.h"

namespace baken::notify {

struct WorkerOptions {
  std::string worker_id;  // empty: "<host>:<pid>:<random>"
  int batch_size = 20;
  std::chrono::microseconds lease = std::chrono::minutes(10);
  std::chrono::microseconds first_retry = std::chrono::minutes(1);
  std::chrono::microseconds max_retry = std::chrono::hours(1);
  std::chrono::microseconds give_up_after = std::chrono::hours(48);
  std::chrono::milliseconds poll_interval{5000};
};

struct RoundReport {
  int claimed = 0;
  int sent = 0;
  int retrying = 0;  // failed, will be tried again
  int given_up = 0;  // failed for good
  int released = 0;  // given back unsent: half the lease had passed
};

// The pause after the `attempts`-th failed attempt (1-based): first_retry * 2^(attempts-1),
// at most max_retry.
std::chrono::microseconds RetryDelay(int64_t attempts, const WorkerOptions& options);

class OutboxWorker {
 public:
  // `db`, `clock` and `mailer` must outlive the worker; `mailer` is used from the worker's
  // thread only while it runs.
  OutboxWorker(store::Database& db, const Clock& clock, Mailer& mailer, WorkerOptions options);
  // Sends with its own CurlMailer over `smtp`.
  OutboxWorker(store::Database& db, const Clock& clock, SmtpOptions smtp, WorkerOptions options);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void Start();
  void Stop();

  // One round: claim, send, record. Errors only for database trouble.
  StatusOr<RoundReport> RunOnce();

  const std::string& worker_id() const { return options_.worker_id; }

 private:
  void Loop();

  // Constant after construction.
  const Clock& clock_;
  WorkerOptions options_;
  Outbox outbox_;
  std::unique_ptr<Mailer> owned_mailer_;  // null when the mailer was passed in
  Mailer& mailer_;

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;     // owned by the Start/Stop caller
};

}  // namespace baken::notify
