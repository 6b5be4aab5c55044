// CurlMailer: sends one plain-text e-mail with libcurl's SMTP (ADR 0015).
//
// With SmtpTls::kStartTls (the default) the connection must be upgraded with STARTTLS before
// anything else is said (CURLUSESSL_ALL): a server that does not offer it gets no AUTH, no
// envelope and no message. kImplicit speaks TLS from the first byte (smtps). Both verify the
// server's certificate and name, against the system CAs or SmtpOptions::ca_file. kNone is plain
// TCP for a relay without a password; with a password Send() refuses before connecting.
// Connecting is bounded by SmtpOptions::timeout, a whole send by four times that.
//
// Errors as in mailer.h, with a Dutch reason that names the setting to look at. Thread-safe:
// every Send() uses its own curl handle and connection.
#pragma once

#include <string>

#include "baken/base/clock.h"
#include "baken/notify/mailer.h"

namespace baken::notify {

class CurlMailer final : public Mailer {
 public:
  // `clock` (for the Date header) must outlive the mailer.
  CurlMailer(SmtpOptions options, const Clock& clock);

  Status Send(const Message& message, const std::string& message_id) override;

  const SmtpOptions& options() const { return options_; }

 private:
  const SmtpOptions options_;
  const Clock& clock_;
};

}  // namespace baken::notify
