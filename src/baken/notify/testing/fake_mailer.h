// FakeMailer: a Mailer for tests that keeps what it is asked to send (never linked into the
// product). SetFailure() makes every following Send() return that Status and keep nothing.
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "baken/notify/mailer.h"

namespace baken::notify::testing {

struct SentMail {
  Message message;
  std::string message_id;
};

class FakeMailer final : public Mailer {
 public:
  Status Send(const Message& message, const std::string& message_id) override;

  void SetFailure(Status failure);
  std::vector<SentMail> Sent() const;

 private:
  mutable std::mutex mu_;
  Status failure_;              // guarded by mu_
  std::vector<SentMail> sent_;  // guarded by mu_
};

}  // namespace baken::notify::testing
