// Timestamp and the injected Clock.
//
// Every instant in Baken is a UTC Timestamp with microsecond precision. Nothing reads the real time
// except SystemClock; code that needs "now" takes a Clock&, and tests pass a FakeClock.
// SystemClock is thread-safe; FakeClock is thread-safe (atomic) so servers under test can share it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace baken {

using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

inline int64_t ToUnixMicros(Timestamp t) {
  return t.time_since_epoch().count();
}
inline Timestamp FromUnixMicros(int64_t us) {
  return Timestamp(std::chrono::microseconds(us));
}

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(
        std::chrono::system_clock::now());
  }
  // A process-wide instance for main(); library code takes a Clock& instead.
  static SystemClock& Instance() {
    static SystemClock clock;
    return clock;
  }
};

// A clock that only moves when told to.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_us_(ToUnixMicros(start)) {}
  Timestamp Now() const override { return FromUnixMicros(now_us_.load()); }
  void Set(Timestamp t) { now_us_.store(ToUnixMicros(t)); }
  void Advance(std::chrono::microseconds d) { now_us_.fetch_add(d.count()); }

 private:
  std::atomic<int64_t> now_us_;
};

}  // namespace baken
