#pragma once
// How a dispatcher run lets time pass when nothing is visible but messages are in flight or delayed:
// on virtual time it jumps the clock to the next visibility (a 300-second retry takes no wall time);
// in real-time mode it sleeps until then on the host's monotonic clock and keeps the virtual clock,
// which the SQS service reads, following the wall time that has passed.

#include <chrono>
#include <optional>

#include "emulator/common/clock.hpp"

namespace drydock::emulator {

class DispatchClock {
 public:
  // Starts a run at `clock`'s current time. `real_time` selects sleeping over jumping; `max_virtual_time`
  // bounds how far past the start the run may let time pass (nullopt: no bound).
  DispatchClock(VirtualClock& clock, bool real_time,
                std::optional<std::chrono::milliseconds> max_virtual_time);

  // Real-time mode: moves the virtual clock forward by the wall time passed since the run started (it
  // never goes backwards). Virtual mode: does nothing. Called before each round of receives.
  void sync();

  // Lets time pass until `target`: moves the clock there (virtual mode) or sleeps until the wall time
  // that corresponds to it and then moves the clock (real-time mode). Returns false without waiting
  // when `target` is beyond the run's max_virtual_time; true once the clock reads at least `target`.
  bool wait_until(Instant target);

  // The virtual instant the run started at.
  Instant started_at() const { return m_virtual_start; }
  // Wall time since the run started.
  std::chrono::milliseconds wall_elapsed() const;

 private:
  VirtualClock& m_clock;
  bool m_real_time;
  std::optional<std::chrono::milliseconds> m_max_virtual_time;
  Instant m_virtual_start;
  std::chrono::steady_clock::time_point m_wall_start;
};

}  // namespace drydock::emulator
