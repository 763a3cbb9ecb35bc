#pragma once
// Readable UTC instants for the EventBridge tests.

#include <chrono>

#include "emulator/eventbridge/clock.hpp"

namespace drydock::test {

// The UTC instant y-m-d h:mi:s.
inline emulator::Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace drydock::test
