// SmtpClient: sends one plain-text e-mail over SMTP (RFC 5321) on a POSIX TCP socket.
//
// The dialogue: greeting, EHLO, AUTH PLAIN when a user is configured (the server must offer it),
// MAIL FROM, RCPT TO, DATA with dot-stuffing, QUIT. The message (RFC 5322) has From, To, Subject
// (RFC 2047 UTF-8 encoded-words when not ASCII), Date (Amsterdam offset), Message-ID, MIME-Version
// and a text/plain; charset=UTF-8 body: 7bit when ASCII, 8bit when the server offers 8BITMIME,
// quoted-printable otherwise. Every network step has a timeout.
//
// STARTTLS is not implemented: use a mail relay on localhost or in a trusted network, or a local
// TLS tunnel (stunnel, postfix relay) towards an outside provider. Because the connection is not
// encrypted, Send() refuses (kFailedPrecondition, before connecting) when a password is set: AUTH
// is only used with a user and no password. The password never appears in a Status, log line or
// stored error.
//
// Errors: kUnavailable for network trouble, timeouts and 4xx replies (try again later);
// kFailedPrecondition for 5xx replies (permanent). Messages are Dutch and quote the server's reply.
// One SmtpClient may be used from one thread at a time; it opens a connection per Send().
#pragma once

#include <chrono>
#include <string>

#include "baken/base/clock.h"
#include "baken/base/config.h"
#include "baken/base/status.h"
#include "baken/notify/message.h"

namespace baken::notify {

struct SmtpOptions {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string from;      // envelope and header sender, e.g. "noreply@groningen.nl"
  std::string user;      // empty: no AUTH
  std::string password;  // secret: never logged
  std::string helo_name = "baken.localdomain";
  std::chrono::milliseconds timeout{10000};  // per connect, read and write
};

// From config keys smtp.host, smtp.port, smtp.from, smtp.user, smtp.password, smtp.helo,
// smtp.timeout. smtp.from is required.
StatusOr<SmtpOptions> SmtpOptionsFromConfig(const Config& config);

// The RFC 5322 text of `message` with CRLF line ends, before dot-stuffing.
// `message_id` without angle brackets.
std::string FormatMessage(const Message& message, const std::string& from, Timestamp date,
                          const std::string& message_id, bool allow_8bit);

// "=?UTF-8?B?...?=" words (folded) when `text` is not printable ASCII, else `text`.
std::string EncodeHeaderValue(const std::string& text);

// Quoted-printable (RFC 2045) of `text` with CRLF line ends.
std::string QuotedPrintable(const std::string& text);

// Doubles a leading '.' of every line (RFC 5321 4.5.2); `text` has CRLF line ends.
std::string DotStuff(const std::string& text);

class SmtpClient {
 public:
  // `clock` (for the Date header) must outlive the client.
  SmtpClient(SmtpOptions options, const Clock& clock);

  // Sends `message`; `message_id` (without brackets) identifies it, e.g. the outbox id.
  Status Send(const Message& message, const std::string& message_id);

  const SmtpOptions& options() const { return options_; }

 private:
  SmtpOptions options_;
  const Clock& clock_;
};

}  // namespace baken::notify
