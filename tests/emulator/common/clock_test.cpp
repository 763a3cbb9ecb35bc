// The clock behind simulated time (DESIGN.md principle 3): a VirtualClock moves only forward.

#include "emulator/common/clock.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/common/time_helpers.hpp"

using drydock::emulator::Instant;
using drydock::emulator::RealClock;
using drydock::emulator::VirtualClock;
using drydock::test::utc;
using namespace std::chrono_literals;

TEST_SUITE("emulator/common") {
  TEST_CASE("a virtual clock starts at the instant it is given") {
    const VirtualClock clock(utc(2024, 3, 5, 10, 0));
    CHECK(clock.now() == utc(2024, 3, 5, 10, 0));
  }

  TEST_CASE("a virtual clock moves forward to a later instant or by a positive step") {
    VirtualClock clock(utc(2024, 3, 5));
    CHECK(clock.advance_to(utc(2024, 3, 6)));
    CHECK(clock.now() == utc(2024, 3, 6));
    CHECK(clock.advance_by(90min));
    CHECK(clock.now() == utc(2024, 3, 6, 1, 30));
    CHECK(clock.advance_by(0ms));
    CHECK(clock.advance_to(clock.now()));
    CHECK(clock.now() == utc(2024, 3, 6, 1, 30));
  }

  TEST_CASE("a virtual clock refuses to go backwards and stays where it was") {
    VirtualClock clock(utc(2024, 3, 5, 12, 0));
    CHECK_FALSE(clock.advance_to(utc(2024, 3, 5, 11, 59)));
    CHECK_FALSE(clock.advance_by(-1ms));
    CHECK(clock.now() == utc(2024, 3, 5, 12, 0));
    // A mixed sequence of moves: the reading never decreases.
    Instant previous = clock.now();
    const std::chrono::milliseconds steps[] = {5min, -3min, 0ms, 1h, -1h, 1ms, -1ms, 24h};
    for (const auto step : steps) {
      clock.advance_by(step);
      clock.advance_to(previous - 1s);
      CHECK(clock.now() >= previous);
      previous = clock.now();
    }
    CHECK(clock.now() == utc(2024, 3, 6, 13, 5) + 1ms);
  }

  TEST_CASE("the real clock reads the system time in UTC") {
    const RealClock clock;
    CHECK(clock.now() > utc(2024, 1, 1));
  }
}
