// The JUnit report of a dispatch: one suite per function, one case per message, exact bytes.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <ostream>
#include <streambuf>

#include "tests/cli/render/dispatch_report_fixture.hpp"

using drydock::emulator::FailureCause;
using drydock::emulator::MessageOutcome;
using drydock::emulator::MessageRecord;
using drydock::test::ReportFixture;
using drydock::test::virtual_time;
using drydock::test::worker_mapping;
using namespace std::chrono_literals;
using namespace std::string_view_literals;

namespace {

// A stream buffer that keeps no bytes: it counts them and remembers the largest single write.
class CountingBuffer final : public std::streambuf {
 public:
  std::size_t total = 0;
  std::size_t largest_write = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize count) override {
    total += static_cast<std::size_t>(count);
    largest_write = std::max(largest_write, static_cast<std::size_t>(count));
    return count;
  }
  int_type overflow(int_type ch) override {
    total += 1;
    return traits_type::not_eof(ch);
  }
};

}  // namespace

TEST_SUITE("cli/render") {
  TEST_CASE("junit: a message that passed is a bare case, and one that passed after retries says so") {
    ReportFixture f;
    auto mapping = worker_mapping("ConfigShip", "config-queue", "config-queue-dlq");
    mapping.messages.put(MessageRecord{.message_id = "11111111-1111-4111-8111-111111111111",
                                       .account = "100000000002",
                                       .region = "us-east-1",
                                       .receive_counts = {1},
                                       .outcome = MessageOutcome::succeeded,
                                       .first_attempt = virtual_time(),
                                       .last_attempt = virtual_time(),
                                       .template_name = "AllRegions",
                                       .time = 12ms});
    mapping.messages.put(MessageRecord{.message_id = "22222222-2222-4222-8222-222222222222",
                                       .account = "100000000002",
                                       .region = "eu-west-1",
                                       .receive_counts = {1, 2, 3},
                                       .outcome = MessageOutcome::succeeded,
                                       .first_attempt = virtual_time(),
                                       .last_attempt = virtual_time(600),
                                       .last_error = "exit status 1\nTraceback (most recent call last):",
                                       .last_output_tail = "throttled\n",
                                       .template_name = "AllRegions",
                                       .time = 1234ms,
                                       .last_cause = FailureCause{.exit_code = 1}});
    f.add(std::move(mapping));
    f.tasked.push_back({.worker = "ConfigShip", .key = "Config/all.yaml", .template_name = "AllRegions"});
    f.template_file = [](std::string_view key) { return "templates/" + std::string(key); };
    CHECK(f.junit() == R"xml(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="drydock fanout" tests="2" failures="0" errors="0" skipped="0" time="1.246">
  <testsuite name="ConfigShip" tests="2" failures="0" errors="0" skipped="0" time="1.246">
    <properties>
      <property name="queue" value="config-queue"/>
      <property name="dlq" value="config-queue-dlq"/>
      <property name="invocations" value="4"/>
      <property name="failed_attempts" value="2"/>
      <property name="dead_lettered" value="0"/>
    </properties>
    <testcase classname="ConfigShip" name="100000000002 eu-west-1 AllRegions" time="1.234">
      <system-out>succeeded after 3 attempts (2 retries); last failed attempt: exit status 1
exit code 1
message 22222222-2222-4222-8222-222222222222: 3 attempts (receive counts 1, 2, 3), virtual time 2026-01-01T00:00:00.000Z to 2026-01-01T00:10:00.000Z
template: Config/all.yaml (templates/Config/all.yaml)
output of the last failed attempt:
throttled
</system-out>
    </testcase>
    <testcase classname="ConfigShip" name="100000000002 us-east-1 AllRegions" time="0.012"/>
  </testsuite>
</testsuites>
)xml");
  }

  TEST_CASE("junit: a dead-lettered message is a failure with its error, cause, DLQ and escaped output") {
    ReportFixture f;
    auto mapping = worker_mapping("PythonShip", "python-queue", "python-queue-dlq");
    mapping.messages.put(MessageRecord{
        .message_id = "33333333-3333-4333-8333-333333333333",
        .account = "100000000003",
        .receive_counts = {1, 2, 3, 4},
        .outcome = MessageOutcome::dead_lettered,
        .first_attempt = virtual_time(),
        .last_attempt = virtual_time(900),
        .last_error = "exit status 1: ValueError: <bad> & \"worse\"",
        .last_output_tail = std::string("ANSI \x1b[31mred\x1b[0m, NUL \0, bell \a, CR\r\n"sv) +
                            "]]> <![CDATA[ x ]]> not UTF-8: \xff\xfe, U+FFFF: \xef\xbf\xbf, ok: \xc3\xa9\n",
        .template_name = "EveryAccount",
        .time = 30'000ms,
        .last_cause = FailureCause{.exit_code = 1}});
    mapping.messages.put(MessageRecord{.message_id = "33333333-3333-4333-8333-333333333334",
                                       .account = "100000000004",
                                       .receive_counts = {1, 2, 3, 4},
                                       .outcome = MessageOutcome::dead_lettered,
                                       .first_attempt = virtual_time(),
                                       .last_attempt = virtual_time(900),
                                       .last_error = "Task timed out after 30.00 seconds",
                                       .template_name = "EveryAccount",
                                       .time = 120'000ms,
                                       .last_cause = FailureCause{.signal = 9, .timed_out = true}});
    f.add(std::move(mapping));
    CHECK(f.junit() == R"xml(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="drydock fanout" tests="2" failures="2" errors="0" skipped="0" time="150.000">
  <testsuite name="PythonShip" tests="2" failures="2" errors="0" skipped="0" time="150.000">
    <properties>
      <property name="queue" value="python-queue"/>
      <property name="dlq" value="python-queue-dlq"/>
      <property name="invocations" value="8"/>
      <property name="failed_attempts" value="8"/>
      <property name="dead_lettered" value="2"/>
    </properties>
    <testcase classname="PythonShip" name="100000000003 EveryAccount" time="30.000">
      <failure message="dead-lettered in python-queue-dlq after 4 attempts: exit status 1: ValueError: &lt;bad&gt; &amp; &quot;worse&quot;" type="dead_lettered">exit status 1: ValueError: &lt;bad&gt; &amp; &quot;worse&quot;
exit code 1
message 33333333-3333-4333-8333-333333333333: 4 attempts (receive counts 1, 2, 3, 4), virtual time 2026-01-01T00:00:00.000Z to 2026-01-01T00:15:00.000Z
in the DLQ python-queue-dlq (drydock dlq show 33333333-3333-4333-8333-333333333333)
output of the last attempt:
ANSI �[31mred�[0m, NUL �, bell �, CR&#13;
]]&gt; &lt;![CDATA[ x ]]&gt; not UTF-8: ��, U+FFFF: �, ok: é
</failure>
    </testcase>
    <testcase classname="PythonShip" name="100000000004 EveryAccount" time="120.000">
      <failure message="dead-lettered in python-queue-dlq after 4 attempts: Task timed out after 30.00 seconds" type="dead_lettered">Task timed out after 30.00 seconds
killed by signal 9
timed out
message 33333333-3333-4333-8333-333333333334: 4 attempts (receive counts 1, 2, 3, 4), virtual time 2026-01-01T00:00:00.000Z to 2026-01-01T00:15:00.000Z
in the DLQ python-queue-dlq (drydock dlq show 33333333-3333-4333-8333-333333333334)
</failure>
    </testcase>
  </testsuite>
</testsuites>
)xml");
  }

  TEST_CASE(
      "junit: single-invocation messages are named by template, and a name two messages share gets the id") {
    ReportFixture f;
    auto mapping = worker_mapping("IndexShip", "index-queue", std::nullopt);
    for (const char* id : {"b0000000-0000-4000-8000-000000000002", "a0000000-0000-4000-8000-000000000001"}) {
      mapping.messages.put(MessageRecord{.message_id = id,
                                         .receive_counts = {1},
                                         .outcome = MessageOutcome::succeeded,
                                         .template_name = "SaveInventory"});
    }
    mapping.messages.put(MessageRecord{.message_id = "c0000000-0000-4000-8000-000000000003",
                                       .receive_counts = {1},
                                       .outcome = MessageOutcome::succeeded,
                                       .template_name = "Other"});
    mapping.messages.put(MessageRecord{.message_id = "not-a-uuid", .outcome = MessageOutcome::succeeded});
    f.add(std::move(mapping));
    CHECK(f.junit() == R"xml(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="drydock fanout" tests="4" failures="0" errors="0" skipped="0" time="0.000">
  <testsuite name="IndexShip" tests="4" failures="0" errors="0" skipped="0" time="0.000">
    <properties>
      <property name="queue" value="index-queue"/>
      <property name="invocations" value="3"/>
      <property name="failed_attempts" value="0"/>
      <property name="dead_lettered" value="0"/>
    </properties>
    <testcase classname="IndexShip" name="message not-a-uuid" time="0.000"/>
    <testcase classname="IndexShip" name="Other" time="0.000"/>
    <testcase classname="IndexShip" name="SaveInventory (a0000000-0000-4000-8000-000000000001)" time="0.000"/>
    <testcase classname="IndexShip" name="SaveInventory (b0000000-0000-4000-8000-000000000002)" time="0.000"/>
  </testsuite>
</testsuites>
)xml");
  }

  TEST_CASE(
      "junit: a Starbase failure is a failed case with the template's errors, and so is a failed timed "
      "event") {
    ReportFixture f;
    f.command = "drydock tick";
    auto starbase = worker_mapping("Starbase", "starbase-fanout-queue", "starbase-fanout-queue-dlq");
    starbase.messages.put(MessageRecord{
        .message_id = "44444444-4444-4444-8444-444444444444",
        .receive_counts = {1, 2, 3, 4},
        .outcome = MessageOutcome::dead_lettered,
        .first_attempt = virtual_time(),
        .last_attempt = virtual_time(900),
        .last_error = "ValidationError: {'IncludeAccounts': {'AllAccounts': ['Not a valid boolean.']}}",
        .template_name = "IAM/bad.yaml",
        .time = 4ms});
    f.add(std::move(starbase));
    f.starbase.push_back(drydock::emulator::StarbaseOutcome{
        .logs = {{.level = drydock::emulator::LogLevel::error,
                  .message = "[❌] Errors in the payload template"}},
        .failure = "ValidationError: {'IncludeAccounts': {'AllAccounts': ['Not a valid boolean.']}}",
        .diagnostics = {{.file = "s3://templates/IAM/bad.yaml",
                         .mark = {.line = 4, .column = 16},
                         .field = {std::string("IncludeAccounts"), std::string("AllAccounts")},
                         .message = "Not a valid boolean."}}});
    f.timed_events.push_back({.event = R"({"name": "HOURLY"})",
                              .at = virtual_time(),
                              .failure = "KeyError: 'EventBridgeTimedFrequency'"});
    f.template_file = [](std::string_view key) { return "templates/" + std::string(key); };
    CHECK(f.junit() == R"xml(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="drydock tick" tests="2" failures="2" errors="0" skipped="0" time="0.004">
  <testsuite name="Starbase" tests="2" failures="2" errors="0" skipped="0" time="0.004">
    <properties>
      <property name="queue" value="starbase-fanout-queue"/>
      <property name="dlq" value="starbase-fanout-queue-dlq"/>
      <property name="invocations" value="4"/>
      <property name="failed_attempts" value="4"/>
      <property name="dead_lettered" value="1"/>
    </properties>
    <testcase classname="Starbase" name="timed event {&quot;name&quot;: &quot;HOURLY&quot;} at 2026-01-01T00:00:00.000Z" time="0.000">
      <failure message="KeyError: &apos;EventBridgeTimedFrequency&apos;" type="timed_event">KeyError: &apos;EventBridgeTimedFrequency&apos;
</failure>
    </testcase>
    <testcase classname="Starbase" name="IAM/bad.yaml" time="0.004">
      <failure message="dead-lettered in starbase-fanout-queue-dlq after 4 attempts: ValidationError: {&apos;IncludeAccounts&apos;: {&apos;AllAccounts&apos;: [&apos;Not a valid boolean.&apos;]}}" type="dead_lettered">ValidationError: {&apos;IncludeAccounts&apos;: {&apos;AllAccounts&apos;: [&apos;Not a valid boolean.&apos;]}}
message 44444444-4444-4444-8444-444444444444: 4 attempts (receive counts 1, 2, 3, 4), virtual time 2026-01-01T00:00:00.000Z to 2026-01-01T00:15:00.000Z
in the DLQ starbase-fanout-queue-dlq (drydock dlq show 44444444-4444-4444-8444-444444444444)
template: IAM/bad.yaml (templates/IAM/bad.yaml)
s3://templates/IAM/bad.yaml:4:16: error: IncludeAccounts.AllAccounts: Not a valid boolean.
</failure>
    </testcase>
    <system-out>[❌] Errors in the payload template
</system-out>
  </testsuite>
</testsuites>
)xml");
  }

  TEST_CASE("junit: a message still queued when a limit stopped the run is skipped") {
    ReportFixture f;
    auto mapping = worker_mapping("FlakyShip", "flaky-queue", "flaky-queue-dlq");
    mapping.messages.put(MessageRecord{.message_id = "55555555-5555-4555-8555-555555555555",
                                       .account = "100000000005",
                                       .receive_counts = {1},
                                       .outcome = MessageOutcome::pending,
                                       .first_attempt = virtual_time(),
                                       .last_attempt = virtual_time(),
                                       .last_error = "builtin ship 'flaky': 1 of 1 messages match",
                                       .template_name = "EveryAccount"});
    f.add(std::move(mapping));
    f.report.limit_hit = drydock::emulator::DispatchLimit::max_invocations;
    f.unserved.push_back("LazyShip");
    CHECK(f.junit() == R"xml(<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="drydock fanout" tests="1" failures="0" errors="0" skipped="1" time="0.000">
  <testsuite name="FlakyShip" tests="1" failures="0" errors="0" skipped="1" time="0.000">
    <properties>
      <property name="queue" value="flaky-queue"/>
      <property name="dlq" value="flaky-queue-dlq"/>
      <property name="invocations" value="1"/>
      <property name="failed_attempts" value="1"/>
      <property name="dead_lettered" value="0"/>
    </properties>
    <testcase classname="FlakyShip" name="100000000005 EveryAccount" time="0.000">
      <skipped message="still queued when the run stopped, after 1 attempt; last error: builtin ship &apos;flaky&apos;: 1 of 1 messages match"/>
      <system-out>still queued when the run stopped, after 1 attempt; last error: builtin ship &apos;flaky&apos;: 1 of 1 messages match
message 55555555-5555-4555-8555-555555555555: 1 attempt (receive count 1), virtual time 2026-01-01T00:00:00.000Z
</system-out>
    </testcase>
  </testsuite>
  <testsuite name="LazyShip" tests="0" failures="0" errors="0" skipped="0" time="0.000">
    <system-out>no transport in drydock.yaml (builtin, command or http): its messages stay queued
</system-out>
  </testsuite>
</testsuites>
)xml");
  }

  TEST_CASE("junit: a report of 20,000 messages is streamed case by case, never held whole") {
    ReportFixture f;
    auto mapping = worker_mapping("BigShip", "big-queue", "big-queue-dlq");
    for (int k = 0; k < 20'000; ++k) {
      const auto id = fmt::format("{:08x}-0000-4000-8000-000000000000", k);
      const std::string account = fmt::format("{:012}", k / 20);
      const std::string region = fmt::format("region-{}", k % 20);
      mapping.messages.touch(
          id,
          fmt::format(
              R"({{"StarbaseAssignedAccount": "{}", "StarbaseAssignedRegion": "{}", "TemplateName": "T"}})",
              account, region));
    }
    for (drydock::emulator::MessageLog::Index index = 0; index < mapping.messages.size(); ++index) {
      mapping.messages.add_attempt(index, 1, virtual_time());
      mapping.messages.set_outcome(
          index, index % 1000 == 0 ? MessageOutcome::dead_lettered : MessageOutcome::succeeded);
      if (index % 1000 == 0) {
        mapping.messages.set_failure(index, "boom", "output\n");
      }
    }
    f.add(std::move(mapping));
    CountingBuffer buffer;
    std::ostream out(&buffer);
    drydock::cli::render_dispatch_junit(f.view(), out);
    CHECK(buffer.total > 20'000 * 75);    // every case is there: ~80 bytes each
    CHECK(buffer.largest_write < 4'096);  // and went out one at a time
    const std::string head = f.junit().substr(0, 200);
    CHECK(head.find(
              R"(<testsuites name="drydock fanout" tests="20000" failures="20" errors="0" skipped="0")") !=
          std::string::npos);
  }
}
