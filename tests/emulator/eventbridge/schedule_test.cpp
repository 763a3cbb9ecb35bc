// Scheduled rules on a VirtualClock: Starfleet's seven timed rules (starfleet-behavior.md §6.1,
// test_sam_template.yaml) and the Scheduler's firings (aws-anchors.md §4.4).

#include "emulator/eventbridge/schedule.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "tests/emulator/common/time_helpers.hpp"

using drydock::emulator::default_starfleet_rules;
using drydock::emulator::Firing;
using drydock::emulator::Scheduler;
using drydock::emulator::ScheduleRule;
using drydock::emulator::VirtualClock;
using drydock::test::utc;
using namespace std::chrono_literals;

namespace {

// The seven Starfleet rules, all enabled, added at `created`.
Scheduler all_starfleet_rules(drydock::emulator::Instant created) {
  Scheduler scheduler;
  for (ScheduleRule rule : default_starfleet_rules()) {
    rule.enabled = true;
    REQUIRE(scheduler.add(rule, created).has_value());
  }
  return scheduler;
}

std::map<std::string, int> count_by_rule(const std::vector<Firing>& firings) {
  std::map<std::string, int> counts;
  for (const Firing& firing : firings) {
    ++counts[firing.rule];
  }
  return counts;
}

const std::map<std::string, int> k_daily_counts = {{"StarfleetFiveMin", 288},  {"StarfleetFifteenMin", 96},
                                                   {"StarfleetThirtyMin", 48}, {"StarfleetHourly", 24},
                                                   {"StarfleetSixHourly", 4},  {"StarfleetTwelveHourly", 2},
                                                   {"StarfleetDaily", 1}};

}  // namespace

TEST_SUITE("emulator/eventbridge") {
  // starfleet-behavior.md §6.1: the seven rules of upstream's SAM template.
  TEST_CASE("the default Starfleet rules are the seven schedules of the SAM template") {
    const auto rules = default_starfleet_rules();
    REQUIRE(rules.size() == 7);
    CHECK(rules[0].name == "StarfleetFiveMin");
    CHECK(rules[0].expression == "rate(5 minutes)");
    CHECK(rules[0].input == R"({"name": "FIVE_MIN"})");
    CHECK_FALSE(rules[0].enabled);
    CHECK(rules[3].name == "StarfleetHourly");
    CHECK(rules[3].expression == "rate(1 hour)");
    CHECK(rules[3].input == R"({"name": "HOURLY"})");
    CHECK(rules[3].enabled);
    CHECK(rules[6].expression == "rate(1 day)");
    CHECK(rules[6].input == R"({"name": "DAILY"})");
    int enabled = 0;
    for (const auto& rule : rules) {
      enabled += rule.enabled ? 1 : 0;
    }
    CHECK(enabled == 4);  // FIVE_MIN, FIFTEEN_MIN and THIRTY_MIN are `Enabled: False` upstream
  }

  TEST_CASE("24 simulated hours of the seven rules give each rule its count in time order") {
    const auto start = utc(2024, 3, 5, 0, 0);
    const Scheduler scheduler = all_starfleet_rules(start);
    VirtualClock clock(start);
    const std::vector<Firing> firings = scheduler.advance(clock, 24h);
    CHECK(count_by_rule(firings) == k_daily_counts);
    CHECK(firings.size() == 463);
    for (std::size_t i = 1; i < firings.size(); ++i) {
      REQUIRE(firings[i - 1].time <= firings[i].time);
    }
    CHECK(firings.front().time == start + 5min);
    CHECK(firings.front().input == R"({"name": "FIVE_MIN"})");
    CHECK(clock.now() == start + 24h);
    // At the end of the day all seven fire together, in rule order.
    REQUIRE(firings.size() >= 7);
    const auto rules = default_starfleet_rules();
    for (std::size_t i = 0; i < 7; ++i) {
      CHECK(firings[firings.size() - 7 + i].time == start + 24h);
      CHECK(firings[firings.size() - 7 + i].rule == rules[i].name);
      CHECK(firings[firings.size() - 7 + i].input == rules[i].input);
    }
  }

  TEST_CASE("advancing in small steps gives the same firings as one big step") {
    const auto start = utc(2024, 3, 5, 0, 0);
    const Scheduler scheduler = all_starfleet_rules(start);
    VirtualClock clock(start);
    std::vector<Firing> firings;
    for (int i = 0; i < 24 * 7; ++i) {
      const auto step = scheduler.advance(clock, 60min / 7);
      firings.insert(firings.end(), step.begin(), step.end());
    }
    const auto rest = scheduler.advance(clock, start + 24h - clock.now());
    firings.insert(firings.end(), rest.begin(), rest.end());
    CHECK(count_by_rule(firings) == k_daily_counts);
  }

  // aws-anchors.md §4.4 (rate expressions): a rate schedule counts from when the rule is created.
  TEST_CASE("a rate rule is anchored at the time it was added") {
    Scheduler scheduler;
    const auto created = utc(2024, 3, 5, 0, 3, 20);
    REQUIRE(scheduler.add({"R", "rate(5 minutes)", "{}", true}, created).has_value());
    VirtualClock clock(created);
    const auto firings = scheduler.advance(clock, 11min);
    REQUIRE(firings.size() == 2);
    CHECK(firings[0].time == utc(2024, 3, 5, 0, 8, 20));
    CHECK(firings[1].time == utc(2024, 3, 5, 0, 13, 20));
    CHECK(scheduler.next_firing("R", clock.now()) == utc(2024, 3, 5, 0, 18, 20));
  }

  TEST_CASE("a cron rule fires at its calendar times whenever it was added") {
    Scheduler scheduler;
    REQUIRE(scheduler.add({"Nightly", "cron(0 2 * * ? *)", R"({"name": "X"})", true}, utc(2024, 3, 5, 1, 7))
                .has_value());
    VirtualClock clock(utc(2024, 3, 5, 1, 7));
    const auto firings = scheduler.advance(clock, 48h);
    REQUIRE(firings.size() == 2);
    CHECK(firings[0].time == utc(2024, 3, 5, 2, 0));
    CHECK(firings[1].time == utc(2024, 3, 6, 2, 0));
    CHECK(firings[1].input == R"({"name": "X"})");
  }

  TEST_CASE("a disabled rule does not fire until it is enabled") {
    const auto start = utc(2024, 3, 5);
    Scheduler scheduler;
    REQUIRE(scheduler.add({"R", "rate(1 hour)", "{}", false}, start).has_value());
    VirtualClock clock(start);
    CHECK(scheduler.advance(clock, 3h).empty());
    CHECK_FALSE(scheduler.next_firing("R", clock.now()).has_value());
    CHECK(scheduler.set_enabled("R", true));
    CHECK_FALSE(scheduler.set_enabled("Nope", true));
    CHECK(scheduler.advance(clock, 3h).size() == 3);
  }

  TEST_CASE("adding a rule with a bad expression or a taken name fails and changes nothing") {
    Scheduler scheduler;
    const auto at = utc(2024, 3, 5);
    const auto bad = scheduler.add({"Bad", "rate(1 hours)", "{}", true}, at);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error() ==
          "rule 'Bad': invalid schedule expression 'rate(1 hours)': use the singular unit 'hour' when the "
          "value is 1");
    REQUIRE(scheduler.add({"R", "rate(1 hour)", "{}", true}, at).has_value());
    const auto taken = scheduler.add({"R", "rate(2 hours)", "{}", true}, at);
    REQUIRE_FALSE(taken.has_value());
    CHECK(taken.error() == "rule 'R' already exists");
    CHECK(scheduler.size() == 1);
  }

  TEST_CASE("a negative window yields no firings and leaves the clock alone") {
    const auto start = utc(2024, 3, 5);
    const Scheduler scheduler = all_starfleet_rules(start);
    VirtualClock clock(start + 1h);
    CHECK(scheduler.advance(clock, -30min).empty());
    CHECK(clock.now() == start + 1h);
  }

  // For the lead to time (bench/ is not involved): one simulated day of all seven rules, counts only.
  TEST_CASE("scheduler timing probe: a simulated day of the seven Starfleet rules") {
    const auto start = utc(2024, 3, 5);
    const Scheduler scheduler = all_starfleet_rules(start);
    VirtualClock clock(start);
    CHECK(count_by_rule(scheduler.advance(clock, 24h)) == k_daily_counts);
  }
}
