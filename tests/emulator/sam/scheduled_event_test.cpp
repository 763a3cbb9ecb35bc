// The payload a scheduled rule delivers (emulator/eventbridge/scheduled_event.hpp): AWS's "Scheduled
// Event" envelope, or the rule's constant Input in its place (aws-anchors.md §4.4). Kept with the SAM
// tests because the rules come from the SAM template.
#include "emulator/eventbridge/scheduled_event.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/emulator/common/time_helpers.hpp"

using drydock::emulator::default_starfleet_rules;
using drydock::emulator::delivered_payload;
using drydock::emulator::rule_arn;
using drydock::emulator::scheduled_event_envelope;
using drydock::emulator::ScheduledEvent;
using drydock::emulator::ScheduleRule;
using drydock::test::utc;
using namespace std::chrono_literals;

namespace {

// The example of https://docs.aws.amazon.com/eventbridge/latest/userguide/event-reference.html.
ScheduledEvent aws_example() {
  return {"89d1a02d-5ec7-412e-82f5-13505f849b41", "123456789012", "us-east-1", utc(2016, 12, 30, 18, 44, 49),
          rule_arn("us-east-1", "123456789012", "SampleRule")};
}

constexpr const char* k_aws_example_envelope =
    R"({"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41","detail-type":"Scheduled Event",)"
    R"("source":"aws.events","account":"123456789012","time":"2016-12-30T18:44:49Z","region":"us-east-1",)"
    R"("resources":["arn:aws:events:us-east-1:123456789012:rule/SampleRule"],"detail":{}})";

}  // namespace

TEST_SUITE("emulator/sam") {
  TEST_CASE("scheduled event: the envelope is AWS's, byte for byte") {
    CHECK(rule_arn("us-east-1", "123456789012", "SampleRule") ==
          "arn:aws:events:us-east-1:123456789012:rule/SampleRule");
    CHECK(scheduled_event_envelope(aws_example()) == k_aws_example_envelope);
  }

  TEST_CASE("scheduled event: time is written to the second, dropping milliseconds") {
    ScheduledEvent event = aws_example();
    event.time += 999ms;
    CHECK(scheduled_event_envelope(event) == k_aws_example_envelope);
    event.time = utc(2024, 2, 29, 0, 0, 0) + 1ms;
    const auto parsed = nlohmann::json::parse(scheduled_event_envelope(event));
    CHECK(parsed.at("time").get<std::string>() == "2024-02-29T00:00:00Z");
  }

  TEST_CASE("scheduled event: strings are JSON-escaped and bad UTF-8 does not throw") {
    ScheduledEvent event = aws_example();
    event.region = "us-\"east\"-1";
    event.id = "\xff";
    const auto text = scheduled_event_envelope(event);
    const auto parsed = nlohmann::json::parse(text);
    CHECK(parsed.at("region").get<std::string>() == "us-\"east\"-1");
    CHECK(parsed.at("id").get<std::string>() == "\xEF\xBF\xBD");
  }

  TEST_CASE("scheduled event: a rule's constant Input replaces the envelope") {
    const ScheduledEvent event = aws_example();
    for (const ScheduleRule& rule : default_starfleet_rules()) {
      CAPTURE(rule.name);
      CHECK(delivered_payload(rule, event) == rule.input);
    }
    CHECK(delivered_payload({"StarfleetHourly", "rate(1 hour)", R"({"name": "HOURLY"})", true}, event) ==
          R"({"name": "HOURLY"})");
  }

  TEST_CASE("scheduled event: a rule without Input delivers the envelope") {
    const ScheduleRule rule{"SampleRule", "rate(5 minutes)", "", true};
    CHECK(delivered_payload(rule, aws_example()) == k_aws_example_envelope);
  }
}
