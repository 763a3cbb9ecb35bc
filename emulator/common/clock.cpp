#include "emulator/common/clock.hpp"

namespace drydock::emulator {

Instant RealClock::now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

bool VirtualClock::advance_to(Instant target) {
  Instant seen = m_now.load(std::memory_order_acquire);
  while (seen <= target) {
    if (m_now.compare_exchange_weak(seen, target, std::memory_order_acq_rel)) {
      return true;
    }
  }
  return false;  // another thread moved it past `target` meanwhile, or it already was
}

bool VirtualClock::advance_by(std::chrono::milliseconds step) {
  if (step < std::chrono::milliseconds::zero()) {
    return false;
  }
  Instant seen = m_now.load(std::memory_order_acquire);
  while (!m_now.compare_exchange_weak(seen, seen + step, std::memory_order_acq_rel)) {
  }
  return true;
}

}  // namespace drydock::emulator
