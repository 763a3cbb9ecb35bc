// rate(...) parsing and rate firings (aws-anchors.md §4.4;
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).

#include "emulator/eventbridge/schedule_expression.hpp"

#include <doctest/doctest.h>

#include <string>

#include "tests/emulator/common/time_helpers.hpp"

using drydock::emulator::ScheduleExpression;
using drydock::test::utc;
using namespace std::chrono_literals;

namespace {

std::string error_of(std::string_view text) {
  const auto parsed = ScheduleExpression::parse(text);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

}  // namespace

TEST_SUITE("emulator/eventbridge") {
  // aws-anchors.md §4.4: `rate(value unit)`.
  TEST_CASE("rate expressions parse to their period in minutes, hours or days") {
    const std::pair<std::string_view, std::chrono::minutes> cases[] = {
        {"rate(1 minute)", 1min},     {"rate(5 minutes)", 5min}, {"rate(1 hour)", 60min},
        {"rate(12 hours)", 12h},      {"rate(1 day)", 24h},      {"rate(7 days)", 7 * 24h},
        {" rate(30 minutes) ", 30min}};
    for (const auto& [text, period] : cases) {
      CAPTURE(text);
      const auto parsed = ScheduleExpression::parse(text);
      REQUIRE(parsed.has_value());
      CHECK(parsed->kind() == ScheduleExpression::Kind::rate);
      CHECK(parsed->rate_period() == period);
    }
  }

  // aws-anchors.md §4.4: "unit singular iff value is 1".
  TEST_CASE("a rate uses the singular unit exactly when its value is 1") {
    CHECK(error_of("rate(1 minutes)").find("singular unit 'minute'") != std::string::npos);
    CHECK(error_of("rate(1 hours)").find("singular unit 'hour'") != std::string::npos);
    CHECK(error_of("rate(1 days)").find("singular unit 'day'") != std::string::npos);
    CHECK(error_of("rate(5 minute)").find("plural unit 'minutes'") != std::string::npos);
    CHECK(error_of("rate(2 hour)").find("plural unit 'hours'") != std::string::npos);
    CHECK(error_of("rate(3 day)").find("plural unit 'days'") != std::string::npos);
  }

  // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html: value is a
  // positive number, unit one of minute(s), hour(s), day(s).
  TEST_CASE("malformed rate expressions are rejected with a message naming the problem") {
    CHECK(error_of("rate(0 minutes)") ==
          "invalid schedule expression 'rate(0 minutes)': rate value must be at least 1, got 0");
    CHECK(error_of("rate(-5 minutes)").find("must be at least 1, got -5") != std::string::npos);
    CHECK(error_of("rate(1.5 hours)").find("'1.5' is not a whole number") != std::string::npos);
    CHECK(error_of("rate(5 weeks)").find("unknown rate unit 'weeks'") != std::string::npos);
    CHECK(error_of("rate(5)").find("expected 'rate(value unit)'") != std::string::npos);
    CHECK(error_of("rate(99999999999999999999 minutes)").find("too large") != std::string::npos);
    CHECK(error_of("rate(999999999 days)").find("100 years") != std::string::npos);
    CHECK(error_of("every 5 minutes").find("expected 'rate(value unit)' or 'cron(") != std::string::npos);
    CHECK(error_of("rate(5 minutes").find("expected 'rate(value unit)' or 'cron(") != std::string::npos);
  }

  TEST_CASE("a rate fires one period after its anchor and every period after that") {
    const auto rate = ScheduleExpression::parse("rate(5 minutes)");
    REQUIRE(rate.has_value());
    const auto anchor = utc(2024, 3, 5, 0, 3, 20);
    CHECK(rate->next_after(anchor, anchor) == anchor + 5min);
    CHECK(rate->next_after(anchor - 1h, anchor) == anchor + 5min);
    CHECK(rate->next_after(anchor + 5min - 1ms, anchor) == anchor + 5min);
    CHECK(rate->next_after(anchor + 5min, anchor) == anchor + 10min);
    CHECK(rate->next_after(anchor + 1h + 1ms, anchor) == anchor + 65min);
  }

  TEST_CASE("cron expressions are recognised and errors are prefixed with the whole expression") {
    const auto cron = ScheduleExpression::parse("cron(0 10 * * ? *)");
    REQUIRE(cron.has_value());
    CHECK(cron->kind() == ScheduleExpression::Kind::cron);
    CHECK(cron->next_after(utc(2024, 3, 5, 12, 0), utc(2000, 1, 1)) == utc(2024, 3, 6, 10, 0));
    CHECK(error_of("cron(0 24 * * ? *)") ==
          "invalid schedule expression 'cron(0 24 * * ? *)': hours field '24': 24 is outside 0-23");
  }
}
