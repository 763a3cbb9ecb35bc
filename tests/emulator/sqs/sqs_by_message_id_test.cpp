// Drydock's operations by MessageId: finding, deleting (all or nothing) and replacing a body in place.

#include <doctest/doctest.h>

#include "emulator/common/md5.hpp"
#include "emulator/history/attempt_history.hpp"
#include "tests/emulator/sqs/sqs_fixture.hpp"

using namespace drydock::emulator;

TEST_SUITE("emulator/sqs") {
  TEST_CASE("a message is found by its id in any queue or among given queues") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    REQUIRE(f.sqs.create_queue({.name = "other"}));
    const std::string a = f.send("work", "a");
    const std::string b = f.send("other", "b");
    auto found = find_messages(f.sqs, {b, "missing", a});
    REQUIRE(found);
    REQUIRE(found->size() == 3);
    REQUIRE((*found)[0].has_value());
    CHECK((*found)[0]->queue == "other");
    CHECK_FALSE((*found)[1].has_value());
    CHECK((*found)[2]->queue == "work");
    CHECK((*found)[2]->seq != (*found)[0]->seq);

    auto only_work = find_message(f.sqs, b, {"work"});
    REQUIRE(only_work);
    CHECK_FALSE(only_work->has_value());
    CHECK(find_message(f.sqs, a, {"work-dlq", "work"})->value().queue == "work");
    auto unknown_queue = find_message(f.sqs, a, {"nope"});
    REQUIRE_FALSE(unknown_queue);
    CHECK(unknown_queue.error().code == "AWS.SimpleQueueService.NonExistentQueue");
  }

  TEST_CASE("deleting by id deletes visible and in-flight messages of the given queues") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    const std::string a = f.send("work", "a");
    const std::string b = f.send("work", "b");
    const std::string c = f.send("work", "c");
    f.receive("work", 1);  // a is in flight
    auto outcomes = delete_messages_by_id(f.sqs, {"work"}, {a, c, c}, false);
    REQUIRE(outcomes);
    CHECK(*outcomes ==
          std::vector{DeleteByIdOutcome::deleted, DeleteByIdOutcome::deleted, DeleteByIdOutcome::not_found});
    auto left = f.sqs.peek_messages("work");
    REQUIRE(left->size() == 1);
    CHECK(left->front().message_id == b);
  }

  TEST_CASE("deleting by id with an unknown id changes nothing when all or nothing") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    const std::string a = f.send("work", "a");
    const std::string b = f.send("work-dlq", "b");
    SUBCASE("all or nothing: nothing is deleted") {
      auto outcomes = delete_messages_by_id(f.sqs, {"work"}, {a, "missing", b}, true);
      REQUIRE(outcomes);
      CHECK(*outcomes ==
            std::vector{DeleteByIdOutcome::kept, DeleteByIdOutcome::not_found, DeleteByIdOutcome::not_found});
      CHECK(f.sqs.peek_messages("work")->size() == 1);
      CHECK(f.sqs.peek_messages("work-dlq")->size() == 1);
    }
    SUBCASE("otherwise the known ones are deleted; a message of another queue is not") {
      auto outcomes = delete_messages_by_id(f.sqs, {"work"}, {a, "missing", b}, false);
      REQUIRE(outcomes);
      CHECK(*outcomes == std::vector{DeleteByIdOutcome::deleted, DeleteByIdOutcome::not_found,
                                     DeleteByIdOutcome::not_found});
      CHECK(f.sqs.peek_messages("work")->empty());
      CHECK(f.sqs.peek_messages("work-dlq")->size() == 1);
    }
    SUBCASE("across several queues in one call") {
      auto outcomes = delete_messages_by_id(f.sqs, {"work", "work-dlq"}, {a, b}, true);
      REQUIRE(outcomes);
      CHECK(*outcomes == std::vector{DeleteByIdOutcome::deleted, DeleteByIdOutcome::deleted});
      CHECK(f.sqs.peek_messages("work")->empty());
      CHECK(f.sqs.peek_messages("work-dlq")->empty());
    }
    SUBCASE("an unknown queue fails the call") {
      auto outcomes = delete_messages_by_id(f.sqs, {"nope"}, {a}, true);
      REQUIRE_FALSE(outcomes);
      CHECK(outcomes.error().code == "AWS.SimpleQueueService.NonExistentQueue");
      CHECK(f.sqs.peek_messages("work")->size() == 1);
    }
  }

  TEST_CASE("a body is replaced in place with a new MD5, keeping id, attributes and receive count") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    auto sent = f.sqs.send_message(
        "work",
        {.body = "old", .message_attributes = {{"Kind", {.data_type = "String", .string_value = "x"}}}});
    REQUIRE(sent);
    f.receive("work");
    auto md5 = replace_message_body(f.sqs, "work", sent->message_id, R"({"fixed": true})");
    REQUIRE(md5);
    CHECK(*md5 == md5_hex(R"({"fixed": true})"));
    f.clock.advance_by(std::chrono::seconds(300));
    auto again = f.receive("work");
    REQUIRE(again.size() == 1);
    CHECK(again[0].message_id == sent->message_id);
    CHECK(again[0].body == R"({"fixed": true})");
    CHECK(again[0].md5_of_body == *md5);
    CHECK(again[0].attributes.at("ApproximateReceiveCount") == "2");
    CHECK(again[0].message_attributes.at("Kind").string_value == "x");
  }

  TEST_CASE("a replaced body gets SendMessage's checks, and an unknown id is an error") {
    drydock::test::SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "small", .maximum_message_size = 1024}));
    const std::string id = f.send("small", "ok");
    SUBCASE("too large") {
      auto replaced = replace_message_body(f.sqs, "small", id, std::string(2000, 'x'));
      REQUIRE_FALSE(replaced);
      CHECK(replaced.error().message.find("Message must be shorter than 1024 bytes") != std::string::npos);
    }
    SUBCASE("characters SQS refuses") {
      auto replaced = replace_message_body(f.sqs, "small", id, std::string("a\x01", 2));
      REQUIRE_FALSE(replaced);
      CHECK(replaced.error().code == "InvalidMessageContents");
    }
    SUBCASE("empty") {
      CHECK(replace_message_body(f.sqs, "small", id, "").error().code == "MissingParameter");
    }
    SUBCASE("unknown id") {
      auto replaced = replace_message_body(f.sqs, "small", "missing", "x");
      REQUIRE_FALSE(replaced);
      CHECK(replaced.error().code == "Drydock.MessageNotFound");
      CHECK(replaced.error().message == "queue small holds no message missing");
    }
    CHECK(f.sqs.peek_messages("small")->front().body == "ok");
  }

  TEST_CASE("a receipt handle names the message's row") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work");
    const std::string id = f.send("work", "a");
    auto received = f.receive("work");
    const auto seq = receipt_handle_seq(received[0].receipt_handle);
    REQUIRE(seq.has_value());
    CHECK(find_message(f.sqs, id)->value().seq == *seq);
    CHECK_FALSE(receipt_handle_seq("garbage").has_value());
  }

  namespace {
  // Sends `body` to `work` (maxReceiveCount 1) and fails it into work-dlq: one receive, then the
  // receive after the visibility timeout redrives it. Returns its id.
  std::string dead_letter(drydock::test::SqsFixture& f, const std::string& body) {
    const std::string id = f.send("work", body);
    REQUIRE(f.receive("work").size() == 1);
    f.clock.advance_by(std::chrono::seconds(300));
    CHECK(f.receive("work").empty());  // redriven instead
    REQUIRE(find_message(f.sqs, id)->value().queue == "work-dlq");
    return id;
  }
  }  // namespace

  TEST_CASE("moving by id takes dead letters back as a move task does, row and history kept") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work", 1);
    const std::string a = dead_letter(f, "a");
    const std::string b = dead_letter(f, "b");
    const std::int64_t seq = find_message(f.sqs, a)->value().seq;
    FailedAttempt attempt;
    attempt.seq = seq;
    attempt.message_id = a;
    attempt.queue = "work";
    attempt.attempt = 1;
    attempt.error = "exit status 1";
    REQUIRE(AttemptHistory(f.store).record(std::vector{attempt}));
    const auto before = f.sqs.peek_messages("work-dlq")->front();

    REQUIRE(
        move_messages_by_id(f.sqs, {{a, "work-dlq", "work", std::nullopt}, {b, "work-dlq", "work", "b2"}}));
    CHECK(f.sqs.peek_messages("work-dlq")->empty());
    const auto location = find_message(f.sqs, a)->value();
    CHECK(location == MessageLocation{"work", seq});  // the same row: an UPDATE, not delete + insert
    CHECK(AttemptHistory(f.store).attempts_of(seq, a)->size() == 1);
    auto received = f.receive("work");  // visible at once
    REQUIRE(received.size() == 2);
    CHECK(received[0].message_id == a);
    CHECK(received[0].body == "a");
    CHECK(received[0].attributes.at("ApproximateReceiveCount") == "1");  // the count started again
    CHECK(received[0].attributes.at("SentTimestamp") == before.attributes.at("SentTimestamp"));
    CHECK_FALSE(received[0].attributes.contains("DeadLetterQueueSourceArn"));
    CHECK(received[1].body == "b2");
    CHECK(received[1].md5_of_body == md5_hex("b2"));
  }

  TEST_CASE("moving by id is all or nothing") {
    drydock::test::SqsFixture f;
    f.create_with_dlq("work", 1);
    REQUIRE(f.sqs.create_queue({.name = "small", .maximum_message_size = 1024}));
    const std::string a = dead_letter(f, "a");
    const std::string b = dead_letter(f, "b");
    const std::string queued = f.send("work", "still queued");
    SUBCASE("an id the DLQ does not hold names it, and nothing moves") {
      auto moved = move_messages_by_id(f.sqs, {{a, "work-dlq", "work", std::nullopt},
                                               {"missing", "work-dlq", "work", std::nullopt},
                                               {queued, "work-dlq", "work", std::nullopt}});
      REQUIRE_FALSE(moved);
      CHECK(moved.error().code == "Drydock.MessageNotFound");
      CHECK(moved.error().message ==
            "queue work-dlq holds no message missing; queue work-dlq holds no message " + queued);
    }
    SUBCASE("an id given twice moves once, then is not found") {
      auto moved = move_messages_by_id(
          f.sqs, {{a, "work-dlq", "work", std::nullopt}, {a, "work-dlq", "work", std::nullopt}});
      REQUIRE_FALSE(moved);
      CHECK(moved.error().code == "Drydock.MessageNotFound");
    }
    SUBCASE("a body SQS would refuse at the destination") {
      auto moved = move_messages_by_id(
          f.sqs, {{a, "work-dlq", "work", std::nullopt}, {b, "work-dlq", "small", std::string(2000, 'x')}});
      REQUIRE_FALSE(moved);
      CHECK(moved.error().message.find("Message must be shorter than 1024 bytes") != std::string::npos);
    }
    SUBCASE("an unknown destination") {
      auto moved = move_messages_by_id(f.sqs, {{a, "work-dlq", "nope", std::nullopt}});
      REQUIRE_FALSE(moved);
      CHECK(moved.error().code == "AWS.SimpleQueueService.NonExistentQueue");
    }
    const auto dlq = f.sqs.peek_messages("work-dlq");
    REQUIRE(dlq->size() == 2);
    CHECK(dlq->front().body == "a");
    CHECK(dlq->back().body == "b");
    CHECK(f.sqs.peek_messages("work")->size() == 1);
  }
}
