// How a dispatcher run lets time pass: jumps on the virtual clock, bounded by max_virtual_time; in
// real-time mode the virtual clock follows the host's (checked with waits of a few milliseconds).

#include "emulator/lambda/dispatch_clock.hpp"

#include <doctest/doctest.h>

using drydock::emulator::DispatchClock;
using drydock::emulator::Instant;
using drydock::emulator::VirtualClock;
using namespace std::chrono_literals;

namespace {
const Instant k_start{1'700'000'000'000ms};
}

TEST_SUITE("emulator/lambda") {
  TEST_CASE("on virtual time, waiting jumps the clock to the target at once") {
    VirtualClock clock(k_start);
    DispatchClock time(clock, false, std::nullopt);
    time.sync();
    CHECK(clock.now() == k_start);
    CHECK(time.wait_until(k_start + 300s));
    CHECK(clock.now() == k_start + 300s);
    CHECK(time.started_at() == k_start);
  }

  TEST_CASE("a wait beyond max_virtual_time is refused and leaves the clock alone") {
    VirtualClock clock(k_start);
    DispatchClock time(clock, false, 10min);
    CHECK(time.wait_until(k_start + 10min));
    CHECK_FALSE(time.wait_until(k_start + 10min + 1ms));
    CHECK(clock.now() == k_start + 10min);
  }

  TEST_CASE("in real-time mode the virtual clock follows the wall time that has passed") {
    VirtualClock clock(k_start);
    DispatchClock time(clock, true, std::nullopt);
    CHECK(time.wait_until(k_start + 3ms));
    CHECK(clock.now() >= k_start + 3ms);
    CHECK(time.wall_elapsed() >= 3ms);
    const Instant before = clock.now();
    time.sync();
    CHECK(clock.now() >= before);  // never backwards
    CHECK(clock.now() - k_start <= time.wall_elapsed() + 1ms);
  }
}
