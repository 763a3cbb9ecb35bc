// The event-source-mapping dispatcher on a virtual clock: successes are deleted, failures come back after
// the visibility timeout with a higher receive count until the queue's RedrivePolicy moves them to the
// DLQ (aws-anchors.md §4.1, §4.5), and four 300-second retries take no wall time.

#include "emulator/lambda/dispatcher.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/lambda/dispatcher_fixture.hpp"

using drydock::emulator::Dispatcher;
using drydock::emulator::DispatchTotals;
using drydock::emulator::MessageOutcome;
using drydock::test::DispatcherFixture;
using drydock::test::FakeTransport;
using drydock::test::RecordedCall;
using namespace std::chrono_literals;

TEST_SUITE("emulator/lambda") {
  TEST_CASE("batches that succeed are deleted and reported as succeeded, with no time passing") {
    DispatcherFixture f;
    f.create_with_dlq("q");
    const auto start = f.clock.now();
    const std::string a = f.send("q", "a");
    const std::string b = f.send("q", "b");
    const std::string c = f.send("q", "c");
    FakeTransport worker([](const RecordedCall&) { return drydock::test::succeeded(); });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 2})));

    const auto report = f.run(dispatcher);

    CHECK(worker.batch_sizes() == std::vector<std::size_t>{2, 1});
    CHECK(f.ids_in("q").empty());
    CHECK(f.ids_in("q-dlq").empty());
    CHECK(report.totals == DispatchTotals{.invocations = 2, .succeeded = 3});
    CHECK_FALSE(report.limit_hit);
    for (const std::string& id : {a, b, c}) {
      const auto& record = f.record(report, "q", id);
      CHECK(record.outcome == MessageOutcome::succeeded);
      CHECK(record.receive_counts == std::vector<int>{1});
      CHECK(record.first_attempt == start);
      CHECK(record.last_error.empty());
    }
    CHECK(f.clock.now() == start);
  }

  TEST_CASE("a worker that always fails gets maxReceiveCount attempts, then the message is dead-lettered") {
    DispatcherFixture f;
    f.create_with_dlq("q", 4);
    const auto start = f.clock.now();
    const std::string id = f.send("q", "doomed");
    FakeTransport worker(
        [](const RecordedCall&) { return drydock::test::failed("exit status 1", "Traceback: boom\n"); });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));

    const auto report = f.run(dispatcher);

    CHECK(worker.receive_counts_of("doomed") == std::vector<int>{1, 2, 3, 4});
    CHECK(f.ids_in("q").empty());
    CHECK(f.ids_in("q-dlq") == std::vector<std::string>{id});
    const auto& record = f.record(report, "q", id);
    CHECK(record.outcome == MessageOutcome::dead_lettered);
    CHECK(record.receive_counts == std::vector<int>{1, 2, 3, 4});
    CHECK(record.first_attempt == start);
    CHECK(record.last_attempt == start + 900s);
    CHECK(record.last_error == "exit status 1");
    CHECK(record.last_output_tail == "Traceback: boom\n");
    CHECK(report.totals == DispatchTotals{.invocations = 4, .failed_attempts = 4, .dead_lettered = 1});
    // Four visibility timeouts of 300 s on the virtual clock (the fourth lapse is when the receive
    // that would be the fifth moves the message), in a blink of wall time.
    CHECK(f.elapsed_since(start) == 4 * 300s);
    CHECK(report.finished_at == start + 1200s);
  }

  TEST_CASE("a flaky worker that fails twice and then succeeds is retried to success") {
    DispatcherFixture f;
    f.create_with_dlq("q", 4);
    const auto start = f.clock.now();
    const std::string id = f.send("q", "flaky");
    FakeTransport worker([](const RecordedCall& call) {
      return call.records[0].receive_count <= 2 ? drydock::test::failed("HTTP 502")
                                                : drydock::test::succeeded();
    });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));

    const auto report = f.run(dispatcher);

    const auto& record = f.record(report, "q", id);
    CHECK(record.outcome == MessageOutcome::succeeded);
    CHECK(record.receive_counts == std::vector<int>{1, 2, 3});
    CHECK(record.last_error == "HTTP 502");  // the last failure is kept for the report
    CHECK(f.ids_in("q").empty());
    CHECK(f.ids_in("q-dlq").empty());
    CHECK(f.elapsed_since(start) == 600s);
    CHECK(report.totals == DispatchTotals{.invocations = 3, .succeeded = 1, .failed_attempts = 2});
  }

  TEST_CASE("a failed batch retries every message of it, the good sibling too") {
    DispatcherFixture f;
    f.create_with_dlq("q", 3);
    const std::string bad = f.send("q", "bad");
    const std::string good = f.send("q", "good");
    FakeTransport worker([](const RecordedCall& call) {
      return call.has_body("bad") ? drydock::test::failed("exit status 1") : drydock::test::succeeded();
    });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 2})));

    const auto report = f.run(dispatcher);

    CHECK(worker.batch_sizes() == std::vector<std::size_t>{2, 2, 2});
    CHECK(worker.receive_counts_of("good") == std::vector<int>{1, 2, 3});
    CHECK(f.record(report, "q", good).outcome == MessageOutcome::dead_lettered);
    CHECK(f.record(report, "q", bad).outcome == MessageOutcome::dead_lettered);
    CHECK(f.ids_in("q-dlq").size() == 2);
    CHECK(report.totals == DispatchTotals{.invocations = 3, .failed_attempts = 6, .dead_lettered = 2});
  }

  TEST_CASE("a partial batch response deletes only the successes when the mapping reports item failures") {
    DispatcherFixture f;
    f.create_with_dlq("q", 2);
    const std::string bad = f.send("q", "bad");
    const std::string good = f.send("q", "good");
    FakeTransport worker([](const RecordedCall& call) {
      std::vector<std::string> failures;
      for (const auto& record : call.records) {
        if (record.body == "bad") {
          failures.push_back(record.message_id);
        }
      }
      return drydock::test::partial(failures);
    });
    Dispatcher dispatcher(f.sqs, f.clock);

    SUBCASE("ReportBatchItemFailures on: only the listed message is retried") {
      REQUIRE(dispatcher.add_mapping(
          f.mapping("q", worker, {.batch_size = 2, .report_batch_item_failures = true})));
      const auto report = f.run(dispatcher);
      CHECK(worker.batch_sizes() == std::vector<std::size_t>{2, 1});
      CHECK(f.record(report, "q", good).outcome == MessageOutcome::succeeded);
      CHECK(f.record(report, "q", good).receive_counts == std::vector<int>{1});
      CHECK(f.record(report, "q", bad).outcome == MessageOutcome::dead_lettered);
      CHECK(f.record(report, "q", bad).receive_counts == std::vector<int>{1, 2});
      CHECK(f.record(report, "q", bad).last_error == "reported in batchItemFailures");
      CHECK(f.ids_in("q-dlq") == std::vector<std::string>{bad});
    }
    SUBCASE("ReportBatchItemFailures off: the response is ignored and success deletes the batch") {
      REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 2})));
      const auto report = f.run(dispatcher);
      CHECK(worker.batch_sizes() == std::vector<std::size_t>{2});
      CHECK(f.record(report, "q", bad).outcome == MessageOutcome::succeeded);
      CHECK(f.record(report, "q", good).outcome == MessageOutcome::succeeded);
      CHECK(f.ids_in("q").empty());
    }
  }

  TEST_CASE("a malformed partial batch response fails the whole batch") {
    DispatcherFixture f;
    f.create_with_dlq("q", 4);
    const std::string one = f.send("q", "one");
    const std::string two = f.send("q", "two");
    std::string first_answer;
    SUBCASE("an unknown message id") {
      first_answer = "not-a-message-of-the-batch";
    }
    SUBCASE("an empty itemIdentifier") {
      first_answer = "";
    }
    // The first attempt answers with the invalid list, the second with an empty (successful) one.
    FakeTransport worker([&](const RecordedCall& call) {
      return call.records[0].receive_count == 1 ? drydock::test::partial({first_answer})
                                                : drydock::test::partial({});
    });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(
        f.mapping("q", worker, {.batch_size = 2, .report_batch_item_failures = true})));

    const auto report = f.run(dispatcher);

    CHECK(worker.batch_sizes() == std::vector<std::size_t>{2, 2});
    for (const std::string& id : {one, two}) {
      const auto& record = f.record(report, "q", id);
      CHECK(record.outcome == MessageOutcome::succeeded);
      CHECK(record.receive_counts == std::vector<int>{1, 2});
      CHECK(record.last_error.starts_with("invalid partial batch response: "));
    }
  }

  TEST_CASE("an invocation longer than the function timeout is a failure") {
    DispatcherFixture f;
    f.create_with_dlq("q", 1);
    const std::string id = f.send("q", "slow");
    FakeTransport worker([](const RecordedCall& call) {
      return drydock::workers::InvocationResult{.succeeded = true, .duration = call.context.timeout + 1ms};
    });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.function_timeout = 60s})));

    const auto report = f.run(dispatcher);

    CHECK(worker.calls().at(0).context.timeout == 60'000ms);
    const auto& record = f.record(report, "q", id);
    CHECK(record.outcome == MessageOutcome::dead_lettered);
    CHECK(record.last_error == "Task timed out after 60.00 seconds");
  }
}

TEST_SUITE("emulator/lambda") {
  TEST_CASE("with a history, every failed attempt is recorded with the message and follows it to the DLQ") {
    DispatcherFixture f;
    f.create_with_dlq("q", 3);
    const auto start = f.clock.now();
    const std::string doomed = f.send("q", "doomed");
    const std::string fine = f.send("q", "fine");
    FakeTransport worker([](const RecordedCall& call) {
      return call.has_body("doomed") ? drydock::test::failed("exit status 2", "Traceback: boom\n")
                                     : drydock::test::succeeded();
    });
    drydock::emulator::AttemptHistory history(f.store);
    Dispatcher dispatcher(f.sqs, f.clock, {.history = &history});
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 1})));

    const auto report = f.run(dispatcher);

    REQUIRE(f.ids_in("q-dlq") == std::vector<std::string>{doomed});
    const auto in_dlq = history.attempts_in_queue("q-dlq");
    REQUIRE(in_dlq.has_value());
    REQUIRE(in_dlq->size() == 1);  // the message that succeeded has no history
    const auto& attempts = in_dlq->at(doomed);
    REQUIRE(attempts.size() == 3);
    for (std::size_t k = 0; k < attempts.size(); ++k) {
      CAPTURE(k);
      CHECK(attempts[k].message_id == doomed);
      CHECK(attempts[k].attempt == static_cast<int>(k) + 1);
      CHECK(attempts[k].queue == "q");
      CHECK(attempts[k].function == "q-function");
      CHECK(attempts[k].error == "exit status 2");
      CHECK(attempts[k].output_tail == "Traceback: boom\n");
      CHECK(attempts[k].virtual_time == start + static_cast<int>(k) * 300s);
      CHECK_FALSE(attempts[k].request_id.empty());
    }
    CHECK(report.totals ==
          DispatchTotals{.invocations = 4, .succeeded = 1, .failed_attempts = 3, .dead_lettered = 1});
    CHECK(f.record(report, "q", fine).outcome == MessageOutcome::succeeded);
  }
}
