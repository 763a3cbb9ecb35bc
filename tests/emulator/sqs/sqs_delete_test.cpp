// DeleteMessage(+Batch), ChangeMessageVisibility and PurgeQueue: which receipt handle acts.

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::test::SqsFixture;
using namespace std::chrono_literals;

TEST_SUITE("emulator/sqs") {
  TEST_CASE("deleting with the newest receipt handle removes the message") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    f.send("q", "m");
    const auto got = f.receive("q");
    REQUIRE(f.sqs.delete_message("q", got[0].receipt_handle));
    f.clock.advance_by(1h);
    CHECK(f.receive("q").empty());
    CHECK(f.sqs.delete_message("q", got[0].receipt_handle));  // deleting twice succeeds
  }

  TEST_CASE("a stale receipt handle is accepted but does not delete the message") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 10s}));
    f.send("q", "m");
    const auto first = f.receive("q");
    f.clock.advance_by(10s);
    const auto second = f.receive("q");
    REQUIRE(second.size() == 1);
    CHECK(f.sqs.delete_message("q", first[0].receipt_handle));
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages_not_visible == 1);
    CHECK(f.sqs.delete_message("q", second[0].receipt_handle));
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages_not_visible == 0);
  }

  TEST_CASE("a receipt handle this queue never issued is ReceiptHandleIsInvalid") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    REQUIRE(f.sqs.create_queue({.name = "other"}));
    f.send("q", "m");
    const auto got = f.receive("q");
    CHECK(f.sqs.delete_message("q", "garbage").error().code == "ReceiptHandleIsInvalid");
    CHECK(f.sqs.delete_message("other", got[0].receipt_handle).error().code == "ReceiptHandleIsInvalid");
  }

  TEST_CASE("DeleteMessageBatch reports each entry") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    f.send("q", "a");
    f.send("q", "b");
    const auto got = f.receive("q");
    REQUIRE(got.size() == 2);
    auto result = f.sqs.delete_message_batch(
        "q", {{"one", got[0].receipt_handle}, {"two", got[1].receipt_handle}, {"bad", "nonsense"}});
    REQUIRE(result);
    CHECK(result->successful == std::vector<std::string>{"one", "two"});
    REQUIRE(result->failed.size() == 1);
    CHECK(result->failed[0].code == "ReceiptHandleIsInvalid");
    CHECK(f.sqs.peek_messages("q")->empty());
  }

  TEST_CASE("ChangeMessageVisibility sets the timeout from now, for in-flight messages only") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
    f.send("q", "m");
    const auto got = f.receive("q");
    f.clock.advance_by(100s);
    REQUIRE(f.sqs.change_message_visibility("q", got[0].receipt_handle, 10s));
    f.clock.advance_by(10s);
    CHECK(f.sqs.change_message_visibility("q", got[0].receipt_handle, 10s).error().code ==
          "AWS.SimpleQueueService.MessageNotInflight");
    const auto again = f.receive("q");
    REQUIRE(again.size() == 1);
    REQUIRE(f.sqs.change_message_visibility("q", again[0].receipt_handle, 0s));
    CHECK(f.receive("q").size() == 1);  // visible at once
    CHECK(f.sqs.change_message_visibility("q", again[0].receipt_handle, 5s).error().code ==
          "InvalidParameterValue");
    CHECK(f.sqs.change_message_visibility("q", again[0].receipt_handle, 43'201s).error().code ==
          "InvalidParameterValue");
  }

  TEST_CASE("PurgeQueue deletes every message, at most once every 60 seconds") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    f.send("q", "a");
    f.send("q", "b");
    CHECK(f.sqs.purge_queue("q") == 2);
    CHECK(f.sqs.purge_queue("q").error().code == "AWS.SimpleQueueService.PurgeQueueInProgress");
    f.clock.advance_by(60s);
    CHECK(f.sqs.purge_queue("q") == 0);
  }

  TEST_CASE("delete_messages treats each handle as delete_message does, in one call of any size") {
    SqsFixture batched;
    SqsFixture single;
    // The same history in both: 25 messages received once; m0 received again (its first handle is
    // stale), m1 deleted already; plus a handle of another queue and garbage.
    std::vector<std::string> handles;
    for (SqsFixture* f : {&batched, &single}) {
      REQUIRE(f->sqs.create_queue({.name = "q", .visibility_timeout = 30s}));
      REQUIRE(f->sqs.create_queue({.name = "other"}));
      for (int i = 0; i < 25; ++i) {
        f->send("q", "m" + std::to_string(i));
      }
      f->send("other", "o");
      handles.clear();
      for (int k = 0; k < 3; ++k) {
        for (const auto& message : f->receive("q")) {
          handles.push_back(message.receipt_handle);
        }
      }
      REQUIRE(handles.size() == 25);
      REQUIRE(f->sqs.change_message_visibility("q", handles[0], 0s));
      REQUIRE(f->receive("q", 1).size() == 1);  // m0 again: handles[0] is stale now
      REQUIRE(f->sqs.delete_message("q", handles[1]));
      handles.push_back(f->receive("other").at(0).receipt_handle);
      handles.push_back("garbage");
    }

    auto results = batched.sqs.delete_messages("q", handles);

    REQUIRE(results.has_value());
    REQUIRE(results->size() == handles.size());
    for (std::size_t k = 0; k < handles.size(); ++k) {
      auto expected = single.sqs.delete_message("q", handles[k]);
      CHECK((*results)[k].has_value() == expected.has_value());
      if (!expected) {
        CHECK((*results)[k].error().code == expected.error().code);
        CHECK((*results)[k].error().message == expected.error().message);
      }
    }
    CHECK((*results)[25].error().code == "ReceiptHandleIsInvalid");
    CHECK((*results)[26].error().code == "ReceiptHandleIsInvalid");
    const auto remaining = [](SqsFixture& f) {
      std::vector<std::string> ids;
      const auto peeked = f.sqs.peek_messages("q");
      REQUIRE(peeked.has_value());
      for (const auto& message : *peeked) {
        ids.push_back(message.message_id);
      }
      return ids;
    };
    CHECK(remaining(batched).size() == 1);  // m0, received again since its first handle was issued
    CHECK(remaining(batched) == remaining(single));
    CHECK(batched.sqs.delete_messages("nope", handles).error().code ==
          "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(batched.sqs.delete_messages("q", {})->empty());
  }
}
