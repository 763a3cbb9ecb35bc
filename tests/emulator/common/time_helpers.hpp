#pragma once
// Readable UTC instants for the tests of the clock and of what runs on it (EventBridge, S3 records).

#include <chrono>

#include "emulator/common/clock.hpp"

namespace drydock::test {

// The UTC instant y-m-d h:mi:s.ms.
inline emulator::Instant utc(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0, int ms = 0) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms};
}

}  // namespace drydock::test
