// StartMessageMoveTask semantics (aws-anchors.md §4.1 "Redrive back"; StartMessageMoveTask API reference).

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::emulator::MoveTaskStatus;
using drydock::test::SqsFixture;
using namespace std::chrono_literals;

namespace {

// Sends `count` messages to `queue` and drives each into its DLQ (maxReceiveCount 1).
void dead_letter(SqsFixture& f, const std::string& queue, int count) {
  for (int i = 0; i < count; ++i) {
    f.send(queue, queue + "-" + std::to_string(i));
  }
  while (!f.receive(queue).empty()) {
  }
  f.clock.advance_by(300s);
  CHECK(f.receive(queue).empty());
}

}  // namespace

TEST_SUITE("emulator/sqs") {
  TEST_CASE("a move task without destination returns each message to the queue it came from") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "shared-dlq"}));
    for (const char* name : {"a", "b"}) {
      REQUIRE(f.sqs.create_queue({.name = name,
                                  .visibility_timeout = 300s,
                                  .redrive_policy = drydock::emulator::RedrivePolicy{"shared-dlq", 1}}));
    }
    dead_letter(f, "a", 3);
    dead_letter(f, "b", 2);
    REQUIRE(f.sqs.queue_attributes("shared-dlq")->approximate_number_of_messages == 5);
    const std::string dlq_arn = f.sqs.queue_arn("shared-dlq");
    auto handle = f.sqs.start_message_move_task(dlq_arn, std::nullopt);
    REQUIRE(handle);
    CHECK(f.sqs.queue_attributes("shared-dlq")->approximate_number_of_messages == 5);  // nothing until run
    CHECK(f.sqs.run_move_tasks() == 5);
    CHECK(f.sqs.queue_attributes("shared-dlq")->approximate_number_of_messages == 0);
    const auto a = f.receive("a");
    REQUIRE(a.size() == 3);
    CHECK(f.receive("b").size() == 2);
    CHECK(a[0].attributes.at("ApproximateReceiveCount") == "1");  // the count starts again
    CHECK(a[0].attributes.count("DeadLetterQueueSourceArn") == 0);
    const auto tasks = f.sqs.list_message_move_tasks(dlq_arn);
    REQUIRE(tasks);
    REQUIRE(tasks->size() == 1);
    CHECK(tasks->at(0).task_handle == *handle);
    CHECK(tasks->at(0).status == MoveTaskStatus::completed);
    CHECK(tasks->at(0).approximate_number_of_messages_to_move == 5);
    CHECK(tasks->at(0).approximate_number_of_messages_moved == 5);
  }

  TEST_CASE("a move task with a destination moves every message there") {
    SqsFixture f;
    f.create_with_dlq("q", 1);
    REQUIRE(f.sqs.create_queue({.name = "elsewhere"}));
    dead_letter(f, "q", 250);  // more than one chunk
    REQUIRE(f.sqs.start_message_move_task(f.sqs.queue_arn("q-dlq"), f.sqs.queue_arn("elsewhere")));
    CHECK(f.sqs.run_move_tasks() == 250);
    CHECK(f.sqs.queue_attributes("elsewhere")->approximate_number_of_messages == 250);
  }

  TEST_CASE("the source of a move task must be a dead-letter queue") {
    SqsFixture f;
    f.create_with_dlq("q");
    auto result = f.sqs.start_message_move_task(f.sqs.queue_arn("q"), std::nullopt);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "InvalidParameterValue");
    CHECK(result.error().message == "Source queue must be configured as a Dead Letter Queue.");
    CHECK(
        f.sqs.start_message_move_task("arn:aws:sqs:us-east-1:123456789012:nope", std::nullopt).error().code ==
        "AWS.SimpleQueueService.NonExistentQueue");
    CHECK_FALSE(f.sqs.start_message_move_task(f.sqs.queue_arn("q-dlq"), f.sqs.queue_arn("missing")));
    CHECK_FALSE(f.sqs.start_message_move_task(f.sqs.queue_arn("q-dlq"), std::nullopt, 501));
  }

  TEST_CASE("only one move task runs per source queue, and a cancelled one stops") {
    SqsFixture f;
    f.create_with_dlq("q", 1);
    dead_letter(f, "q", 2);
    const std::string dlq = f.sqs.queue_arn("q-dlq");
    auto first = f.sqs.start_message_move_task(dlq, std::nullopt);
    REQUIRE(first);
    CHECK_FALSE(f.sqs.start_message_move_task(dlq, std::nullopt));
    CHECK(f.sqs.cancel_message_move_task(*first) == 0);
    CHECK(f.sqs.run_move_tasks() == 0);
    CHECK(f.sqs.list_message_move_tasks(dlq)->at(0).status == MoveTaskStatus::cancelled);
    CHECK(f.sqs.cancel_message_move_task(*first).error().code == "ResourceNotFoundException");
    CHECK(f.sqs.start_message_move_task(dlq, std::nullopt));
  }

  TEST_CASE("a message sent to the DLQ directly fails a task without destination and stays put") {
    SqsFixture f;
    f.create_with_dlq("q", 1);
    dead_letter(f, "q", 1);
    f.send("q-dlq", "direct");
    REQUIRE(f.sqs.start_message_move_task(f.sqs.queue_arn("q-dlq"), std::nullopt));
    CHECK(f.sqs.run_move_tasks() == 1);
    const auto task = f.sqs.list_message_move_tasks(f.sqs.queue_arn("q-dlq"))->at(0);
    CHECK(task.status == MoveTaskStatus::failed);
    REQUIRE(task.failure_reason);
    CHECK(task.failure_reason->find("DestinationArn") != std::string::npos);
    CHECK(f.sqs.queue_attributes("q-dlq")->approximate_number_of_messages == 1);
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 1);
  }

  TEST_CASE("messages reaching the DLQ after a task started are left for the next task") {
    SqsFixture f;
    f.create_with_dlq("q", 1);
    dead_letter(f, "q", 1);
    REQUIRE(f.sqs.start_message_move_task(f.sqs.queue_arn("q-dlq"), std::nullopt));
    f.send("q-dlq", "late");
    CHECK(f.sqs.run_move_tasks() == 1);
    CHECK(f.sqs.queue_attributes("q-dlq")->approximate_number_of_messages == 1);
  }
}
