// SendMessage / SendMessageBatch limits and MD5s (aws-anchors.md §4.2).

#include <doctest/doctest.h>

#include "emulator/common/md5.hpp"
#include "emulator/sqs/message_checks.hpp"
#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::emulator::MessageAttributes;
using drydock::emulator::SendMessageEntry;
using drydock::test::SqsFixture;

namespace {

std::vector<SendMessageEntry> entries(std::size_t count, std::size_t body_bytes = 10) {
  std::vector<SendMessageEntry> out;
  for (std::size_t i = 0; i < count; ++i) {
    out.push_back({.id = std::to_string(i + 1), .body = std::string(body_bytes, 'x')});
  }
  return out;
}

}  // namespace

TEST_SUITE("emulator/sqs") {
  TEST_CASE("a sent message reports a UUID message id and the MD5 of its body") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    auto sent = f.sqs.send_message("q", {.body = "Test message."});
    REQUIRE(sent);
    CHECK(sent->message_id.size() == 36);
    CHECK(sent->message_id[14] == '4');
    // aws-anchors.md §4.5: the Lambda sample event's body "Test message." has this md5OfBody.
    CHECK(sent->md5_of_message_body == "e4e68fb7bd0e697a0ae8f1bb342846b3");
    CHECK_FALSE(sent->md5_of_message_attributes.has_value());
  }

  TEST_CASE("MD5OfMessageAttributes follows AWS's length-prefixed encoding in name order") {
    // Vectors checked by AWS SDKs, which verify this digest on every send.
    const MessageAttributes one{{"SellerName", {"String", "Example Store", std::nullopt}}};
    CHECK(drydock::emulator::md5_of_message_attributes(one) == "cd28f3b68aeee4b2eac9c66f2f694b58");
    const MessageAttributes two{{"ordinal", {"Number", "1", std::nullopt}},
                                {"category", {"String", "test", std::nullopt}}};
    CHECK(drydock::emulator::md5_of_message_attributes(two) == "d21ae90c49061e927f57df5f5d72be1f");
    CHECK_FALSE(drydock::emulator::md5_of_message_attributes({}).has_value());
  }

  TEST_CASE("a batch of more than 10 entries is rejected with AWS's message") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    auto result = f.sqs.send_message_batch("q", entries(20));
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "AWS.SimpleQueueService.TooManyEntriesInBatchRequest");
    CHECK(result.error().message == "Maximum number of entries per request are 10. You have sent 20.");
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 0);
  }

  TEST_CASE("empty batches, repeated ids and malformed ids are batch-level errors") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    CHECK(f.sqs.send_message_batch("q", {}).error().code == "AWS.SimpleQueueService.EmptyBatchRequest");
    auto repeated = entries(2);
    repeated[1].id = "1";
    CHECK(f.sqs.send_message_batch("q", repeated).error().code ==
          "AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
    CHECK(f.sqs.send_message_batch("q", repeated).error().message == "Id 1 repeated.");
    auto bad = entries(1);
    bad[0].id = "has space";
    CHECK(f.sqs.send_message_batch("q", bad).error().code == "AWS.SimpleQueueService.InvalidBatchEntryId");
    bad[0].id = std::string(81, 'a');
    CHECK(f.sqs.send_message_batch("q", bad).error().code == "AWS.SimpleQueueService.InvalidBatchEntryId");
  }

  TEST_CASE("a message of 1 MiB is accepted and one byte more is rejected") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    CHECK(f.sqs.send_message("q", {.body = std::string(1'048'576, 'a')}));
    auto over = f.sqs.send_message("q", {.body = std::string(1'048'577, 'a')});
    REQUIRE_FALSE(over);
    CHECK(over.error().code == "InvalidParameterValue");
    CHECK(over.error().message ==
          "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.");
  }

  TEST_CASE("message attributes count toward the size limit") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    SendMessageEntry entry{.body = std::string(1'048'576 - 10, 'a')};
    entry.message_attributes["k"] = {"String", "0123456789", std::nullopt};  // 1 + 6 + 10 bytes
    CHECK_FALSE(f.sqs.send_message("q", entry));
  }

  TEST_CASE("a batch whose bodies add up to more than 1 MiB is rejected as a whole") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    auto batch = entries(2, 524'288);
    batch[1].body.push_back('x');
    auto result = f.sqs.send_message_batch("q", batch);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "AWS.SimpleQueueService.BatchRequestTooLong");
    CHECK(result.error().message ==
          "Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.");
  }

  TEST_CASE("a batch sends the valid entries and reports each invalid one") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    auto batch = entries(3);
    batch[1].body = std::string("bad \x01 char");
    auto result = f.sqs.send_message_batch("q", batch);
    REQUIRE(result);
    CHECK(result->successful.size() == 2);
    REQUIRE(result->failed.size() == 1);
    CHECK(result->failed[0].id == "2");
    CHECK(result->failed[0].code == "InvalidMessageContents");
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 2);
  }

  TEST_CASE("bodies must be non-empty valid UTF-8 of the characters SQS allows") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    CHECK(f.sqs.send_message("q", {.body = ""}).error().code == "MissingParameter");
    CHECK(f.sqs.send_message("q", {.body = "\xff"}).error().code == "InvalidMessageContents");
    CHECK(f.sqs.send_message("q", {.body = "\xef\xbf\xbe"}).error().code ==
          "InvalidMessageContents");  // U+FFFE
    CHECK(f.sqs.send_message("q", {.body = "tab\tnewline\n\xf0\x9f\x9a\x80"}));
  }

  TEST_CASE("message attribute names and types are checked") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    for (const char* name : {"AWS.x", "amazon.y", ".lead", "trail.", "a..b", "sp ace", ""}) {
      SendMessageEntry entry{.body = "b"};
      entry.message_attributes[name] = {"String", "v", std::nullopt};
      CAPTURE(name);
      CHECK(f.sqs.send_message("q", entry).error().code == "InvalidParameterValue");
    }
    SendMessageEntry typed{.body = "b"};
    typed.message_attributes["n"] = {"Integer", "1", std::nullopt};
    CHECK_FALSE(f.sqs.send_message("q", typed));
    typed.message_attributes["n"] = {"Number.int", "1", std::nullopt};
    CHECK(f.sqs.send_message("q", typed));
    SendMessageEntry empty{.body = "b"};
    empty.message_attributes["e"] = {"String", "", std::nullopt};
    CHECK_FALSE(f.sqs.send_message("q", empty));
  }

  TEST_CASE("sending to a queue that does not exist fails with NonExistentQueue") {
    SqsFixture f;
    CHECK(f.sqs.send_message("nope", {.body = "b"}).error().code ==
          "AWS.SimpleQueueService.NonExistentQueue");
  }

  TEST_CASE("a per-message delay keeps the message out of reach until it is over") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    REQUIRE(f.sqs.send_message("q", {.body = "later", .delay = std::chrono::seconds(60)}));
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages_delayed == 1);
    CHECK(f.receive("q").empty());
    f.clock.advance_by(std::chrono::seconds(60));
    CHECK(f.receive("q").size() == 1);
    CHECK(f.sqs.send_message("q", {.body = "x", .delay = std::chrono::seconds(901)}).error().code ==
          "InvalidParameterValue");
  }
}
