// Status and StatusOr<T>: the result of every operation that can fail in an expected way.
//
// A Status carries a code, a message and optionally the name of the field it is about. The message
// of an error meant for users is Dutch and names no internals (no SQL, paths or stack traces); the
// api layer maps codes to HTTP statuses in exactly one place. Statuses are cheap to copy when ok.
// Not thread-safe to mutate; safe to share const.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace baken {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller gave something malformed (a field, a file row)
  kNotFound,            // the thing asked for does not exist (or may not be seen)
  kAlreadyExists,       // a unique key is taken
  kFailedPrecondition,  // the system is not in a state that allows this (e.g. workflow)
  kPermissionDenied,    // authenticated, but the policy says no
  kUnauthenticated,     // no or invalid credentials
  kResourceExhausted,   // rate limit, quota, size limit
  kUnavailable,         // try again later: database busy or unreachable, service down
  kInternal,            // a bug or broken invariant; never the caller's fault
};

// Stable, machine-readable name of a code, e.g. "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field (JSON member, CSV column, CLI flag) the error is about; empty if none.
  const std::string& field() const { return field_; }

  // "invalid_argument: <field>: <message>", for logs and command-line output.
  std::string ToString() const;

  // Returns a copy with `context + ": "` put before the message (e.g. the row of a file).
  Status WithContext(std::string_view context) const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_ && a.field_ == b.field_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

inline Status InvalidArgumentError(std::string message, std::string field = {}) {
  return Status(StatusCode::kInvalidArgument, std::move(message), std::move(field));
}
inline Status NotFoundError(std::string message) {
  return Status(StatusCode::kNotFound, std::move(message));
}
inline Status AlreadyExistsError(std::string message, std::string field = {}) {
  return Status(StatusCode::kAlreadyExists, std::move(message), std::move(field));
}
inline Status FailedPreconditionError(std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(message));
}
inline Status PermissionDeniedError(std::string message) {
  return Status(StatusCode::kPermissionDenied, std::move(message));
}
inline Status UnauthenticatedError(std::string message) {
  return Status(StatusCode::kUnauthenticated, std::move(message));
}
inline Status ResourceExhaustedError(std::string message) {
  return Status(StatusCode::kResourceExhausted, std::move(message));
}
inline Status UnavailableError(std::string message) {
  return Status(StatusCode::kUnavailable, std::move(message));
}
inline Status InternalError(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}

// Either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(const Status& status) : data_(status) {  // NOLINT(google-explicit-constructor)
    assert(!status.ok() && "StatusOr needs a non-ok Status or a value");
    if (status.ok()) data_ = Status(StatusCode::kInternal, "StatusOr made from an ok Status");
  }
  StatusOr(Status&& status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(data_).ok()) {
      data_ = Status(StatusCode::kInternal, "StatusOr made from an ok Status");
    }
  }
  StatusOr(const T& value) : data_(value) {}        // NOLINT(google-explicit-constructor)
  StatusOr(T&& value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // The requires clause keeps StatusOr itself out, so the copy and move constructors are not
  // hidden (clang-tidy 14 does not read requires clauses).
  // NOLINTBEGIN(google-explicit-constructor,bugprone-forwarding-reference-overload)
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Status> && !std::is_same_v<std::decay_t<U>, StatusOr>)
      StatusOr(U&& value)
      : data_(std::in_place_type<T>, std::forward<U>(value)) {}
  // NOLINTEND(google-explicit-constructor,bugprone-forwarding-reference-overload)

  bool ok() const { return std::holds_alternative<T>(data_); }
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }

  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> data_;
};

namespace internal {
inline const Status& AsStatus(const Status& s) {
  return s;
}
template <typename T>
Status AsStatus(const StatusOr<T>& s) {
  return s.status();
}
}  // namespace internal

}  // namespace baken

#define BAKEN_CONCAT_INNER_(a, b) a##b
#define BAKEN_CONCAT_(a, b) BAKEN_CONCAT_INNER_(a, b)

// Returns the Status of `expr` (a Status or StatusOr) from the current function if it is not ok.
#define RETURN_IF_ERROR(expr)                               \
  do {                                                      \
    auto&& baken_status_or_ = (expr);                       \
    if (!baken_status_or_.ok()) {                           \
      return ::baken::internal::AsStatus(baken_status_or_); \
    }                                                       \
  } while (false)

// ASSIGN_OR_RETURN(auto x, Compute()); declares/assigns x from a StatusOr or returns its error.
// `tmp` is a name and `lhs` may be a declaration ("auto x"): parentheses would not compile.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(BAKEN_CONCAT_(baken_statusor_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
