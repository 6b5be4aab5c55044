#include "baken/notify/testing/smtp_sink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

#include "baken/base/encoding.h"
#include "baken/base/strings.h"
#include "baken/notify/internal/socket.h"

namespace baken::notify::testing {

namespace {

using internal::Socket;
constexpr std::chrono::milliseconds kIo{5000};

}  // namespace

std::string ReceivedMail::Header(const std::string& name) const {
  const size_t end = data.find("\r\n\r\n");
  const std::string head = data.substr(0, end);
  const std::string wanted = ToLowerAscii(name) + ":";
  size_t pos = 0;
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    if (eol == std::string::npos) eol = head.size();
    if (ToLowerAscii(head.substr(pos, wanted.size())) == wanted) {
      std::string value = head.substr(pos + wanted.size(), eol - pos - wanted.size());
      // Folded continuation lines start with white space.
      while (eol + 2 < head.size() && (head[eol + 2] == ' ' || head[eol + 2] == '\t')) {
        const size_t next = std::min(head.find("\r\n", eol + 2), head.size());
        value += head.substr(eol + 2, next - eol - 2);
        eol = next;
      }
      const size_t first = value.find_first_not_of(' ');
      return first == std::string::npos ? "" : value.substr(first);
    }
    pos = eol + 2;
  }
  return "";
}

std::string ReceivedMail::Body() const {
  const size_t end = data.find("\r\n\r\n");
  return end == std::string::npos ? "" : data.substr(end + 4);
}

SmtpSink::~SmtpSink() {
  Stop();
}

void SmtpSink::RequireAuth(std::string user, std::string password) {
  std::lock_guard lock(mu_);
  user_ = std::move(user);
  password_ = std::move(password);
}

Status SmtpSink::Start(int port) {
  if (listen_fd_ >= 0) return Status::Ok();
  if (port == 0) port = port_;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return UnavailableError("socket() mislukt");
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 || ::listen(fd, 16) != 0) {
    ::close(fd);
    return UnavailableError("Poort " + std::to_string(port) + " is niet vrij.");
  }
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  listen_fd_ = fd;
  stopping_ = false;
  accept_thread_ = std::thread([this] { AcceptLoop(); });
  return Status::Ok();
}

void SmtpSink::Stop() {
  if (listen_fd_ < 0) return;
  stopping_ = true;
  accept_thread_.join();
  ::close(listen_fd_);
  listen_fd_ = -1;
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
    threads.swap(connections_);
  }
  for (std::thread& t : threads) t.join();
}

void SmtpSink::AcceptLoop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) continue;
    std::lock_guard lock(mu_);
    open_fds_.push_back(fd);
    connections_.emplace_back([this, fd] { Serve(fd); });
  }
}

void SmtpSink::Serve(int fd) {
  Socket socket(fd);
  auto reply = [&](const std::string& text) { return socket.WriteAll(text + "\r\n", kIo).ok(); };
  ReceivedMail mail;
  bool authenticated = false;
  if (reply("220 sink.test ESMTP Baken test sink")) {
    for (;;) {
      StatusOr<std::string> line = socket.ReadLine(kIo);
      if (!line.ok()) break;
      {
        std::lock_guard lock(mu_);
        transcript_.push_back(*line);
      }
      const std::string verb = ToLowerAscii(line->substr(0, line->find(' ')));
      bool ok = true;
      if (verb == "ehlo") {
        ok = reply("250-sink.test\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SIZE 1000000");
      } else if (verb == "helo") {
        ok = reply("250 sink.test");
      } else if (verb == "auth") {
        const std::string decoded = Base64Decode(line->substr(std::min(line->size(), size_t{11})),
                                                 Base64Variant::kStandard, " \r\n")
                                        .value_or("");
        const size_t first = decoded.find('\0');
        const size_t second = decoded.find('\0', first + 1);
        std::string user, password;
        if (first != std::string::npos && second != std::string::npos) {
          user = decoded.substr(first + 1, second - first - 1);
          password = decoded.substr(second + 1);
        }
        std::lock_guard lock(mu_);
        authenticated = user == user_ && password == password_;
        if (authenticated) mail.auth_user = user;
        ok = authenticated ? reply("235 2.7.0 Authentication successful")
                           : reply("535 5.7.8 Authentication credentials invalid");
      } else if (verb == "mail") {
        bool need_auth;
        {
          std::lock_guard lock(mu_);
          need_auth = !user_.empty() && !authenticated;
        }
        if (refuse_) {
          ok = reply("451 4.3.0 Tijdelijk niet beschikbaar");
        } else if (need_auth) {
          ok = reply("530 5.7.0 Authentication required");
        } else {
          mail.mail_from = line->size() > 10 ? line->substr(10) : "";
          mail.rcpt_to.clear();
          ok = reply("250 2.1.0 Ok");
        }
      } else if (verb == "rcpt") {
        mail.rcpt_to.push_back(line->size() > 8 ? line->substr(8) : "");
        ok = reply("250 2.1.5 Ok");
      } else if (verb == "data") {
        if (!reply("354 End data with <CR><LF>.<CR><LF>")) break;
        std::string data;
        bool complete = false;
        for (;;) {
          StatusOr<std::string> d = socket.ReadLine(kIo);
          if (!d.ok()) break;
          if (*d == ".") {
            complete = true;
            break;
          }
          data += (!d->empty() && (*d)[0] == '.') ? d->substr(1) : *d;
          data += "\r\n";
        }
        if (!complete) break;
        mail.data = std::move(data);
        {
          std::lock_guard lock(mu_);
          messages_.push_back(mail);
        }
        arrived_.notify_all();
        ok = reply("250 2.0.0 Ok: queued");
      } else if (verb == "rset" || verb == "noop") {
        ok = reply("250 2.0.0 Ok");
      } else if (verb == "quit") {
        reply("221 2.0.0 Bye");
        break;
      } else {
        ok = reply("502 5.5.2 Command not recognized");
      }
      if (!ok) break;
    }
  }
  std::lock_guard lock(mu_);
  open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
  // `socket` closes fd when this returns; it is no longer in open_fds_, so Stop() cannot touch it.
}

std::vector<ReceivedMail> SmtpSink::Messages() const {
  std::lock_guard lock(mu_);
  return messages_;
}

size_t SmtpSink::Count() const {
  std::lock_guard lock(mu_);
  return messages_.size();
}

bool SmtpSink::WaitForCount(size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return arrived_.wait_for(lock, timeout, [&] { return messages_.size() >= n; });
}

std::vector<std::string> SmtpSink::Transcript() const {
  std::lock_guard lock(mu_);
  return transcript_;
}

}  // namespace baken::notify::testing
