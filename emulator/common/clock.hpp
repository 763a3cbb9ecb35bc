#pragma once
// The clock the emulated cloud reads (DESIGN.md principle 3, "Time is simulated"): EventBridge rates,
// visibility timeouts and retries ask a Clock, so tests and `drydock run` drive a VirtualClock and a
// simulated day passes in milliseconds; RealClock is the option for wall-clock runs.

#include <atomic>
#include <chrono>

namespace drydock::emulator {

// A UTC instant with millisecond precision (sys_time is UTC without leap seconds, like AWS timestamps).
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// Read-only source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  // The current instant, UTC. Never throws.
  virtual Instant now() const = 0;
};

// The system clock truncated to milliseconds. Not monotonic: it follows the host's wall clock.
class RealClock final : public Clock {
 public:
  Instant now() const override;
};

// A clock that only moves when told to, and never backwards. Safe to read and move from several threads
// (`drydock serve` moves it to the wall clock on its request threads while the dispatcher reads it).
class VirtualClock final : public Clock {
 public:
  // Starts at `start`.
  explicit VirtualClock(Instant start) : m_now(start) {}

  // The instant the clock was last moved to (or the start).
  Instant now() const override { return m_now.load(std::memory_order_acquire); }

  // Moves the clock to `target`. Returns true if the clock now reads `target`; returns false and leaves
  // the clock unchanged if `target` is earlier than now() (the clock never goes backwards).
  bool advance_to(Instant target);

  // Moves the clock forward by `step`. Returns false and leaves the clock unchanged if `step` is negative;
  // a zero step succeeds and changes nothing.
  bool advance_by(std::chrono::milliseconds step);

 private:
  std::atomic<Instant> m_now;
};

}  // namespace drydock::emulator
