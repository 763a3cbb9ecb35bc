// What a bad SAM template reports: every problem, compiler-style, with file:line:column and the
// field path under Resources.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include "emulator/sam/sam_template.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::parse_sam_template;

namespace doctest {
// Shows each diagnostic on its own line when a comparison fails.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const auto& line : lines) {
      out += "\n  " + line;
    }
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace {

// Every diagnostic for `text`, formatted; empty when it parses.
std::vector<std::string> problems(const std::string& text) {
  std::vector<std::string> out;
  auto sam = parse_sam_template(text, "template.yaml");
  if (!sam) {
    for (const auto& diagnostic : sam.error()) {
      out.push_back(drydock::workers::format_diagnostic(diagnostic));
    }
  }
  return out;
}

const std::string k_dlq = "Resources:\n  Dlq:\n    Type: AWS::SQS::Queue\n";

}  // namespace

TEST_SUITE("emulator/sam") {
  DRYDOCK_STARFLEET_FILES_TEST(
      sam_bad_visibility,
      "sam errors: a non-numeric VisibilityTimeout in the SAM template points at the value") {
    std::string text = drydock::test::read_file(tree / "test_sam_template.yaml");
    const auto at = text.find("VisibilityTimeout: 300");
    REQUIRE(at != std::string::npos);
    text.replace(at, 22, "VisibilityTimeout: soon");
    // The value's line and column, 1-based.
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    const auto column = at - text.rfind('\n', at) + std::string_view("VisibilityTimeout: ").size();
    CHECK(problems(text) == std::vector<std::string>{fmt::format(
                                "template.yaml:{}:{}: error: Resources.StarbaseFanoutQueue.Properties."
                                "VisibilityTimeout: must be an integer number of seconds 0..43200",
                                line, column)});
  }

  TEST_CASE("sam errors: numbers out of range, floats and booleans are not integers") {
    CHECK(problems(k_dlq + "    Properties:\n      VisibilityTimeout: 43201\n") ==
          std::vector<std::string>{
              "template.yaml:5:26: error: Resources.Dlq.Properties.VisibilityTimeout: must be "
              "an integer number of seconds 0..43200"});
    CHECK(problems(k_dlq + "    Properties:\n      VisibilityTimeout: 30.5\n").size() == 1);
    CHECK(problems(k_dlq + "    Properties:\n      VisibilityTimeout: yes\n").size() == 1);
    CHECK(problems(k_dlq + "    Properties:\n      VisibilityTimeout: '-1'\n").size() == 1);
    CHECK(problems(k_dlq + "    Properties:\n      MessageRetentionPeriod: 59\n").size() == 1);
    CHECK(problems(k_dlq + "    Properties:\n      MaximumMessageSize: 1048577\n") ==
          std::vector<std::string>{
              "template.yaml:5:27: error: Resources.Dlq.Properties.MaximumMessageSize: must "
              "be an integer number of bytes 1024..1048576"});
  }

  TEST_CASE("sam errors: a RedrivePolicy pointing at an unknown queue") {
    const std::string text = k_dlq +
                             "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n"
                             "        deadLetterTargetArn: !GetAtt Missing.Arn\n        maxReceiveCount: 4\n";
    CHECK(
        problems(text) ==
        std::vector<std::string>{
            "template.yaml:8:30: error: Resources.Q.Properties.RedrivePolicy.deadLetterTargetArn: !GetAtt "
            "Missing.Arn names no AWS::SQS::Queue in this template (no queue has the logical id 'Missing')"});

    SUBCASE("or at a queue ARN not in the template") {
      const std::string literal = k_dlq +
                                  "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n"
                                  "        deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:gone\n"
                                  "        maxReceiveCount: 4\n";
      CHECK(
          problems(literal) ==
          std::vector<std::string>{"template.yaml:8:30: error: Resources.Q.Properties.RedrivePolicy."
                                   "deadLetterTargetArn: arn:aws:sqs:us-east-1:123456789012:gone names queue "
                                   "'gone', which is not in this template"});
    }
    SUBCASE("or at the queue's URL instead of its ARN") {
      const std::string url =
          k_dlq +
          "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n"
          "        deadLetterTargetArn: !GetAtt Dlq.QueueUrl\n        maxReceiveCount: 4\n"
          "  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n"
          "        deadLetterTargetArn: !Ref Dlq\n        maxReceiveCount: 4\n";
      CHECK(problems(url) ==
            std::vector<std::string>{"template.yaml:8:30: error: "
                                     "Resources.Q.Properties.RedrivePolicy.deadLetterTargetArn: expected the "
                                     "queue's ARN (!GetAtt Dlq.Arn), found !GetAtt Dlq.QueueUrl",
                                     "template.yaml:14:30: error: "
                                     "Resources.R.Properties.RedrivePolicy.deadLetterTargetArn: !Ref of a "
                                     "queue gives its URL, not its ARN; use !GetAtt Dlq.Arn"});
    }
  }

  TEST_CASE("sam errors: maxReceiveCount must be 1..1000 and both redrive keys are required") {
    const std::string head = k_dlq +
                             "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy:\n"
                             "        deadLetterTargetArn: !GetAtt Dlq.Arn\n";
    for (const char* count : {"0", "1001", "four"}) {
      CAPTURE(count);
      CHECK(problems(head + "        maxReceiveCount: " + count + "\n") ==
            std::vector<std::string>{"template.yaml:9:26: error: Resources.Q.Properties.RedrivePolicy."
                                     "maxReceiveCount: must be an integer 1..1000"});
    }
    CHECK(problems(head) == std::vector<std::string>{"template.yaml:8:9: error: Resources.Q.Properties."
                                                     "RedrivePolicy.maxReceiveCount: missing required key "
                                                     "'maxReceiveCount'"});
  }

  TEST_CASE("sam errors: a YAML syntax error is one diagnostic at its position") {
    CHECK(problems("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n   Properties: {}\n") ==
          std::vector<std::string>{"template.yaml:4:4: error: invalid YAML: while parsing a block mapping "
                                   "(line 2, column 3): expected "
                                   "<block end>, but found '<block mapping start>'"});
    CHECK(problems("Resources: [\n") ==
          std::vector<std::string>{
              "template.yaml:2:1: error: invalid YAML: while parsing a flow node: expected the node content, "
              "but found '<stream end>'"});
  }

  TEST_CASE("sam errors: every problem is reported, in file order") {
    const std::string text =
        "Resources:\n"
        "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: 901\n"
        "      Events:\n"
        "        Sqs:\n          Type: SQS\n          Properties:\n            BatchSize: 0\n"
        "            FunctionResponseTypes: [ReportFailures]\n"
        "        Tick:\n          Type: Schedule\n          Properties:\n"
        "            Schedule: rate(5 minute)\n            Input: '{name: HOURLY}'\n"
        "            Enabled: true\n            State: ENABLED\n            Name: 'bad name'\n"
        "  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: !Sub '${T}'\n"
        "      QueueName: 12\n";
    const auto found = problems(text);
    CHECK(found ==
          std::vector<std::string>{
              "template.yaml:5:16: error: Resources.Fn.Properties.Timeout: must be an integer number of "
              "seconds 1..900",
              "template.yaml:10:13: error: Resources.Fn.Properties.Events.Sqs.Properties.Queue: missing "
              "required key 'Queue'",
              "template.yaml:10:24: error: Resources.Fn.Properties.Events.Sqs.Properties.BatchSize: must "
              "be an integer 1..10000",
              "template.yaml:11:37: error: Resources.Fn.Properties.Events.Sqs.Properties."
              "FunctionResponseTypes[0]: 'ReportFailures' is not a response type; the only one is "
              "ReportBatchItemFailures",
              "template.yaml:15:23: error: Resources.Fn.Properties.Events.Tick.Properties.Schedule: invalid "
              "schedule expression 'rate(5 minute)': use the plural unit 'minutes' when the value is not 1",
              "template.yaml:16:20: error: Resources.Fn.Properties.Events.Tick.Properties.Input: must be "
              "valid JSON text (EventBridge rejects the target)",
              "template.yaml:18:20: error: Resources.Fn.Properties.Events.Tick.Properties.State: Enabled "
              "and State cannot both be set",
              "template.yaml:19:19: error: Resources.Fn.Properties.Events.Tick.Properties.Name: must be "
              "1..64 characters of A-Z, a-z, 0-9, '.', '-' and '_'",
              "template.yaml:23:26: error: Resources.Q.Properties.VisibilityTimeout: cannot evaluate !Sub "
              "${T} without a deployment (Drydock reads literal values and !Ref to a parameter with a "
              "Default)",
              "template.yaml:24:18: error: Resources.Q.Properties.QueueName: must be a string, found 12"});
  }

  TEST_CASE("sam errors: values that contain themselves or go on for long are shown cut short") {
    CHECK(
        problems(k_dlq + "    Properties:\n      VisibilityTimeout: &a !If [c, *a]\n") ==
        std::vector<std::string>{
            "template.yaml:5:26: error: Resources.Dlq.Properties.VisibilityTimeout: cannot evaluate !If [c, "
            "!If "
            "[c, !If [c, !If [..., ...]]]] without a deployment (Drydock reads literal values and !Ref to a "
            "parameter with a Default)"});
    CHECK(problems(k_dlq + "    Properties:\n      QueueName: [1, 2, 3, 4, 5, 6]\n") ==
          std::vector<std::string>{"template.yaml:5:18: error: Resources.Dlq.Properties.QueueName: must be a "
                                   "string, found [1, 2, 3, 4, "
                                   "...]"});
  }

  TEST_CASE("sam errors: a repeated key, a missing Resources and a resource without Type") {
    CHECK(problems(k_dlq + "  Dlq:\n    Type: AWS::SQS::Queue\n") ==
          std::vector<std::string>{"template.yaml:4:3: error: key 'Dlq' is given twice (first on line 2)"});
    CHECK(problems("AWSTemplateFormatVersion: '2010-09-09'\n") ==
          std::vector<std::string>{"template.yaml:1:1: error: Resources: missing required key 'Resources'"});
    CHECK(
        problems("Resources:\n  Q:\n    Properties: {}\n") ==
        std::vector<std::string>{"template.yaml:3:5: error: Resources.Q.Type: missing required key 'Type'"});
    CHECK(problems("- a\n") ==
          std::vector<std::string>{"template.yaml:1:1: error: must be a mapping, found [a]"});
  }
}
