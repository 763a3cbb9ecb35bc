// The Query protocol: flattened form fields brought to the JSON protocol's shape, and answers in
// AWS's XML (aws-wire.md §3; the field names are those Debian's boto3 1.26 sends).

#include "emulator/http/sqs_query.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using namespace drydock::emulator::http;
using Json = nlohmann::json;

TEST_SUITE("emulator/http") {
  TEST_CASE("flattened lists and maps become the JSON protocol's members, numbers numbers") {
    const auto input =
        query_input({{"Action", "SendMessageBatch"},
                     {"Version", "2012-11-05"},
                     {"QueueUrl", "http://127.0.0.1:4566/123456789012/wire-q"},
                     {"SendMessageBatchRequestEntry.2.Id", "b"},
                     {"SendMessageBatchRequestEntry.2.MessageBody", "two"},
                     {"SendMessageBatchRequestEntry.2.DelaySeconds", "5"},
                     {"SendMessageBatchRequestEntry.2.MessageAttribute.1.Name", "k"},
                     {"SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType", "String"},
                     {"SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue", "v"},
                     {"SendMessageBatchRequestEntry.10.Id", "j"},
                     {"SendMessageBatchRequestEntry.10.MessageBody", "ten"},
                     {"SendMessageBatchRequestEntry.1.Id", "a"},
                     {"SendMessageBatchRequestEntry.1.MessageBody", "one"}});
    REQUIRE(input);
    CHECK(*input == Json::parse(R"({"QueueUrl": "http://127.0.0.1:4566/123456789012/wire-q", "Entries": [
      {"Id": "a", "MessageBody": "one"},
      {"Id": "b", "MessageBody": "two", "DelaySeconds": 5,
       "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}}},
      {"Id": "j", "MessageBody": "ten"}]})"));
  }

  TEST_CASE("CreateQueue's attributes stay strings, and ReceiveMessage's names become lists") {
    const auto create = query_input({{"QueueName", "q"},
                                     {"Attribute.1.Name", "VisibilityTimeout"},
                                     {"Attribute.1.Value", "30"},
                                     {"Attribute.2.Name", "RedrivePolicy"},
                                     {"Attribute.2.Value", R"({"maxReceiveCount":"5"})"}});
    REQUIRE(create);
    CHECK(*create == Json{{"QueueName", "q"},
                          {"Attributes",
                           {{"VisibilityTimeout", "30"}, {"RedrivePolicy", R"({"maxReceiveCount":"5"})"}}}});
    const auto receive = query_input({{"AttributeName.1", "All"},
                                      {"MessageAttributeName.1", "All"},
                                      {"MaxNumberOfMessages", "10"},
                                      {"WaitTimeSeconds", "x"}});
    REQUIRE(receive);
    CHECK(receive->at("AttributeNames") == Json::array({"All"}));
    CHECK(receive->at("MessageAttributeNames") == Json::array({"All"}));
    CHECK(receive->at("MaxNumberOfMessages") == 10);
    CHECK(receive->at("WaitTimeSeconds") == "x");  // left for the operation to refuse, naming it
  }

  TEST_CASE("a name used both as a value and as a list cannot be read") {
    CHECK_FALSE(query_input({{"Attribute", "x"}, {"Attribute.1.Name", "y"}}));
    CHECK_FALSE(query_input({{"Attribute.1.Name", "y"}, {"Attribute", "x"}}));
    CHECK_FALSE(query_input({{"Attribute..Name", "y"}}));
  }

  TEST_CASE("answers are AWS's XML: lists flattened, maps as Name/Value, no Result for empty outputs") {
    const Json received = Json::parse(R"({"Messages": [{"MessageId": "m", "Body": "b<",
      "Attributes": {"SentTimestamp": "1"},
      "MessageAttributes": {"k": {"DataType": "Binary", "BinaryValue": "AAH+/w=="}}}]})");
    CHECK(
        query_output_xml("ReceiveMessage", received, "rid") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<ReceiveMessageResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><ReceiveMessageResult>"
        "<Message><Attribute><Name>SentTimestamp</Name><Value>1</Value></Attribute><Body>b&lt;</Body>"
        "<MessageAttribute><Name>k</Name><Value><BinaryValue>AAH+/w==</BinaryValue><DataType>Binary</"
        "DataType>"
        "</Value></MessageAttribute><MessageId>m</MessageId></Message></ReceiveMessageResult>"
        "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ReceiveMessageResponse>");
    const Json batch = Json::parse(R"({"Successful": [{"Id": "a"}],
      "Failed": [{"Id": "b", "SenderFault": true, "Code": "c", "Message": "m"}]})");
    const std::string xml = query_output_xml("DeleteMessageBatch", batch, "rid");
    CHECK(xml.find("<DeleteMessageBatchResultEntry><Id>a</Id></DeleteMessageBatchResultEntry>") !=
          std::string::npos);
    CHECK(xml.find("<BatchResultErrorEntry><Code>c</Code><Id>b</Id><Message>m</Message><SenderFault>true"
                   "</SenderFault></BatchResultErrorEntry>") != std::string::npos);
    CHECK(query_output_xml("DeleteMessage", Json::object(), "rid").find("Result") == std::string::npos);
  }

  TEST_CASE("a request runs on the service, and an error is an ErrorResponse with AWS's code and a 400") {
    drydock::test::SqsFixture f;
    SqsGate gate(f.sqs);
    const SqsEndpoint endpoint{"http://127.0.0.1:4566"};
    const auto created = serve_sqs_query(
        gate, {{"Action", "CreateQueue"}, {"Version", "2012-11-05"}, {"QueueName", "q"}}, endpoint);
    CHECK(created.status == 200);
    CHECK(created.content_type == "text/xml");
    CHECK(created.body.find("<QueueUrl>http://127.0.0.1:4566/123456789012/q</QueueUrl>") !=
          std::string::npos);
    const auto missing = serve_sqs_query(
        gate, {{"Action", "GetQueueUrl"}, {"Version", "2012-11-05"}, {"QueueName", "nope"}}, endpoint);
    CHECK(missing.status == 400);
    CHECK(missing.body.find("<Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>"
                            "<Message>The specified queue does not exist.</Message></Error>") !=
          std::string::npos);
    const auto unknown = serve_sqs_query(gate, {{"Action", "Explode"}}, endpoint);
    CHECK(unknown.status == 400);
    CHECK(unknown.body.find("<Code>InvalidAction</Code>") != std::string::npos);
  }
}
