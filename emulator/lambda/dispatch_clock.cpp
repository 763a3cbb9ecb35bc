#include "emulator/lambda/dispatch_clock.hpp"

#include <thread>

namespace drydock::emulator {

DispatchClock::DispatchClock(VirtualClock& clock, bool real_time,
                             std::optional<std::chrono::milliseconds> max_virtual_time)
    : m_clock(clock),
      m_real_time(real_time),
      m_max_virtual_time(max_virtual_time),
      m_virtual_start(clock.now()),
      m_wall_start(std::chrono::steady_clock::now()) {}

std::chrono::milliseconds DispatchClock::wall_elapsed() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               m_wall_start);
}

void DispatchClock::sync() {
  if (m_real_time) {
    // advance_to refuses to go backwards, so an earlier jump past the wall time is kept.
    m_clock.advance_to(m_virtual_start + wall_elapsed());
  }
}

bool DispatchClock::wait_until(Instant target) {
  if (m_max_virtual_time && target > m_virtual_start + *m_max_virtual_time) {
    return false;
  }
  if (m_real_time) {
    std::this_thread::sleep_until(m_wall_start + (target - m_virtual_start));
    sync();
  }
  m_clock.advance_to(target);
  return true;
}

}  // namespace drydock::emulator
