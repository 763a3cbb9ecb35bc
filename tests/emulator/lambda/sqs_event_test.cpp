// The Lambda SQS event (aws-anchors.md §4.5; https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html,
// "Example standard queue message event"): AWS's key order, every system attribute a string, message
// attributes in lower camel case, md5OfMessageAttributes only when there are attributes.

#include "emulator/lambda/sqs_event.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::emulator::MessageAttributeValue;
using drydock::emulator::ReceivedMessage;
using drydock::emulator::sqs_event;
using drydock::emulator::sqs_event_json;

namespace {

// AWS's sample record (with-sqs.html).
ReceivedMessage aws_sample() {
  ReceivedMessage message;
  message.message_id = "059f36b4-87a3-44ab-83d2-661975830a7d";
  message.receipt_handle = "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...";
  message.body = "Test message.";
  message.md5_of_body = "e4e68fb7bd0e697a0ae8f1bb342846b3";
  message.attributes = {{"ApproximateReceiveCount", "1"},
                        {"SentTimestamp", "1545082649183"},
                        {"SenderId", "AIDAIENQZJOLO23YVJ4VO"},
                        {"ApproximateFirstReceiveTimestamp", "1545082649185"}};
  return message;
}

}  // namespace

TEST_SUITE("emulator/lambda") {
  TEST_CASE("the event of AWS's sample message is AWS's sample event, key for key") {
    CHECK(sqs_event_json({aws_sample()}, "arn:aws:sqs:us-east-2:123456789012:my-queue", "us-east-2") ==
          R"({"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d",)"
          R"("receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...","body":"Test message.",)"
          R"("attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183",)"
          R"("SenderId":"AIDAIENQZJOLO23YVJ4VO","ApproximateFirstReceiveTimestamp":"1545082649185"},)"
          R"("messageAttributes":{},"md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3",)"
          R"("eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-2:123456789012:my-queue",)"
          R"("awsRegion":"us-east-2"}]})");
  }

  TEST_CASE("message attributes, the trace header and the DLQ source follow AWS's shapes and order") {
    ReceivedMessage message = aws_sample();
    message.attributes["AWSTraceHeader"] = "Root=1-5759e988-bd862e3fe1be46a994272793";
    message.attributes["DeadLetterQueueSourceArn"] = "arn:aws:sqs:us-east-2:123456789012:src";
    message.message_attributes = {
        {"blob", MessageAttributeValue{.data_type = "Binary", .binary_value = std::string("\x00\xff", 2)}},
        {"count", MessageAttributeValue{.data_type = "Number", .string_value = "7"}},
        {"name", MessageAttributeValue{.data_type = "String", .string_value = "hé"}}};
    message.md5_of_message_attributes = "0123456789abcdef0123456789abcdef";
    message.body = "{\"a\": \"\\u00e9\"}";
    CHECK(sqs_event_json({message}, "arn:aws:sqs:us-east-2:123456789012:q", "us-east-2") ==
          R"({"Records":[{"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d",)"
          R"("receiptHandle":"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...","body":"{\"a\": \"\\u00e9\"}",)"
          R"("attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082649183",)"
          R"("SenderId":"AIDAIENQZJOLO23YVJ4VO","ApproximateFirstReceiveTimestamp":"1545082649185",)"
          R"("AWSTraceHeader":"Root=1-5759e988-bd862e3fe1be46a994272793",)"
          R"("DeadLetterQueueSourceArn":"arn:aws:sqs:us-east-2:123456789012:src"},)"
          R"("messageAttributes":{)"
          R"("blob":{"binaryValue":"AP8=","stringListValues":[],"binaryListValues":[],"dataType":"Binary"},)"
          R"("count":{"stringValue":"7","stringListValues":[],"binaryListValues":[],"dataType":"Number"},)"
          R"("name":{"stringValue":"hé","stringListValues":[],"binaryListValues":[],"dataType":"String"}},)"
          R"("md5OfBody":"e4e68fb7bd0e697a0ae8f1bb342846b3",)"
          R"("md5OfMessageAttributes":"0123456789abcdef0123456789abcdef",)"
          R"("eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-2:123456789012:q",)"
          R"("awsRegion":"us-east-2"}]})");
  }

  TEST_CASE("a batch becomes one record per message, in batch order") {
    ReceivedMessage second = aws_sample();
    second.message_id = "second";
    const auto event = sqs_event({aws_sample(), second}, "arn", "eu-west-1");
    REQUIRE(event.at("Records").size() == 2);
    CHECK(event.at("Records")[1].at("messageId") == "second");
    CHECK(sqs_event({}, "arn", "eu-west-1").dump() == R"({"Records":[]})");
  }

  TEST_CASE("a message received from the emulated SQS carries its real attributes and MD5s") {
    drydock::test::SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    REQUIRE(f.sqs.send_message(
        "q",
        {.body = "Test message.",
         .message_attributes = {{"k", MessageAttributeValue{.data_type = "String", .string_value = "v"}}}}));
    const auto received = f.receive("q");
    REQUIRE(received.size() == 1);
    const auto event = sqs_event(received, f.sqs.queue_arn("q"), "us-east-1");
    const auto& record = event.at("Records")[0];
    CHECK(record.at("md5OfBody") == "e4e68fb7bd0e697a0ae8f1bb342846b3");
    CHECK(record.at("md5OfMessageAttributes") == *received[0].md5_of_message_attributes);
    CHECK(record.at("attributes").at("ApproximateReceiveCount") == "1");
    CHECK(record.at("attributes").at("SentTimestamp") == std::to_string(f.now_ms()));
    CHECK(record.at("eventSourceARN") == "arn:aws:sqs:us-east-1:123456789012:q");
    CHECK(record.at("messageAttributes").at("k").at("stringValue") == "v");
  }
}

TEST_SUITE("emulator/lambda") {
  TEST_CASE("the written event is byte for byte nlohmann's dump, escapes and UTF-8 included") {
    std::string every_ascii;
    for (int c = 0; c < 0x80; ++c) {
      every_ascii += static_cast<char>(c);
    }
    const std::vector<std::string> texts = {
        "", every_ascii, "é ü 漢字 😀", "tab\there \"quoted\" back\\slash", "\x7f", "a\x01z\x1f"};
    for (const std::string& text : texts) {
      ReceivedMessage message = aws_sample();
      message.body = text;
      message.attributes["ZCustom"] = text;
      message.attributes["AWSTraceHeader"] = text;
      message.message_attributes = {{text.empty() ? "n" : "n" + text,
                                     MessageAttributeValue{.data_type = "String", .string_value = text}}};
      message.md5_of_message_attributes = "0123456789abcdef0123456789abcdef";
      const std::vector<ReceivedMessage> batch = {message, aws_sample()};
      CAPTURE(text);
      CHECK(sqs_event_json(batch, "arn:x", "eu-west-1") ==
            sqs_event(batch, "arn:x", "eu-west-1")
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  }

  TEST_CASE("text that is not UTF-8 is replaced by U+FFFD, as the dump does") {
    ReceivedMessage message = aws_sample();
    message.body = "bad \xff byte";
    const std::string event = sqs_event_json({message}, "arn", "eu-west-1");
    CHECK(event.find("\"body\":\"bad \xEF\xBF\xBD byte\"") != std::string::npos);
    CHECK(event == sqs_event({message}, "arn", "eu-west-1")
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}
