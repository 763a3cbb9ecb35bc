// Instants as AWS writes timestamps: UTC, milliseconds, a trailing Z.

#include "emulator/common/instant_text.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/common/time_helpers.hpp"

using drydock::emulator::format_instant;
using drydock::emulator::Instant;
using drydock::test::utc;

TEST_SUITE("emulator/common") {
  TEST_CASE("instants are UTC with exactly three fractional digits") {
    CHECK(format_instant(utc(1970, 1, 1)) == "1970-01-01T00:00:00.000Z");
    CHECK(format_instant(utc(2024, 12, 31, 23, 59, 59, 999)) == "2024-12-31T23:59:59.999Z");
    CHECK(format_instant(utc(2024, 2, 29, 1, 2, 3, 4)) == "2024-02-29T01:02:03.004Z");
  }

  TEST_CASE("an instant before 1970 rounds down to its day, not towards the epoch") {
    CHECK(format_instant(Instant(std::chrono::milliseconds(-1))) == "1969-12-31T23:59:59.999Z");
  }
}
