// GitHub workflow annotations of a dispatch: an ::error per failed case and a ::notice, exact bytes.

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "tests/cli/render/dispatch_report_fixture.hpp"

using drydock::emulator::FailureCause;
using drydock::emulator::MessageOutcome;
using drydock::emulator::MessageRecord;
using drydock::test::ReportFixture;
using drydock::test::virtual_time;
using drydock::test::worker_mapping;
using namespace std::chrono_literals;

TEST_SUITE("cli/render") {
  TEST_CASE(
      "github: a dead letter is an ::error on its template's file, escaped, and passes are only counted") {
    ReportFixture f;
    auto mapping = worker_mapping("PythonShip", "python-queue", "python-queue-dlq");
    mapping.messages.put(MessageRecord{.message_id = "33333333-3333-4333-8333-333333333333",
                                       .account = "100000000003",
                                       .region = "us-east-1",
                                       .receive_counts = {1, 2, 3, 4},
                                       .outcome = MessageOutcome::dead_lettered,
                                       .first_attempt = virtual_time(),
                                       .last_attempt = virtual_time(900),
                                       .last_error = "exit status 1: 100% broken, really: yes\r\nsecond line",
                                       .last_output_tail = "Traceback:\n  50% done\n",
                                       .template_name = "Roles: a, b",
                                       .time = 30ms,
                                       .last_cause = FailureCause{.exit_code = 1}});
    mapping.messages.put(MessageRecord{.message_id = "11111111-1111-4111-8111-111111111111",
                                       .account = "100000000002",
                                       .region = "us-east-1",
                                       .receive_counts = {1, 2},
                                       .outcome = MessageOutcome::succeeded,
                                       .last_error = "exit status 1",
                                       .template_name = "Roles: a, b"});
    f.add(std::move(mapping));
    f.tasked.push_back(
        {.worker = "PythonShip", .key = "Python/roles,v2.yaml", .template_name = "Roles: a, b"});
    f.template_file = [](std::string_view key) { return "templates/" + std::string(key); };
    CHECK(
        f.github() ==
        "::error file=templates/Python/roles%2Cv2.yaml,title=PythonShip 100000000003 us-east-1 Roles%3A a%2C "
        "b::dead-lettered in python-queue-dlq after 4 attempts: exit status 1: 100%25 broken, really: "
        "yes%0D%0Aexit code 1%0Amessage 33333333-3333-4333-8333-333333333333: 4 attempts (receive counts 1, "
        "2, "
        "3, 4), virtual time 2026-01-01T00:00:00.000Z to 2026-01-01T00:15:00.000Z%0Aoutput (end):%0A"
        "Traceback:%0A  50%25 done\n"
        "::notice title=drydock fanout::2 test cases: 1 passed, 1 failed, 0 still queued; 6 invocations, 5 "
        "failed attempts, 1 dead-lettered\n");
  }

  TEST_CASE("github: a Starbase failure is an ::error, and each template error one at its line") {
    ReportFixture f;
    f.command = "drydock tick";
    auto starbase = worker_mapping("Starbase", "starbase-fanout-queue", "starbase-fanout-queue-dlq");
    starbase.messages.put(MessageRecord{.message_id = "44444444-4444-4444-8444-444444444444",
                                        .receive_counts = {1, 2, 3, 4},
                                        .outcome = MessageOutcome::dead_lettered,
                                        .first_attempt = virtual_time(),
                                        .last_attempt = virtual_time(900),
                                        .last_error = "ValidationError: {'IncludeAccounts': ...}",
                                        .template_name = "IAM/bad.yaml"});
    f.add(std::move(starbase));
    const drydock::workers::Diagnostic diagnostic{
        .file = "s3://templates/IAM/bad.yaml",
        .mark = {.line = 4, .column = 16},
        .field = {std::string("IncludeAccounts"), std::string("AllAccounts")},
        .message = "Not a valid boolean."};
    // Every attempt failed the same way: the errors are annotated once.
    for (int attempt = 0; attempt < 4; ++attempt) {
      f.starbase.push_back(
          {.failure = "ValidationError: {'IncludeAccounts': ...}", .diagnostics = {diagnostic}});
    }
    f.timed_events.push_back({.event = R"({"name": "HOURLY"})",
                              .at = virtual_time(),
                              .failure = "KeyError: 'EventBridgeTimedFrequency'"});
    SUBCASE("the template's file is known") {
      f.template_file = [](std::string_view key) { return "templates/" + std::string(key); };
      CHECK(f.github() ==
            "::error title=Starbase timed event {\"name\"%3A \"HOURLY\"} at "
            "2026-01-01T00%3A00%3A00.000Z::KeyError: 'EventBridgeTimedFrequency'\n"
            "::error file=templates/IAM/bad.yaml,title=Starbase IAM/bad.yaml::dead-lettered in "
            "starbase-fanout-queue-dlq after 4 attempts: ValidationError: {'IncludeAccounts': ...}%0Amessage "
            "44444444-4444-4444-8444-444444444444: 4 attempts (receive counts 1, 2, 3, 4), virtual time "
            "2026-01-01T00:00:00.000Z to 2026-01-01T00:15:00.000Z\n"
            "::error file=templates/IAM/bad.yaml,line=4,col=16,title=Starbase "
            "IncludeAccounts.AllAccounts::Not a valid boolean.\n"
            "::notice title=drydock tick::2 test cases: 0 passed, 2 failed, 0 still queued; 4 invocations, 4 "
            "failed attempts, 1 dead-lettered\n");
    }
    SUBCASE("it is not: the errors carry their position in the message") {
      const std::string github = f.github();
      CHECK(github.find("::error title=Starbase IAM/bad.yaml::dead-lettered") != std::string::npos);
      CHECK(
          github.find("::error title=Starbase IncludeAccounts.AllAccounts::s3://templates/IAM/bad.yaml:4:16: "
                      "error: IncludeAccounts.AllAccounts: Not a valid boolean.\n") != std::string::npos);
    }
  }

  TEST_CASE("github: at most 50 failed cases per function are annotated unless -v") {
    ReportFixture f;
    auto mapping = worker_mapping("FlakyShip", "flaky-queue", "flaky-queue-dlq");
    for (int k = 0; k < 60; ++k) {
      mapping.messages.put(MessageRecord{.message_id = fmt::format("m{:02}", k),
                                         .account = fmt::format("{:012}", k),
                                         .receive_counts = {1},
                                         .outcome = MessageOutcome::dead_lettered,
                                         .last_error = "boom"});
    }
    f.add(std::move(mapping));
    const auto errors = [](const std::string& text) {
      std::size_t count = 0;
      for (auto at = text.find("::error "); at != std::string::npos; at = text.find("::error ", at + 1)) {
        ++count;
      }
      return count;
    };
    const std::string github = f.github();
    CHECK(errors(github) == 50);
    CHECK(github.find("::warning title=FlakyShip::10 more failed messages not annotated (-v annotates every "
                      "one; the junit and json reports list every message)\n") != std::string::npos);
    f.verbose = true;
    CHECK(errors(f.github()) == 60);
  }
}
