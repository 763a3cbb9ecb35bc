#pragma once
// Lambda SQS events for transport tests (aws-anchors.md §4.5), built from a few fields per record.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace drydock::test {

struct TestRecord {
  std::string message_id;
  std::string body;
  int receive_count = 1;
};

// {"Records": [...]} with every field a real event has, in AWS's order.
inline std::string sqs_event(const std::vector<TestRecord>& records) {
  nlohmann::ordered_json event;
  event["Records"] = nlohmann::ordered_json::array();
  for (const auto& r : records) {
    nlohmann::ordered_json record;
    record["messageId"] = r.message_id;
    record["receiptHandle"] = "handle-" + r.message_id;
    record["body"] = r.body;
    record["attributes"] = {{"ApproximateReceiveCount", std::to_string(r.receive_count)},
                            {"SentTimestamp", "1545082649183"},
                            {"SenderId", "AIDAIENQZJOLO23YVJ4VO"},
                            {"ApproximateFirstReceiveTimestamp", "1545082649185"}};
    record["messageAttributes"] = nlohmann::ordered_json::object();
    record["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3";
    record["eventSource"] = "aws:sqs";
    record["eventSourceARN"] = "arn:aws:sqs:us-east-2:123456789012:StarbaseFanOutQueue";
    record["awsRegion"] = "us-east-2";
    event["Records"].push_back(record);
  }
  return event.dump();
}

// A Starbase fan-out body, as json.dumps writes it, for one account (and region).
inline std::string starbase_body(const std::string& account, const std::string& region = {}) {
  std::string body =
      R"({"TemplateName": "Example", "TemplateDescription": "x", "StarbaseAssignedAccount": ")" + account +
      "\"";
  if (!region.empty()) {
    body += R"(, "StarbaseAssignedRegion": ")" + region + "\"";
  }
  return body + "}";
}

}  // namespace drydock::test
