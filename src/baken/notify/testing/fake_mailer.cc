#include "baken/notify/testing/fake_mailer.h"

namespace baken::notify::testing {

Status FakeMailer::Send(const Message& message, const std::string& message_id) {
  std::lock_guard lock(mu_);
  if (!failure_.ok()) return failure_;
  sent_.push_back({message, message_id});
  return Status::Ok();
}

void FakeMailer::SetFailure(Status failure) {
  std::lock_guard lock(mu_);
  failure_ = std::move(failure);
}

std::vector<SentMail> FakeMailer::Sent() const {
  std::lock_guard lock(mu_);
  return sent_;
}

}  // namespace baken::notify::testing
