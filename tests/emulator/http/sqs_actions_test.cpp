// The SQS operations as wire clients call them (JSON protocol shapes), over the one SqsService: the
// rules that live in the adapter — queue URLs, attribute names and values, filters, pagination, batch
// entries, and clear errors for what is not emulated.

#include "emulator/http/sqs_actions.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using namespace drydock::emulator::http;
using Json = nlohmann::json;

namespace {

struct Actions {
  drydock::test::SqsFixture f;
  SqsEndpoint endpoint{"http://127.0.0.1:4566"};

  std::expected<Json, drydock::emulator::SqsError> call(std::string_view action, const Json& input) {
    return run_sqs_action(f.sqs, action, input, endpoint);
  }
  Json ok(std::string_view action, const Json& input) {
    auto result = call(action, input);
    REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error().code + ": " + result.error().message));
    return *result;
  }
  std::string code(std::string_view action, const Json& input) {
    auto result = call(action, input);
    return result ? "" : result.error().code;
  }
};

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("queue attributes: set and read back by name, RedrivePolicy as AWS writes it") {
    Actions a;
    a.ok("CreateQueue", {{"QueueName", "dlq"}});
    const Json created =
        a.ok("CreateQueue",
             {{"QueueName", "q"},
              {"Attributes",
               {{"VisibilityTimeout", "45"},
                {"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq",
                                                    "maxReceiveCount":"3"})"}}}});
    CHECK(created == Json{{"QueueUrl", "http://127.0.0.1:4566/123456789012/q"}});
    const Json read = a.ok("GetQueueAttributes",
                           {{"QueueUrl", "x/q"}, {"AttributeNames", {"VisibilityTimeout", "RedrivePolicy"}}});
    CHECK(
        read ==
        Json{
            {"Attributes",
             {{"VisibilityTimeout", "45"},
              {"RedrivePolicy",
               R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":3})"}}}});
    a.ok("SetQueueAttributes",
         {{"QueueUrl", "x/q"}, {"Attributes", {{"VisibilityTimeout", "60"}, {"RedrivePolicy", ""}}}});
    const Json all =
        a.ok("GetQueueAttributes", {{"QueueUrl", "x/q"}, {"AttributeNames", {"All"}}}).at("Attributes");
    CHECK(all.at("VisibilityTimeout") == "60");
    CHECK_FALSE(all.contains("RedrivePolicy"));
    CHECK(all.at("QueueArn") == "arn:aws:sqs:us-east-1:123456789012:q");
    CHECK(a.code("GetQueueAttributes", {{"QueueUrl", "x/q"}, {"AttributeNames", {"Colour"}}}) ==
          "InvalidAttributeName");
    CHECK(a.code("SetQueueAttributes",
                 {{"QueueUrl", "x/q"}, {"Attributes", {{"VisibilityTimeout", "soon"}}}}) ==
          "InvalidAttributeValue");
    CHECK(a.code("SetQueueAttributes", {{"QueueUrl", "x/q"}, {"Attributes", {{"Colour", "red"}}}}) ==
          "InvalidAttributeName");
  }

  TEST_CASE("what is not emulated is a clear UnsupportedOperation naming it") {
    Actions a;
    a.ok("CreateQueue", {{"QueueName", "q"}});
    for (const auto& [action, input] : std::vector<std::pair<std::string, Json>>{
             {"CreateQueue", {{"QueueName", "q.fifo"}, {"Attributes", {{"FifoQueue", "true"}}}}},
             {"SetQueueAttributes", {{"QueueUrl", "q"}, {"Attributes", {{"KmsMasterKeyId", "alias/k"}}}}},
             {"SendMessage", {{"QueueUrl", "q"}, {"MessageBody", "b"}, {"MessageGroupId", "g"}}},
             {"AddPermission", {{"QueueUrl", "q"}}}}) {
      const auto result = a.call(action, input);
      REQUIRE_FALSE(result);
      CHECK(result.error().code == "AWS.SimpleQueueService.UnsupportedOperation");
      CHECK(result.error().message.find("not emulated by Drydock yet") != std::string::npos);
    }
    CHECK(a.code("Explode", Json::object()) == "InvalidAction");
    CHECK(a.code("SendMessage", {{"QueueUrl", "q"}}) == "MissingParameter");
    CHECK(a.code("SendMessage", {{"QueueUrl", "q"}, {"MessageBody", 7}}) == "InvalidParameterValue");
  }

  TEST_CASE("queue tags: CreateQueue's tags, TagQueue replacing values, UntagQueue, AWS's limits") {
    Actions a;
    a.ok("CreateQueue", {{"QueueName", "q"}, {"tags", {{"team", "platform"}, {"env", "dev"}}}});
    CHECK(a.ok("ListQueueTags", {{"QueueUrl", "x/q"}}) ==
          Json{{"Tags", {{"env", "dev"}, {"team", "platform"}}}});
    a.ok("TagQueue", {{"QueueUrl", "x/q"}, {"Tags", {{"env", "prod"}, {"cost", "42"}}}});
    CHECK(a.ok("ListQueueTags", {{"QueueUrl", "x/q"}}) ==
          Json{{"Tags", {{"cost", "42"}, {"env", "prod"}, {"team", "platform"}}}});
    a.ok("UntagQueue", {{"QueueUrl", "x/q"}, {"TagKeys", {"team", "absent"}}});
    CHECK(a.ok("ListQueueTags", {{"QueueUrl", "x/q"}}) == Json{{"Tags", {{"cost", "42"}, {"env", "prod"}}}});
    // CreateQueue of an existing queue keeps its tags.
    a.ok("CreateQueue", {{"QueueName", "q"}, {"tags", {{"other", "x"}}}});
    CHECK(a.ok("ListQueueTags", {{"QueueUrl", "x/q"}}).at("Tags").size() == 2);
    a.ok("UntagQueue", {{"QueueUrl", "x/q"}, {"TagKeys", {"cost", "env"}}});
    CHECK(a.ok("ListQueueTags", {{"QueueUrl", "x/q"}}) == Json::object());

    Json fifty = Json::object();
    for (int k = 0; k < 50; ++k) {
      fifty["k" + std::to_string(k)] = "v";
    }
    a.ok("TagQueue", {{"QueueUrl", "x/q"}, {"Tags", fifty}});
    CHECK(a.code("TagQueue", {{"QueueUrl", "x/q"}, {"Tags", {{"one-more", "v"}}}}) ==
          "InvalidParameterValue");
    CHECK(a.ok("ListQueueTags", {{"QueueUrl", "x/q"}}).at("Tags").size() == 50);  // refused whole
    CHECK(a.code("TagQueue", {{"QueueUrl", "x/q"}, {"Tags", {{"aws:x", "v"}}}}) == "InvalidParameterValue");
    CHECK(a.code("TagQueue", {{"QueueUrl", "x/q"}, {"Tags", {{std::string(129, 'k'), "v"}}}}) ==
          "InvalidParameterValue");
    CHECK(a.code("TagQueue", {{"QueueUrl", "x/q"}, {"Tags", {{"k", std::string(257, 'v')}}}}) ==
          "InvalidParameterValue");
    CHECK(a.code("TagQueue", {{"QueueUrl", "x/q"}, {"Tags", {{"k", 1}}}}) == "InvalidParameterValue");
    CHECK(a.code("TagQueue", {{"QueueUrl", "x/q"}}) == "MissingParameter");
    CHECK(a.code("ListQueueTags", {{"QueueUrl", "x/none"}}) == "AWS.SimpleQueueService.NonExistentQueue");
    // Deleting the queue deletes its tags: a new queue of the name starts with none.
    a.ok("DeleteQueue", {{"QueueUrl", "x/q"}});
    a.ok("CreateQueue", {{"QueueName", "q"}});
    CHECK(a.ok("ListQueueTags", {{"QueueUrl", "x/q"}}) == Json::object());
  }

  TEST_CASE("ReceiveMessageWaitTimeSeconds, RedriveAllowPolicy and Policy are kept and read back") {
    Actions a;
    a.ok(
        "CreateQueue",
        {{"QueueName", "dlq"},
         {"Attributes",
          {{"ReceiveMessageWaitTimeSeconds", "20"},
           {"RedriveAllowPolicy",
            R"({"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:us-east-1:123456789012:ok"]})"},
           {"Policy", R"({"Version":"2012-10-17","Statement":[]})"}}}});
    const Json all =
        a.ok("GetQueueAttributes", {{"QueueUrl", "x/dlq"}, {"AttributeNames", {"All"}}}).at("Attributes");
    CHECK(all.at("ReceiveMessageWaitTimeSeconds") == "20");
    CHECK(all.at("RedriveAllowPolicy") ==
          R"({"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:us-east-1:123456789012:ok"]})");
    CHECK(all.at("Policy") == R"({"Version":"2012-10-17","Statement":[]})");
    // A receive without WaitTimeSeconds waits the queue's time; one with it, its own.
    CHECK(receive_wait_seconds(a.f.sqs, {{"QueueUrl", "x/dlq"}}) == 20);
    CHECK(receive_wait_seconds(a.f.sqs, {{"QueueUrl", "x/dlq"}, {"WaitTimeSeconds", 3}}) == 3);
    CHECK(receive_wait_seconds(a.f.sqs, {{"QueueUrl", "x/none"}}) == 0);

    // The DLQ's RedriveAllowPolicy decides which sources may name it.
    const std::string redrive =
        R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"2"})";
    a.ok("CreateQueue", {{"QueueName", "ok"}, {"Attributes", {{"RedrivePolicy", redrive}}}});
    CHECK(a.code("CreateQueue", {{"QueueName", "other"}, {"Attributes", {{"RedrivePolicy", redrive}}}}) ==
          "InvalidParameterValue");
    a.ok("SetQueueAttributes", {{"QueueUrl", "x/dlq"}, {"Attributes", {{"RedriveAllowPolicy", ""}}}});
    a.ok("CreateQueue", {{"QueueName", "other"}, {"Attributes", {{"RedrivePolicy", redrive}}}});

    for (const char* bad :
         {R"(not json)", R"({"redrivePermission":"sometimes"})", R"({"redrivePermission":"byQueue"})",
          R"({"redrivePermission":"allowAll","sourceQueueArns":["arn:aws:sqs:r:1:q"]})"}) {
      CAPTURE(bad);
      CHECK(a.code("SetQueueAttributes",
                   {{"QueueUrl", "x/dlq"}, {"Attributes", {{"RedriveAllowPolicy", bad}}}}) ==
            "InvalidParameterValue");
    }
    CHECK(a.code("SetQueueAttributes",
                 {{"QueueUrl", "x/dlq"}, {"Attributes", {{"ReceiveMessageWaitTimeSeconds", "21"}}}}) ==
          "InvalidParameterValue");
    CHECK(a.code("SetQueueAttributes", {{"QueueUrl", "x/dlq"}, {"Attributes", {{"Policy", "[1]"}}}}) ==
          "InvalidParameterValue");
    // CreateQueue of an existing queue with a different value is AWS's QueueAlreadyExists.
    CHECK(a.code("CreateQueue",
                 {{"QueueName", "ok"}, {"Attributes", {{"ReceiveMessageWaitTimeSeconds", "5"}}}}) ==
          "QueueAlreadyExists");
  }

  TEST_CASE("ListQueues and ListDeadLetterSourceQueues page by name, with a prefix") {
    Actions a;
    for (const char* name : {"a-dlq", "a-1", "a-2", "b-1"}) {
      a.ok("CreateQueue", {{"QueueName", name}});
    }
    for (const char* name : {"a-1", "a-2"}) {
      a.ok(
          "SetQueueAttributes",
          {{"QueueUrl", name},
           {"Attributes",
            {{"RedrivePolicy",
              R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:a-dlq","maxReceiveCount":2})"}}}});
    }
    const Json first = a.ok("ListQueues", {{"QueueNamePrefix", "a-"}, {"MaxResults", 2}});
    CHECK(first.at("QueueUrls") ==
          Json::array({"http://127.0.0.1:4566/123456789012/a-1", "http://127.0.0.1:4566/123456789012/a-2"}));
    const Json rest = a.ok(
        "ListQueues", {{"QueueNamePrefix", "a-"}, {"MaxResults", 2}, {"NextToken", first.at("NextToken")}});
    CHECK(rest == Json{{"QueueUrls", {"http://127.0.0.1:4566/123456789012/a-dlq"}}});
    CHECK(a.ok("ListQueues", {{"QueueNamePrefix", "zzz"}}) == Json::object());
    CHECK(a.code("ListQueues", {{"MaxResults", 0}}) == "InvalidParameterValue");
    const Json sources = a.ok("ListDeadLetterSourceQueues", {{"QueueUrl", "a-dlq"}, {"MaxResults", 1}});
    CHECK(sources.at("queueUrls") == Json::array({"http://127.0.0.1:4566/123456789012/a-1"}));
    CHECK(sources.at("NextToken") == "a-1");
    CHECK(a.ok("ListDeadLetterSourceQueues", {{"QueueUrl", "b-1"}}) == Json{{"queueUrls", Json::array()}});
  }

  TEST_CASE("batches: entries that cannot be read fail alone, and batch-level rules fail the call") {
    Actions a;
    a.ok("CreateQueue", {{"QueueName", "q"}});
    const Json sent =
        a.ok("SendMessageBatch", {{"QueueUrl", "q"},
                                  {"Entries",
                                   {{{"Id", "a"}, {"MessageBody", "one"}},
                                    {{"Id", "b"}},
                                    {{"Id", "c"}, {"MessageBody", "three"}, {"DelaySeconds", 901}}}}});
    CHECK(sent.at("Successful").size() == 1);
    CHECK(sent.at("Successful").at(0).at("Id") == "a");
    REQUIRE(sent.at("Failed").size() == 2);
    CHECK(sent.at("Failed").at(0).at("Code") == "MissingParameter");
    CHECK(sent.at("Failed").at(1).at("Code") == "InvalidParameterValue");
    CHECK(a.code("SendMessageBatch", {{"QueueUrl", "q"}, {"Entries", Json::array()}}) ==
          "AWS.SimpleQueueService.EmptyBatchRequest");
    CHECK(a.code("SendMessageBatch",
                 {{"QueueUrl", "nope"}, {"Entries", {{{"Id", "a"}, {"MessageBody", "x"}}}}}) ==
          "AWS.SimpleQueueService.NonExistentQueue");
    const Json received = a.ok("ReceiveMessage", {{"QueueUrl", "q"}});
    const auto handle = received.at("Messages").at(0).at("ReceiptHandle").get<std::string>();
    const Json changed = a.ok("ChangeMessageVisibilityBatch",
                              {{"QueueUrl", "q"},
                               {"Entries",
                                {{{"Id", "ok"}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 0}},
                                 {{"Id", "bad"}, {"ReceiptHandle", "nonsense"}, {"VisibilityTimeout", 0}}}}});
    CHECK(changed.at("Successful") == Json::array({Json{{"Id", "ok"}}}));
    CHECK(changed.at("Failed").at(0).at("Code") == "ReceiptHandleIsInvalid");
    CHECK(a.code("ChangeMessageVisibilityBatch",
                 {{"QueueUrl", "q"},
                  {"Entries",
                   {{{"Id", "x"}, {"ReceiptHandle", handle}}, {{"Id", "x"}, {"ReceiptHandle", handle}}}}}) ==
          "AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
    CHECK(a.ok("ReceiveMessage", {{"QueueUrl", "q"}}).at("Messages").size() == 1);  // visible again
  }

  TEST_CASE("ReceiveMessage returns only the attributes asked for, by name, All or a prefix") {
    Actions a;
    a.ok("CreateQueue", {{"QueueName", "q"}});
    a.ok("SendMessage", {{"QueueUrl", "q"},
                         {"MessageBody", "b"},
                         {"MessageAttributes",
                          {{"trace.id", {{"DataType", "String"}, {"StringValue", "1"}}},
                           {"trace.span", {{"DataType", "String"}, {"StringValue", "2"}}},
                           {"other", {{"DataType", "Number"}, {"StringValue", "3"}}}}}});
    const Json plain =
        a.ok("ReceiveMessage", {{"QueueUrl", "q"}, {"VisibilityTimeout", 0}}).at("Messages").at(0);
    CHECK_FALSE(plain.contains("Attributes"));
    CHECK_FALSE(plain.contains("MessageAttributes"));
    CHECK_FALSE(plain.contains("MD5OfMessageAttributes"));
    const Json some = a.ok("ReceiveMessage", {{"QueueUrl", "q"},
                                              {"VisibilityTimeout", 0},
                                              {"MessageAttributeNames", {"trace.*"}},
                                              {"MessageSystemAttributeNames", {"ApproximateReceiveCount"}}})
                          .at("Messages")
                          .at(0);
    CHECK(some.at("Attributes") == Json{{"ApproximateReceiveCount", "2"}});
    CHECK(some.at("MessageAttributes").size() == 2);
    CHECK(some.at("MessageAttributes").contains("trace.span"));
    CHECK(some.contains("MD5OfMessageAttributes"));
    CHECK(a.code("ReceiveMessage", {{"QueueUrl", "q"}, {"MaxNumberOfMessages", 11}}) ==
          "InvalidParameterValue");
    CHECK(a.code("ReceiveMessage", {{"QueueUrl", "q"}, {"WaitTimeSeconds", "5"}}) == "InvalidParameterValue");
  }
}
