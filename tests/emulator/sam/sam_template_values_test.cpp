// How values are read from a SAM template beyond upstream's: CloudFormation's defaults, numeric
// strings, both spellings of intrinsics, parameter defaults, event options and bucket filters.
#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"

#include "emulator/sam/sam_template.hpp"

using drydock::emulator::parse_sam_template;
using drydock::emulator::SamTemplate;
using drydock::emulator::schedule_rules;
using namespace std::chrono_literals;

namespace {

SamTemplate parse_ok(const std::string& text) {
  return drydock::test::require_loaded(parse_sam_template(text, "template.yaml"));
}

}  // namespace

TEST_SUITE("emulator/sam") {
  TEST_CASE("sam values: a bare queue and function get AWS's and SAM's defaults") {
    const SamTemplate sam = parse_ok(
        "Resources:\n"
        "  Bare:\n    Type: AWS::SQS::Queue\n"
        "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.handler\n"
        "  Other:\n    Type: AWS::SNS::Topic\n");
    REQUIRE(sam.queues.size() == 1);
    const auto& queue = sam.queues[0];
    CHECK(queue.name == "Bare");  // CloudFormation would generate a name; the logical id stands in
    CHECK(queue.name_generated);
    CHECK(queue.visibility_timeout == 30s);
    CHECK(queue.message_retention_period == 345600s);
    CHECK(queue.delay_seconds == 0s);
    CHECK(queue.maximum_message_size == 1'048'576);
    CHECK_FALSE(queue.redrive_policy.has_value());
    CHECK_FALSE(queue.has_redrive_allow_policy);
    REQUIRE(sam.functions.size() == 1);
    CHECK(sam.functions[0].timeout == 3s);  // SAM's default with no Globals
    CHECK(sam.buckets.empty());
  }

  TEST_CASE("sam values: numbers may be numeric strings, booleans strings, and !Ref a parameter's Default") {
    const SamTemplate sam = parse_ok(
        "Parameters:\n"
        "  Timeout: {Type: Number, Default: '120'}\n"
        "  Name: {Type: String, Default: my-queue}\n"
        "Globals:\n  Function:\n    Timeout: !Ref Timeout\n"
        "Resources:\n"
        "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        "      QueueName: !Ref Name\n"
        "      VisibilityTimeout: '120'\n"
        "      MessageRetentionPeriod: 60\n"
        "      DelaySeconds: \"5\"\n"
        "      MaximumMessageSize: 262144\n"
        "      FifoQueue: 'true'\n"
        "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
        "      Events:\n        Sqs:\n          Type: SQS\n          Properties:\n"
        "            Queue: {'Fn::GetAtt': [Q, Arn]}\n            BatchSize: '7'\n            Enabled: "
        "\"False\"\n"
        "            FunctionResponseTypes: [ReportBatchItemFailures]\n");
    const auto& queue = sam.queues[0];
    CHECK(queue.name == "my-queue");
    CHECK_FALSE(queue.name_generated);
    CHECK(queue.visibility_timeout == 120s);
    CHECK(queue.message_retention_period == 60s);
    CHECK(queue.delay_seconds == 5s);
    CHECK(queue.maximum_message_size == 262144);
    CHECK(queue.fifo);
    const auto& function = sam.functions[0];
    CHECK(function.timeout == 120s);
    REQUIRE(function.sqs_events.size() == 1);
    CHECK(function.sqs_events[0].queue == "Q");
    CHECK(function.sqs_events[0].batch_size == 7);
    CHECK_FALSE(function.sqs_events[0].enabled);
    CHECK(function.sqs_events[0].report_batch_item_failures);
  }

  TEST_CASE("sam values: a queue ARN may be written in every GetAtt spelling or literally") {
    const std::string queues =
        "Resources:\n"
        "  Dlq:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: the-dlq\n"
        "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n"
        "        maxReceiveCount: '3'\n        deadLetterTargetArn: ";
    for (const std::string spelling :
         {"!GetAtt Dlq.Arn", "!GetAtt [Dlq, Arn]", "{'Fn::GetAtt': Dlq.Arn}", "{'Fn::GetAtt': [Dlq, Arn]}",
          "arn:aws:sqs:us-east-1:123456789012:the-dlq"}) {
      CAPTURE(spelling);
      const SamTemplate sam = parse_ok(queues + spelling + "\n");
      REQUIRE(sam.queues[1].redrive_policy.has_value());
      CHECK(sam.queues[1].redrive_policy->dead_letter_queue == "Dlq");
      CHECK(sam.queues[1].redrive_policy->max_receive_count == 3);
    }
  }

  TEST_CASE("sam values: a queue named by !Sub keeps its logical id as its name") {
    const SamTemplate sam = parse_ok(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "
        "'${AWS::StackName}-q'\n");
    CHECK(sam.queues[0].name == "Q");
    CHECK(sam.queues[0].name_generated);
  }

  TEST_CASE("sam values: schedule events without Name, with State, and with cron") {
    const SamTemplate sam = parse_ok(
        "Resources:\n  Timer:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 60\n"
        "      Events:\n"
        "        Nightly:\n          Type: Schedule\n          Properties:\n"
        "            Schedule: cron(0 3 * * ? *)\n            State: DISABLED\n"
        "        Api:\n          Type: Api\n          Properties: {Path: /, Method: get}\n"
        "        Often:\n          Type: Schedule\n          Properties:\n            Schedule: rate(1 "
        "minute)\n");
    const auto rules = schedule_rules(sam);
    REQUIRE(rules.size() == 2);
    CHECK(rules[0].name == "TimerNightly");  // SAM's logical id for the rule
    CHECK(sam.functions[0].schedule_events[0].rule_name_generated);
    CHECK(rules[0].expression == "cron(0 3 * * ? *)");
    CHECK(rules[0].input.empty());
    CHECK_FALSE(rules[0].enabled);
    CHECK(rules[1].name == "TimerOften");
    CHECK(rules[1].enabled);
    CHECK(sam.functions[0].timeout == 60s);
  }

  TEST_CASE("sam values: bucket names and notification filters") {
    const SamTemplate sam = parse_ok(
        "Resources:\n"
        "  Q:\n    Type: AWS::SQS::Queue\n"
        "  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "
        "'templates-${AWS::AccountId}'\n"
        "      NotificationConfiguration:\n        QueueConfigurations:\n"
        "          - Event: s3:ObjectCreated:Put\n            Queue: !GetAtt Q.Arn\n"
        "            Filter:\n              S3Key:\n                Rules:\n"
        "                  - {Name: prefix, Value: fleet/}\n                  - {Name: Suffix, Value: "
        ".yaml}\n"
        "  Literal:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: plain-bucket\n"
        "  Unnamed:\n    Type: AWS::S3::Bucket\n");
    REQUIRE(sam.buckets.size() == 3);
    CHECK(sam.buckets[0].name == "templates-${AWS::AccountId}");
    CHECK(sam.buckets[0].name_intrinsic == "!Sub");
    REQUIRE(sam.buckets[0].queue_notifications.size() == 1);
    const auto& notification = sam.buckets[0].queue_notifications[0];
    CHECK(notification.event == "s3:ObjectCreated:Put");
    CHECK(notification.queue == "Q");
    CHECK(notification.prefix == "fleet/");
    CHECK(notification.suffix == ".yaml");
    CHECK(sam.buckets[1].name == "plain-bucket");
    CHECK(sam.buckets[1].name_intrinsic.empty());
    CHECK(sam.buckets[2].name.empty());
  }
}
