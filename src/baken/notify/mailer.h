// Mailer: the seam through which Baken sends one e-mail to a reporter, and the SMTP settings.
//
// The product uses CurlMailer (curl_mailer.h: libcurl's SMTP with STARTTLS or implicit TLS);
// tests that are not about the wire use FakeMailer (testing/fake_mailer.h). Send() returns
// kUnavailable for trouble worth retrying (network, timeouts, 4xx replies), kFailedPrecondition
// for what will not pass without a change (5xx replies, no encryption offered, an untrusted
// certificate, a password over plain TCP) and kInvalidArgument for an unusable address (the
// outbox gives up at once). Messages are Dutch; a password never appears in a Status.
// Implementations say for themselves from how many threads they may be used.
#pragma once

#include <chrono>
#include <string>

#include "baken/base/config.h"
#include "baken/base/status.h"
#include "baken/notify/message.h"

namespace baken::notify {

// How the connection to the mail server is protected.
enum class SmtpTls {
  kStartTls,  // plain TCP upgraded with STARTTLS, required: nothing is sent without it (default)
  kImplicit,  // TLS from the first byte (smtps, usually port 465)
  kNone,      // plain TCP: only for a relay on this machine or a trusted network, never a password
};

struct SmtpOptions {
  std::string host = "127.0.0.1";
  int port = 25;
  SmtpTls tls = SmtpTls::kStartTls;
  std::string ca_file;   // PEM file of trusted CAs; empty: the system's CA store
  std::string from;      // envelope and header sender, e.g. "noreply@groningen.nl"
  std::string user;      // empty: no AUTH
  std::string password;  // secret: never logged
  std::string helo_name = "baken.localdomain";
  // Connecting may take this long; one whole send at most four times as long.
  std::chrono::milliseconds timeout{10000};
};

// From config keys smtp.host (a name, or "smtps://name" for implicit TLS), smtp.port, smtp.tls
// ("starttls", "smtps" or "geen"), smtp.ca_bestand, smtp.from, smtp.user, smtp.password,
// smtp.helo, smtp.timeout. smtp.from is required. A password with smtp.tls "geen" is accepted
// here but refused by CurlMailer::Send(), so the outbox shows why mail waits.
StatusOr<SmtpOptions> SmtpOptionsFromConfig(const Config& config);

class Mailer {
 public:
  virtual ~Mailer() = default;

  // Sends `message`; `message_id` (without brackets or domain) identifies it, e.g. the outbox id.
  [[nodiscard]] virtual Status Send(const Message& message, const std::string& message_id) = 0;
};

}  // namespace baken::notify
