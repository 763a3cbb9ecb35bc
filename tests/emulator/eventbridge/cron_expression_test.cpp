// cron(...) schedules with AWS semantics (aws-anchors.md §4.4;
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html, whose
// examples table supplies the first group of cases). Calendar facts used: 2024-03-08 is a Friday,
// 2024-01-01 a Monday, 2024-06-15 a Saturday, 2024-09-15 a Sunday, 2024-03-31 a Sunday.

#include "emulator/eventbridge/cron_expression.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/emulator/common/time_helpers.hpp"

using drydock::emulator::CronExpression;
using drydock::emulator::Instant;
using drydock::test::utc;
using namespace std::chrono_literals;

namespace {

CronExpression cron(std::string_view fields) {
  auto parsed = CronExpression::parse(fields);
  INFO(fields, ": ", parsed.has_value() ? std::string() : parsed.error());
  REQUIRE(parsed.has_value());
  return *parsed;
}

// The first `n` firings strictly after `from`.
std::vector<Instant> firings(std::string_view fields, Instant from, int n) {
  const CronExpression c = cron(fields);
  std::vector<Instant> out;
  for (int i = 0; i < n; ++i) {
    const auto next = c.next_after(out.empty() ? from : out.back());
    REQUIRE(next.has_value());
    out.push_back(*next);
  }
  return out;
}

// Firings in (from, to].
int count_between(std::string_view fields, Instant from, Instant to) {
  const CronExpression c = cron(fields);
  int n = 0;
  for (auto next = c.next_after(from); next && *next <= to; next = c.next_after(*next)) {
    ++n;
  }
  return n;
}

std::string error_of(std::string_view fields) {
  const auto parsed = CronExpression::parse(fields);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

}  // namespace

TEST_SUITE("emulator/eventbridge") {
  // AWS example: "Run at 10:00 am (UTC+0) every day".
  TEST_CASE("cron(0 10 * * ? *) fires at 10:00 UTC every day, strictly after the given instant") {
    CHECK(cron("0 10 * * ? *").next_after(utc(2024, 3, 5, 9, 59)) == utc(2024, 3, 5, 10, 0));
    CHECK(cron("0 10 * * ? *").next_after(utc(2024, 3, 5, 10, 0)) == utc(2024, 3, 6, 10, 0));
    CHECK(cron("0 10 * * ? *").next_after(utc(2024, 3, 5, 9, 59, 59) + 999ms) == utc(2024, 3, 5, 10, 0));
    CHECK(cron("0 10 * * ? *").next_after(utc(2024, 12, 31, 11, 0)) == utc(2025, 1, 1, 10, 0));
  }

  // AWS example: "Run at 12:15 pm (UTC+0) every day".
  TEST_CASE("cron(15 12 * * ? *) fires at 12:15 UTC every day") {
    CHECK(firings("15 12 * * ? *", utc(2024, 3, 5, 12, 15), 2) ==
          std::vector<Instant>{utc(2024, 3, 6, 12, 15), utc(2024, 3, 7, 12, 15)});
  }

  // AWS example: "Run at 6:00 pm (UTC+0) every Monday through Friday".
  TEST_CASE("cron(0 18 ? * MON-FRI *) skips the weekend") {
    CHECK(firings("0 18 ? * MON-FRI *", utc(2024, 3, 7, 20, 0), 2) ==
          std::vector<Instant>{utc(2024, 3, 8, 18, 0), utc(2024, 3, 11, 18, 0)});
  }

  // AWS example: "Run at 8:00 am (UTC+0) every first day of the month".
  TEST_CASE("cron(0 8 1 * ? *) fires on the first of every month") {
    CHECK(firings("0 8 1 * ? *", utc(2024, 1, 31), 3) ==
          std::vector<Instant>{utc(2024, 2, 1, 8, 0), utc(2024, 3, 1, 8, 0), utc(2024, 4, 1, 8, 0)});
  }

  // AWS example: "Run every 15 minutes".
  TEST_CASE("cron(0/15 * * * ? *) fires every quarter hour") {
    CHECK(cron("0/15 * * * ? *").next_after(utc(2024, 3, 5, 10, 7)) == utc(2024, 3, 5, 10, 15));
    CHECK(cron("0/15 * * * ? *").next_after(utc(2024, 3, 5, 23, 45)) == utc(2024, 3, 6, 0, 0));
    CHECK(count_between("0/15 * * * ? *", utc(2024, 3, 5), utc(2024, 3, 6)) == 96);
  }

  // AWS example: "Run every 10 minutes Monday through Friday".
  TEST_CASE("cron(0/10 * ? * MON-FRI *) runs from Monday 00:00 to Friday 23:50") {
    CHECK(cron("0/10 * ? * MON-FRI *").next_after(utc(2024, 3, 8, 23, 50)) == utc(2024, 3, 11, 0, 0));
    CHECK(count_between("0/10 * ? * MON-FRI *", utc(2024, 3, 4) - 1min, utc(2024, 3, 11) - 1min) == 5 * 144);
  }

  // AWS example: "Run every 5 minutes Monday through Friday between 8:00 am and 5:55 pm (UTC+0)".
  TEST_CASE("cron(0/5 8-17 ? * MON-FRI *) runs every 5 minutes in weekday working hours") {
    CHECK(cron("0/5 8-17 ? * MON-FRI *").next_after(utc(2024, 3, 4, 17, 55)) == utc(2024, 3, 5, 8, 0));
    CHECK(cron("0/5 8-17 ? * MON-FRI *").next_after(utc(2024, 3, 8, 17, 55)) == utc(2024, 3, 11, 8, 0));
    CHECK(count_between("0/5 8-17 ? * MON-FRI *", utc(2024, 3, 4), utc(2024, 3, 5)) == 120);
    CHECK(count_between("0/5 8-17 ? * MON-FRI *", utc(2024, 3, 9), utc(2024, 3, 11)) == 0);
  }

  // AWS example: "Run at 9:00 am (UTC+0) on the first Monday of each month".
  TEST_CASE("cron(0 9 ? * 2#1 *) fires on the first Monday of each month") {
    CHECK(firings("0 9 ? * 2#1 *", utc(2024, 1, 1, 9, 0), 3) ==
          std::vector<Instant>{utc(2024, 2, 5, 9, 0), utc(2024, 3, 4, 9, 0), utc(2024, 4, 1, 9, 0)});
    // A fifth Friday exists only in some months (March 2024 has one; April 2024 does not).
    CHECK(firings("0 0 ? * 6#5 *", utc(2024, 3, 1), 2) ==
          std::vector<Instant>{utc(2024, 3, 29), utc(2024, 5, 31)});
  }

  // aws-anchors.md §4.4: `L` in the day fields.
  TEST_CASE("L in day-of-month is the last day of the month, leap years included") {
    CHECK(firings("0 0 L * ? *", utc(2024, 1, 31), 3) ==
          std::vector<Instant>{utc(2024, 2, 29), utc(2024, 3, 31), utc(2024, 4, 30)});
    CHECK(cron("0 0 L 2 ? *").next_after(utc(2023, 1, 1)) == utc(2023, 2, 28));
    CHECK(cron("0 0 L 2 ? *").next_after(utc(2099, 3, 1)) == utc(2100, 2, 28));  // 2100 is not leap
    CHECK(cron("0 0 L 2 ? *").next_after(utc(1999, 3, 1)) == utc(2000, 2, 29));  // 2000 is
  }

  TEST_CASE("L in day-of-week is Saturday and nL is the last weekday n of the month") {
    CHECK(cron("0 0 ? * L *").next_after(utc(2024, 3, 5)) == utc(2024, 3, 9));
    CHECK(cron("0 0 ? * 5L *").next_after(utc(2024, 3, 1)) == utc(2024, 3, 28));     // last Thursday
    CHECK(cron("0 0 ? * FRIL *").next_after(utc(2024, 3, 29)) == utc(2024, 4, 26));  // last Friday
    CHECK(cron("0 0 ? * 1L *").next_after(utc(2024, 3, 1)) == utc(2024, 3, 31));     // last Sunday
  }

  // aws-anchors.md §4.4: `W`, the weekday nearest a day, never leaving the month.
  TEST_CASE("nW fires on the weekday nearest day n of the month") {
    CHECK(cron("0 0 15W * ? *").next_after(utc(2024, 6, 1)) == utc(2024, 6, 14));  // Sat -> Fri
    CHECK(cron("0 0 15W * ? *").next_after(utc(2024, 9, 1)) == utc(2024, 9, 16));  // Sun -> Mon
    CHECK(cron("0 0 15W * ? *").next_after(utc(2024, 3, 1)) == utc(2024, 3, 15));  // Fri stays
    CHECK(cron("0 0 1W * ? *").next_after(utc(2024, 5, 31)) == utc(2024, 6, 3));   // Sat 1st -> Mon 3rd
    CHECK(cron("0 0 31W * ? *").next_after(utc(2024, 3, 1)) == utc(2024, 3, 29));  // Sun 31st -> Fri 29th
    CHECK(cron("0 0 30W * ? *").next_after(utc(2024, 2, 1)) == utc(2024, 3, 29));  // no 30th in Feb
  }

  TEST_CASE("LW fires on the last weekday of the month") {
    CHECK(firings("0 0 LW * ? *", utc(2024, 2, 1), 2) ==
          std::vector<Instant>{utc(2024, 2, 29), utc(2024, 3, 29)});
    CHECK(cron("0 0 LW * ? *").next_after(utc(2024, 8, 1)) == utc(2024, 8, 30));  // Sat 31st -> Fri
  }

  TEST_CASE("February 29th fires only in leap years") {
    CHECK(firings("0 0 29 2 ? *", utc(2024, 3, 1), 2) ==
          std::vector<Instant>{utc(2028, 2, 29), utc(2032, 2, 29)});
    CHECK(cron("0 0 29 2 ? *").next_after(utc(2096, 3, 1)) == utc(2104, 2, 29));
  }

  // aws-anchors.md §4.4 / AWS docs: year field 1970-2199.
  TEST_CASE("years are limited to 1970-2199 and a schedule can run out") {
    CHECK(cron("0 0 1 1 ? 2199").next_after(utc(2024, 1, 1)) == utc(2199, 1, 1));
    CHECK_FALSE(cron("0 0 1 1 ? 2199").next_after(utc(2199, 1, 1)).has_value());
    CHECK_FALSE(cron("59 23 31 12 ? *").next_after(utc(2199, 12, 31, 23, 59)).has_value());
    CHECK_FALSE(cron("0 0 1 1 ? 2024-2025").next_after(utc(2025, 1, 1)).has_value());
    CHECK(cron("0 0 1 1 ? *").next_after(utc(1950, 6, 1)) == utc(1970, 1, 1));
    CHECK_FALSE(cron("0 0 30 2 ? *").next_after(utc(2024, 1, 1)).has_value());  // February 30th
    CHECK(error_of("0 0 1 1 ? 1969") == "year field '1969': 1969 is outside 1970-2199");
    CHECK(error_of("0 0 1 1 ? 2200") == "year field '2200': 2200 is outside 1970-2199");
  }

  TEST_CASE("lists, ranges, steps and names combine within a field") {
    CHECK(firings("5,35 1-2 ? * SUN,sat *", utc(2024, 3, 8), 5) ==
          std::vector<Instant>{utc(2024, 3, 9, 1, 5), utc(2024, 3, 9, 1, 35), utc(2024, 3, 9, 2, 5),
                               utc(2024, 3, 9, 2, 35), utc(2024, 3, 10, 1, 5)});
    CHECK(cron("0 0 1 JAN,JUL ? *").next_after(utc(2024, 2, 1)) == utc(2024, 7, 1));
    CHECK(cron("0 12-18/3 * * ? *").next_after(utc(2024, 3, 5, 15, 0)) == utc(2024, 3, 5, 18, 0));
    CHECK(cron("0 22-1 * * ? *").next_after(utc(2024, 3, 5, 23, 0)) == utc(2024, 3, 6, 0, 0));  // wraps
  }

  // aws-anchors.md §4.4: six fields; `*` may not be in both day fields (use `?`).
  TEST_CASE("invalid cron expressions are rejected with a message naming the bad field") {
    CHECK(error_of("0 10 * * ?").find("expected 6 fields") != std::string::npos);
    CHECK(error_of("0 10 * * * *").find("exactly one of the two day fields must be '?'") !=
          std::string::npos);
    CHECK(error_of("0 10 ? * ? *").find("exactly one of the two day fields must be '?'") !=
          std::string::npos);
    CHECK(error_of("0 10 1 * MON *").find("exactly one of the two day fields") != std::string::npos);
    CHECK(error_of("60 10 * * ? *") == "minutes field '60': 60 is outside 0-59");
    CHECK(error_of("0 10 32 * ? *") == "day-of-month field '32': 32 is outside 1-31");
    CHECK(error_of("0 10 * 13 ? *") == "month field '13': 13 is outside 1-12");
    CHECK(error_of("0 10 ? * 8 *") == "day-of-week field '8': 8 is outside 1-7");
    CHECK(error_of("0 10 ? * FUNDAY *") == "day-of-week field 'FUNDAY': 'FUNDAY' is not a valid value");
    CHECK(error_of("0 10 ? * 2#6 *") == "day-of-week field '2#6': '#' must be followed by 1-5");
    CHECK(error_of("*/0 10 * * ? *") == "minutes field '*/0': step '0' is not a positive integer");
    CHECK(error_of("? 10 * * ? *") == "minutes field '?': '?' is only allowed in a day field");
    CHECK(error_of("0 1,,2 * * ? *") == "hours field '1,,2': empty list item");
    CHECK(error_of("0 10 0W * ? *") == "day-of-month field '0W': 0 is outside 1-31");
  }
}
