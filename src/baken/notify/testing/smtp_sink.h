// SmtpSink: a small SMTP server for tests (never linked into the product).
//
// Listens on 127.0.0.1 (port 0: any free port), speaks enough SMTP for CurlMailer over plain TCP
// (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) and keeps every
// accepted message. It can refuse mail with a 4xx reply (a server in trouble) or be stopped and
// started again on the same port (a server that is down). Each connection runs on its own thread.
// Thread-safe; Stop() (also in the destructor) closes every connection and joins the threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "baken/base/status.h"

namespace baken::notify::testing {

struct ReceivedMail {
  std::string mail_from;  // the MAIL FROM parameter, e.g. "<a@b.nl> BODY=8BITMIME"
  std::vector<std::string> rcpt_to;
  std::string data;       // as received after dot-unstuffing, CRLF line ends, headers and body
  std::string auth_user;  // from AUTH PLAIN; empty without

  // The value of the first header `name` (case-insensitive), unfolded; empty if absent.
  std::string Header(const std::string& name) const;
  // Everything after the blank line that ends the headers.
  std::string Body() const;
};

class SmtpSink {
 public:
  SmtpSink() = default;
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Starts listening; `port` 0 picks a free port (see port()). Again after Stop(): same port.
  Status Start(int port = 0);
  void Stop();
  int port() const { return port_; }

  // While true, MAIL FROM is answered "451 4.3.0 ..." (try again later).
  void SetRefuse(bool refuse) { refuse_ = refuse; }
  // Requires AUTH PLAIN with these credentials before MAIL (empty user: no AUTH needed).
  void RequireAuth(std::string user, std::string password);

  std::vector<ReceivedMail> Messages() const;
  size_t Count() const;
  // Waits until at least `n` messages arrived; false on timeout.
  bool WaitForCount(size_t n, std::chrono::milliseconds timeout) const;
  // Every command line received (AUTH lines included, for tests about what goes over the wire).
  std::vector<std::string> Transcript() const;

 private:
  void AcceptLoop();
  void Serve(int fd);

  int port_ = 0;
  std::atomic<bool> refuse_{false};
  std::atomic<bool> stopping_{false};
  int listen_fd_ = -1;
  std::thread accept_thread_;

  mutable std::mutex mu_;
  mutable std::condition_variable arrived_;
  std::vector<ReceivedMail> messages_;    // guarded by mu_
  std::vector<std::string> transcript_;   // guarded by mu_
  std::vector<int> open_fds_;             // guarded by mu_
  std::vector<std::thread> connections_;  // guarded by mu_
  std::string user_;                      // guarded by mu_
  std::string password_;                  // guarded by mu_
};

}  // namespace baken::notify::testing
