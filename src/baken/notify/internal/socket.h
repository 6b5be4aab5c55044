// A connected TCP socket with timeouts and CRLF line reading; for the test sink only (the
// product sends mail with libcurl, curl_mailer.h), so it is built into notify_testing.
//
// Errors are kUnavailable with a Dutch message (no addresses of internal hosts beyond the one the
// caller configured). Owns the file descriptor; move-only; one thread at a time.
#pragma once

#include <chrono>
#include <string>

#include "baken/base/status.h"

namespace baken::notify::internal {

class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(other.fd_), buffer_(std::move(other.buffer_)) {
    other.fd_ = -1;
  }
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() { Close(); }

  // Resolves `host` and connects within `timeout`.
  static StatusOr<Socket> Connect(const std::string& host, int port,
                                  std::chrono::milliseconds timeout);

  bool valid() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  void Close();

  Status WriteAll(const std::string& data, std::chrono::milliseconds timeout);
  // One line without its CRLF (or LF). kUnavailable on timeout or a closed connection.
  StatusOr<std::string> ReadLine(std::chrono::milliseconds timeout, size_t max_length = 1 << 20);

 private:
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace baken::notify::internal
