// The JSON 1.0 protocol: X-Amz-Target picks the operation; errors carry both the JSON shape and the
// Query code (x-amzn-query-error), as botocore 1.43 and the JavaScript SDK read them (aws-wire.md §2).

#include "emulator/http/sqs_json.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using namespace drydock::emulator::http;
using Json = nlohmann::json;

namespace {

HttpRequest json_request(std::string action, std::string body) {
  return {
      .method = "POST",
      .path = "/",
      .query = "",
      .headers = {{"x-amz-target", "AmazonSQS." + action}, {"Content-Type", "application/x-amz-json-1.0"}},
      .body = std::move(body)};
}

std::string header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("send and receive over JSON: AWS's member names, MD5s and a request id") {
    drydock::test::SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    SqsGate gate(f.sqs);
    const SqsEndpoint endpoint{"http://127.0.0.1:4566"};
    const auto sent = serve_sqs_json(
        gate,
        json_request("SendMessage", R"({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
          "MessageBody": "hello wire \u00e9", "MessageAttributes": {
            "Blob": {"DataType": "Binary", "BinaryValue": "AAH+/w=="},
            "Color": {"DataType": "String", "StringValue": "blue"},
            "Count": {"DataType": "Number", "StringValue": "42"}}})"),
        endpoint);
    CHECK(sent.status == 200);
    CHECK(sent.content_type == "application/x-amz-json-1.0");
    CHECK_FALSE(header(sent, "x-amzn-RequestId").empty());
    const Json answer = Json::parse(sent.body);
    CHECK(answer.at("MD5OfMessageBody") == "e29946cc46d34b29767deceb42894574");  // aws-wire.md §4's vector
    CHECK(answer.at("MD5OfMessageAttributes") == "78e573c49442e6c8c62693a29db10d00");
    const auto received =
        serve_sqs_json(gate, json_request("ReceiveMessage", R"({"QueueUrl": "http://localhost/123456789012/q",
          "MessageAttributeNames": ["Blob"], "AttributeNames": ["SentTimestamp"]})"),
                       endpoint);
    const Json message = Json::parse(received.body).at("Messages").at(0);
    CHECK(message.at("Body") == "hello wire \u00e9");
    CHECK(message.at("MessageAttributes") ==
          Json{{"Blob", {{"DataType", "Binary"}, {"BinaryValue", "AAH+/w=="}}}});
    CHECK(message.at("Attributes") == Json{{"SentTimestamp", "1700000000000"}});
  }

  TEST_CASE("errors: the JSON shape in __type, the Query code and fault in x-amzn-query-error") {
    drydock::test::SqsFixture f;
    SqsGate gate(f.sqs);
    const SqsEndpoint endpoint{"http://127.0.0.1:4566"};
    const auto missing =
        serve_sqs_json(gate, json_request("GetQueueUrl", R"({"QueueName": "nope"})"), endpoint);
    CHECK(missing.status == 400);
    CHECK(header(missing, "x-amzn-query-error") == "AWS.SimpleQueueService.NonExistentQueue;Sender");
    CHECK(Json::parse(missing.body) == Json{{"__type", "com.amazonaws.sqs#QueueDoesNotExist"},
                                            {"message", "The specified queue does not exist."}});
    const auto unknown = serve_sqs_json(gate, json_request("Explode", "{}"), endpoint);
    CHECK(unknown.status == 400);
    CHECK(Json::parse(unknown.body).at("__type") == "com.amazonaws.sqs#UnknownOperationException");
    for (const std::string& bad :
         std::vector<std::string>{"{", "[]", "\"text\"", std::string(100, '[') + std::string(100, ']')}) {
      const auto refused = serve_sqs_json(gate, json_request("ListQueues", bad), endpoint);
      CHECK(refused.status == 400);
      CHECK(Json::parse(refused.body).at("__type") == "com.amazon.coral.service#SerializationException");
    }
    const auto binary =
        serve_sqs_json(gate, json_request("SendMessage", R"({"QueueUrl": "q", "MessageBody": "x",
          "MessageAttributes": {"B": {"DataType": "Binary", "BinaryValue": "not base64!"}}})"),
                       endpoint);
    CHECK(binary.status == 400);
    CHECK(header(binary, "x-amzn-query-error") == "InvalidParameterValue;Sender");
  }
}
