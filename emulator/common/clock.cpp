#include "emulator/common/clock.hpp"

namespace drydock::emulator {

Instant RealClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

bool VirtualClock::advance_to(Instant target) {
  if (target < m_now) {
    return false;
  }
  m_now = target;
  return true;
}

bool VirtualClock::advance_by(std::chrono::milliseconds step) {
  if (step < std::chrono::milliseconds::zero()) {
    return false;
  }
  m_now += step;
  return true;
}

}  // namespace drydock::emulator
