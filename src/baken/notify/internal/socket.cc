#include "baken/notify/internal/socket.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace baken::notify::internal {

namespace {

Status WaitFor(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (r > 0) return Status::Ok();
    if (r == 0) return UnavailableError("De mailserver antwoordt niet op tijd.");
    if (errno != EINTR) return UnavailableError("Verbinding met de mailserver mislukt.");
  }
}

}  // namespace

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    Close();
    fd_ = other.fd_;
    buffer_ = std::move(other.buffer_);
    other.fd_ = -1;
  }
  return *this;
}

void Socket::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

StatusOr<Socket> Socket::Connect(const std::string& host, int port,
                                 std::chrono::milliseconds timeout) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
    return UnavailableError("Mailserver '" + host + "' niet gevonden.");
  }
  Status last = UnavailableError("Mailserver " + host + ":" + service + " is niet bereikbaar.");
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    Socket s(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (!s.valid()) continue;
    const int flags = ::fcntl(s.fd(), F_GETFL, 0);
    ::fcntl(s.fd(), F_SETFL, flags | O_NONBLOCK);
    int r = ::connect(s.fd(), a->ai_addr, a->ai_addrlen);
    if (r != 0 && errno == EINPROGRESS) {
      if (!WaitFor(s.fd(), POLLOUT, timeout).ok()) continue;
      int err = 0;
      socklen_t len = sizeof(err);
      ::getsockopt(s.fd(), SOL_SOCKET, SO_ERROR, &err, &len);
      r = err == 0 ? 0 : -1;
    }
    if (r != 0) continue;
    const int one = 1;
    ::setsockopt(s.fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ::freeaddrinfo(found);
    return s;
  }
  ::freeaddrinfo(found);
  return last;
}

Status Socket::WriteAll(const std::string& data, std::chrono::milliseconds timeout) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      RETURN_IF_ERROR(WaitFor(fd_, POLLOUT, timeout));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return UnavailableError("De verbinding met de mailserver is verbroken.");
    }
  }
  return Status::Ok();
}

StatusOr<std::string> Socket::ReadLine(std::chrono::milliseconds timeout, size_t max_length) {
  for (;;) {
    const size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      std::string line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (buffer_.size() > max_length) return UnavailableError("Regel van de mailserver te lang.");
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
    } else if (n == 0) {
      return UnavailableError("De mailserver heeft de verbinding gesloten.");
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      RETURN_IF_ERROR(WaitFor(fd_, POLLIN, timeout));
    } else if (errno != EINTR) {
      return UnavailableError("De verbinding met de mailserver is verbroken.");
    }
  }
}

}  // namespace baken::notify::internal
