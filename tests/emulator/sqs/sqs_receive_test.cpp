// ReceiveMessage: visibility timeouts, receive counts and timestamps, and redrive to the DLQ exactly
// as AWS does it (aws-anchors.md §4.1: lazily, on the receive after maxReceiveCount; recorded against
// AWS in localstack's test_dead_letter_queue_max_receive_count and
// test_dead_letter_queue_message_attributes).

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::emulator::ReceiveRequest;
using drydock::emulator::SendMessageEntry;
using drydock::test::SqsFixture;
using namespace std::chrono_literals;

TEST_SUITE("emulator/sqs") {
  TEST_CASE("a received message is invisible until its visibility timeout passes") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
    f.send("q", "hello");
    const auto first = f.receive("q");
    REQUIRE(first.size() == 1);
    CHECK(first[0].body == "hello");
    CHECK(f.receive("q").empty());
    auto attributes = f.sqs.queue_attributes("q");
    CHECK(attributes->approximate_number_of_messages == 0);
    CHECK(attributes->approximate_number_of_messages_not_visible == 1);
    f.clock.advance_by(299'999ms);
    CHECK(f.receive("q").empty());
    f.clock.advance_by(1ms);
    CHECK(f.receive("q").size() == 1);
  }

  TEST_CASE("receive counts, SentTimestamp, first-receive timestamp and SenderId are reported as strings") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 30s}));
    const std::int64_t sent_at = f.now_ms();
    f.send("q", "m");
    f.clock.advance_by(2ms);
    const std::int64_t first_at = f.now_ms();
    auto first = f.receive("q");
    REQUIRE(first.size() == 1);
    CHECK(first[0].attributes.at("ApproximateReceiveCount") == "1");
    CHECK(first[0].attributes.at("SentTimestamp") == std::to_string(sent_at));
    CHECK(first[0].attributes.at("ApproximateFirstReceiveTimestamp") == std::to_string(first_at));
    CHECK(first[0].attributes.at("SenderId") == "AIDAIENQZJOLO23YVJ4VO");
    f.clock.advance_by(30s);
    auto second = f.receive("q");
    REQUIRE(second.size() == 1);
    CHECK(second[0].attributes.at("ApproximateReceiveCount") == "2");
    CHECK(second[0].attributes.at("ApproximateFirstReceiveTimestamp") == std::to_string(first_at));
    CHECK(second[0].message_id == first[0].message_id);
    CHECK(second[0].receipt_handle != first[0].receipt_handle);
  }

  TEST_CASE("MaxNumberOfMessages must be 1 to 10, with AWS's message") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    auto eleven = f.sqs.receive_message("q", {.max_number_of_messages = 11});
    REQUIRE_FALSE(eleven);
    CHECK(eleven.error().message ==
          "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if "
          "provided.");
    CHECK_FALSE(f.sqs.receive_message("q", {.max_number_of_messages = 0}));
    CHECK_FALSE(f.sqs.receive_message("q", {.wait_time = 21s}));
    CHECK_FALSE(f.sqs.receive_message("q", {.visibility_timeout = 43'201s}));
  }

  TEST_CASE("a receive returns at most MaxNumberOfMessages, oldest first") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    for (int i = 0; i < 15; ++i) {
      f.send("q", "m" + std::to_string(i));
    }
    const auto ten = f.receive("q", 10);
    REQUIRE(ten.size() == 10);
    CHECK(ten.front().body == "m0");
    CHECK(ten.back().body == "m9");
    CHECK(f.receive("q", 10).size() == 5);
  }

  TEST_CASE("a visibility timeout given with the receive overrides the queue's") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
    f.send("q", "m");
    REQUIRE(f.sqs.receive_message("q", ReceiveRequest{.visibility_timeout = 5s})->size() == 1);
    f.clock.advance_by(5s);
    CHECK(f.receive("q").size() == 1);
  }

  TEST_CASE("with maxReceiveCount N, receives 1..N return the message and receive N+1 moves it to the DLQ") {
    for (const int n : {1, 2, 4}) {
      CAPTURE(n);
      SqsFixture f;
      f.create_with_dlq("q", n);
      const std::string id = f.send("q", "payload");
      for (int i = 1; i <= n; ++i) {
        const auto got = f.receive("q");
        REQUIRE(got.size() == 1);
        CHECK(got[0].attributes.at("ApproximateReceiveCount") == std::to_string(i));
        // Not moved when the visibility timeout lapses: it is still counted in the source queue.
        f.clock.advance_by(300s);
        CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 1);
        CHECK(f.sqs.queue_attributes("q-dlq")->approximate_number_of_messages == 0);
      }
      CHECK(f.receive("q").empty());  // the (N+1)-th receive moves it and returns nothing for it
      CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 0);
      const auto dead = f.receive("q-dlq");
      REQUIRE(dead.size() == 1);
      CHECK(dead[0].message_id == id);
    }
  }

  TEST_CASE(
      "a redriven message keeps its id, body, MD5s, attributes and SentTimestamp, and its count continues") {
    SqsFixture f;
    f.create_with_dlq("q", 1);
    SendMessageEntry entry{.body = "payload", .aws_trace_header = "Root=1-5759e988-bd862e3fe1be46a994272793"};
    entry.message_attributes["Kind"] = {"String", "template", std::nullopt};
    auto sent = f.sqs.send_message("q", entry);
    REQUIRE(sent);
    const std::string sent_at = std::to_string(f.now_ms());
    const auto first = f.receive("q");
    REQUIRE(first.size() == 1);
    f.clock.advance_by(300s);
    CHECK(f.receive("q").empty());
    const auto dead = f.receive("q-dlq");
    REQUIRE(dead.size() == 1);
    const auto& m = dead[0];
    CHECK(m.message_id == sent->message_id);
    CHECK(m.body == "payload");
    CHECK(m.md5_of_body == sent->md5_of_message_body);
    CHECK(m.md5_of_message_attributes == sent->md5_of_message_attributes);
    CHECK(m.message_attributes == entry.message_attributes);
    CHECK(m.attributes.at("AWSTraceHeader") == *entry.aws_trace_header);
    CHECK(m.attributes.at("SentTimestamp") == sent_at);
    CHECK(m.attributes.at("ApproximateReceiveCount") == "2");  // AWS: the first DLQ receive shows "2"
    CHECK(m.attributes.at("DeadLetterQueueSourceArn") == "arn:aws:sqs:us-east-1:123456789012:q");
    CHECK(m.receipt_handle != first[0].receipt_handle);
  }

  TEST_CASE("a receive redrives exhausted messages and still returns the ones behind them") {
    SqsFixture f;
    f.create_with_dlq("q", 1);
    f.send("q", "old");
    REQUIRE(f.receive("q").size() == 1);
    f.clock.advance_by(300s);
    f.send("q", "new");
    const auto got = f.receive("q", 1);
    REQUIRE(got.size() == 1);
    CHECK(got[0].body == "new");
    CHECK(f.sqs.queue_attributes("q-dlq")->approximate_number_of_messages == 1);
  }

  TEST_CASE("a queue without a RedrivePolicy returns a message however often it was received") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 1s}));
    f.send("q", "m");
    for (int i = 1; i <= 20; ++i) {
      const auto got = f.receive("q");
      REQUIRE(got.size() == 1);
      CHECK(got[0].attributes.at("ApproximateReceiveCount") == std::to_string(i));
      f.clock.advance_by(1s);
    }
  }

  TEST_CASE("messages older than the retention period are gone, in the DLQ counted from the first send") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q-dlq", .message_retention = 600s}));
    REQUIRE(f.sqs.create_queue({.name = "q",
                                .visibility_timeout = 300s,
                                .message_retention = 3600s,
                                .redrive_policy = drydock::emulator::RedrivePolicy{"q-dlq", 1}}));
    f.send("q", "m");
    REQUIRE(f.receive("q").size() == 1);
    f.clock.advance_by(300s);
    CHECK(f.receive("q").empty());  // moved at t = 300 s
    f.clock.advance_by(299s);
    CHECK(f.sqs.queue_attributes("q-dlq")->approximate_number_of_messages == 1);
    f.clock.advance_by(1s);  // 600 s after it was first sent: the DLQ's retention is over
    CHECK(f.sqs.queue_attributes("q-dlq")->approximate_number_of_messages == 0);
    CHECK(f.receive("q-dlq").empty());
  }

  TEST_CASE("peeking shows every message without receiving it") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    f.send("q", "a");
    f.send("q", "b");
    REQUIRE(f.receive("q", 1).size() == 1);
    const auto peeked = f.sqs.peek_messages("q");
    REQUIRE(peeked);
    REQUIRE(peeked->size() == 2);
    CHECK(peeked->at(0).in_flight);
    CHECK_FALSE(peeked->at(1).in_flight);
    CHECK(peeked->at(1).attributes.at("ApproximateReceiveCount") == "0");
    CHECK(f.receive("q").size() == 1);
  }

  TEST_CASE("next_visible_at says when the earliest hidden message becomes visible") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
    const auto next = [&] {
      auto value = f.sqs.next_visible_at("q");
      REQUIRE(value.has_value());
      return *value;
    };
    CHECK_FALSE(next().has_value());
    f.send("q", "a");
    REQUIRE(f.sqs.send_message("q", {.body = "later", .delay = 60s}));
    CHECK(next() == f.clock.now() + 60s);
    REQUIRE(f.receive("q").size() == 1);
    CHECK(next() == f.clock.now() + 60s);
    f.clock.advance_by(60s);
    REQUIRE(f.receive("q").size() == 1);
    CHECK(next() == f.clock.now() + 240s);
  }

  // receive_message_batches against receive_message: two stores with the same seed, the same history.
  TEST_CASE("several batches in one call equal as many receive_message calls, redrive to the DLQ included") {
    SqsFixture batched;
    SqsFixture single;
    // Gives both fixtures the same queue history: 9 messages, of which 0, 3 and 6 were already received
    // twice (maxReceiveCount 2), so the next receive that meets them moves them to the DLQ.
    for (SqsFixture* f : {&batched, &single}) {
      f->create_with_dlq("q", 2);
      for (int i = 0; i < 9; ++i) {
        f->send("q", "m" + std::to_string(i));
      }
      for (const auto& message : f->receive("q")) {
        if (message.body == "m0" || message.body == "m3" || message.body == "m6") {
          REQUIRE(f->sqs.change_message_visibility("q", message.receipt_handle, 0s));
        }
      }
      REQUIRE(f->receive("q").size() == 3);
      f->clock.advance_by(300s);
    }

    auto batches = batched.sqs.receive_message_batches("q", 5, {.max_number_of_messages = 2});
    std::vector<std::vector<drydock::emulator::ReceivedMessage>> calls;
    for (int k = 0; k < 5; ++k) {
      auto got = single.sqs.receive_message("q", {.max_number_of_messages = 2});
      REQUIRE(got.has_value());
      if (got->empty()) {
        break;
      }
      calls.push_back(std::move(*got));
    }

    REQUIRE(batches.has_value());
    REQUIRE(batches->size() == 3);  // 6 of the 9 are returned (2, 2, 2); 3 move to the DLQ
    REQUIRE(calls.size() == batches->size());
    for (std::size_t b = 0; b < calls.size(); ++b) {
      REQUIRE((*batches)[b].size() == calls[b].size());
      for (std::size_t k = 0; k < calls[b].size(); ++k) {
        const auto& got = (*batches)[b][k];
        const auto& expected = calls[b][k];
        CHECK(got.message_id == expected.message_id);
        CHECK(got.body == expected.body);
        CHECK(got.receipt_handle == expected.receipt_handle);
        CHECK(got.attributes == expected.attributes);
        CHECK(got.md5_of_body == expected.md5_of_body);
      }
    }
    CHECK((*batches)[0][0].body == "m1");
    CHECK((*batches)[0][0].attributes.at("ApproximateReceiveCount") == "2");
    const auto dlq_ids = [](SqsFixture& f) {
      std::vector<std::string> ids;
      const auto peeked = f.sqs.peek_messages("q-dlq");
      REQUIRE(peeked.has_value());
      for (const auto& message : *peeked) {
        ids.push_back(message.message_id + message.attributes.at("DeadLetterQueueSourceArn"));
      }
      return ids;
    };
    CHECK(dlq_ids(batched).size() == 3);
    CHECK(dlq_ids(batched) == dlq_ids(single));
    CHECK(batched.sqs.queue_attributes("q")->approximate_number_of_messages_not_visible == 6);
    // Nothing visible: no batches, and the next receive of either store still agrees.
    CHECK(batched.sqs.receive_message_batches("q", 4)->empty());
    batched.clock.advance_by(300s);
    single.clock.advance_by(300s);
    // Received twice now, the other 6 move to the DLQ on the next receive: no batch at all.
    CHECK(batched.sqs.receive_message_batches("q", 3, {.max_number_of_messages = 10})->empty());
    CHECK(single.receive("q").empty());
    CHECK(dlq_ids(batched).size() == 9);
    CHECK(dlq_ids(batched) == dlq_ids(single));
  }

  TEST_CASE("several batches in one call stop at the first empty one and keep the last short batch") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 30s}));
    for (int i = 0; i < 7; ++i) {
      f.send("q", "m" + std::to_string(i));
    }
    auto batches = f.sqs.receive_message_batches("q", 10, {.max_number_of_messages = 3});
    REQUIRE(batches.has_value());
    REQUIRE(batches->size() == 3);
    CHECK((*batches)[0].size() == 3);
    CHECK((*batches)[1].size() == 3);
    CHECK((*batches)[2].size() == 1);
    CHECK((*batches)[2][0].body == "m6");
    CHECK(f.sqs.receive_message_batches("q", 0)->empty());
    CHECK(f.sqs.receive_message_batches("nope", 2).error().code == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(f.sqs.receive_message_batches("q", 2, {.max_number_of_messages = 11}).error().code ==
          "InvalidParameterValue");
  }
}
