// The attempt history: recorded per message in one transaction, kept across restarts, following the
// message into its DLQ and back, and collected once the message is gone.

#include "emulator/history/attempt_history.hpp"

#include <doctest/doctest.h>

#include "emulator/history/failed_attempt.hpp"
#include "tests/emulator/sqs/sqs_fixture.hpp"

using namespace drydock::emulator;
using namespace std::chrono_literals;

TEST_SUITE("emulator/history") {
  namespace {

  // The attempt of `message` failing with `error`, as the dispatcher would build it.
  FailedAttempt attempt_of(const ReceivedMessage& message, std::string error, Instant now,
                           const drydock::workers::InvocationResult& result = {}) {
    auto attempt = failed_attempt(message, result, error, false,
                                  {.queue = "work",
                                   .function = "FlakyShip",
                                   .request_id = "req-1",
                                   .virtual_time = now,
                                   .wall_time = std::chrono::system_clock::time_point(1'800'000'000'123ms)});
    REQUIRE(attempt.has_value());
    return *attempt;
  }

  }  // namespace

  TEST_CASE("failed attempts are recorded in one call and listed per message, oldest first") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work", 2);
    f.send("work", "a");
    f.send("work", "b");
    AttemptHistory history(f.store);
    auto first = f.receive("work");
    REQUIRE(first.size() == 2);
    REQUIRE(history.record(std::vector{attempt_of(first[0], "exit status 1\nTraceback", f.clock.now()),
                                       attempt_of(first[1], "exit status 1", f.clock.now())}));
    f.clock.advance_by(300s);
    auto second = f.receive("work");
    REQUIRE(second.size() == 2);
    REQUIRE(history.record(std::vector{attempt_of(second[0], "exit status 2", f.clock.now())}));

    auto location = find_message(f.sqs, first[0].message_id);
    REQUIRE(location);
    REQUIRE(location->has_value());
    auto attempts = history.attempts_of((*location)->seq, first[0].message_id);
    REQUIRE(attempts);
    REQUIRE(attempts->size() == 2);
    CHECK((*attempts)[0].attempt == 1);
    CHECK((*attempts)[0].error == "exit status 1\nTraceback");
    CHECK(first_line((*attempts)[0].error) == "exit status 1");
    CHECK((*attempts)[1].attempt == 2);
    CHECK((*attempts)[1].virtual_time == (*attempts)[0].virtual_time + 300s);
    CHECK((*attempts)[1].wall_time == std::chrono::system_clock::time_point(1'800'000'000'123ms));
    CHECK((*attempts)[1].function == "FlakyShip");
    CHECK((*attempts)[1].request_id == "req-1");
  }

  TEST_CASE("every field of an attempt survives a restart") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    f.send("work", "a");
    auto received = f.receive("work");
    drydock::workers::InvocationResult result;
    result.exit_code = 3;
    result.signal = 9;
    result.http_status = 502;
    result.error_payload = R"({"errorMessage": "boom"})";
    result.output_tail = "Traceback: boom\n";
    result.duration = 1234ms;
    FailedAttempt written = attempt_of(received[0], "HTTP 502", f.clock.now(), result);
    written.timed_out = true;
    {
      AttemptHistory history(f.store);
      REQUIRE(history.record(std::span(&written, 1)));
    }
    auto reopened = StateStore::open(f.store.dir());
    REQUIRE(reopened);
    AttemptHistory history(*reopened);
    auto read = history.attempts_of(written.seq, written.message_id);
    REQUIRE(read);
    REQUIRE(read->size() == 1);
    CHECK(read->front() == written);
  }

  TEST_CASE("the history follows a message into its DLQ and back with a move task") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work", 1);
    const std::string id = f.send("work", "a");
    AttemptHistory history(f.store);
    auto received = f.receive("work");
    REQUIRE(history.record(std::vector{attempt_of(received[0], "exit status 1", f.clock.now())}));
    f.clock.advance_by(300s);
    CHECK(f.receive("work").empty());  // the second receive redrives it
    auto in_dlq = history.attempts_in_queue("work-dlq");
    REQUIRE(in_dlq);
    REQUIRE(in_dlq->contains(id));
    CHECK(in_dlq->at(id).size() == 1);
    CHECK(history.attempts_in_queue("work")->empty());

    REQUIRE(f.sqs.start_message_move_task(f.sqs.queue_arn("work-dlq"), std::nullopt));
    REQUIRE(f.sqs.run_move_tasks() == 1);
    auto back = history.attempts_in_queue("work");
    REQUIRE(back);
    CHECK(back->at(id).size() == 1);
    CHECK(history.attempts_in_queue("work-dlq")->empty());
  }

  TEST_CASE("garbage collection removes the history of deleted messages only") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    const std::string kept = f.send("work", "kept");
    f.send("work", "deleted");
    AttemptHistory history(f.store);
    auto received = f.receive("work");
    REQUIRE(received.size() == 2);
    REQUIRE(history.record(std::vector{attempt_of(received[0], "e", f.clock.now()),
                                       attempt_of(received[1], "e", f.clock.now())}));
    CHECK(history.collect_garbage() == 0);
    REQUIRE(f.sqs.delete_message("work", received[1].receipt_handle));
    CHECK(history.collect_garbage() == 1);
    CHECK(history.attempts_in_queue("work")->at(kept).size() == 1);
    CHECK(history.collect_garbage() == 0);
  }

  TEST_CASE("a new message that reuses a deleted message's row does not inherit its history") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    f.send("work", "first");
    AttemptHistory history(f.store);
    auto received = f.receive("work");
    const FailedAttempt old = attempt_of(received[0], "e", f.clock.now());
    REQUIRE(history.record(std::span(&old, 1)));
    REQUIRE(f.sqs.delete_message("work", received[0].receipt_handle));
    const std::string next = f.send("work", "second");  // SQLite gives it the freed seq
    auto location = find_message(f.sqs, next);
    REQUIRE(location);
    REQUIRE(location->has_value());
    CHECK((*location)->seq == old.seq);
    CHECK(history.attempts_of((*location)->seq, next)->empty());
    CHECK(history.attempts_in_queue("work")->empty());
    CHECK(history.collect_garbage() == 1);
  }

  TEST_CASE("recording nothing touches nothing, and a long error is bounded") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    f.send("work", "a");
    AttemptHistory history(f.store);
    CHECK(history.record({}));
    auto received = f.receive("work");
    const FailedAttempt big = attempt_of(received[0], std::string(100'000, 'x'), f.clock.now());
    REQUIRE(history.record(std::span(&big, 1)));
    CHECK(history.attempts_of(big.seq, big.message_id)->front().error.size() == k_max_error_bytes);
  }

  TEST_CASE("an attempt cannot be built for a receipt handle Drydock did not issue") {
    ReceivedMessage message;
    message.message_id = "m";
    message.receipt_handle = "AQEB-not-ours";
    CHECK_FALSE(failed_attempt(message, {}, "e", false, {}).has_value());
  }
}
