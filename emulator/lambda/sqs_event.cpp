#include "emulator/lambda/sqs_event.hpp"

#include <array>

namespace drydock::emulator {
namespace {

using Json = nlohmann::ordered_json;

// The attributes Lambda lists first, in the order AWS's sample event shows them; the optional ones
// follow as the Lambda documentation adds them.
constexpr std::array<std::string_view, 6> k_attribute_order = {
    "ApproximateReceiveCount",          "SentTimestamp",  "SenderId",
    "ApproximateFirstReceiveTimestamp", "AWSTraceHeader", "DeadLetterQueueSourceArn"};

Json system_attributes(const std::map<std::string, std::string>& attributes) {
  Json out = Json::object();
  for (const std::string_view name : k_attribute_order) {
    if (auto found = attributes.find(std::string(name)); found != attributes.end()) {
      out[found->first] = found->second;
    }
  }
  for (const auto& [name, value] : attributes) {
    if (!out.contains(name)) {
      out[name] = value;
    }
  }
  return out;
}

Json message_attributes(const MessageAttributes& attributes) {
  Json out = Json::object();
  for (const auto& [name, value] : attributes) {
    Json entry = Json::object();
    if (value.string_value) {
      entry["stringValue"] = *value.string_value;
    }
    if (value.binary_value) {
      entry["binaryValue"] = base64_encode(*value.binary_value);
    }
    entry["stringListValues"] = Json::array();
    entry["binaryListValues"] = Json::array();
    entry["dataType"] = value.data_type;
    out[name] = std::move(entry);
  }
  return out;
}

Json record(const ReceivedMessage& message, std::string_view queue_arn, std::string_view region) {
  Json out = Json::object();
  out["messageId"] = message.message_id;
  out["receiptHandle"] = message.receipt_handle;
  out["body"] = message.body;
  out["attributes"] = system_attributes(message.attributes);
  out["messageAttributes"] = message_attributes(message.message_attributes);
  out["md5OfBody"] = message.md5_of_body;
  if (message.md5_of_message_attributes && !message.message_attributes.empty()) {
    out["md5OfMessageAttributes"] = *message.md5_of_message_attributes;
  }
  out["eventSource"] = "aws:sqs";
  out["eventSourceARN"] = queue_arn;
  out["awsRegion"] = region;
  return out;
}

}  // namespace

nlohmann::ordered_json sqs_event(const std::vector<ReceivedMessage>& batch, std::string_view queue_arn,
                                 std::string_view region) {
  Json records = Json::array();
  for (const ReceivedMessage& message : batch) {
    records.push_back(record(message, queue_arn, region));
  }
  Json event = Json::object();
  event["Records"] = std::move(records);
  return event;
}

std::string sqs_event_json(const std::vector<ReceivedMessage>& batch, std::string_view queue_arn,
                           std::string_view region) {
  return sqs_event(batch, queue_arn, region).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string base64_encode(std::string_view bytes) {
  constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const auto chunk = (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
    out += k_alphabet[(chunk >> 18) & 0x3F];
    out += k_alphabet[(chunk >> 12) & 0x3F];
    out += k_alphabet[(chunk >> 6) & 0x3F];
    out += k_alphabet[chunk & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned chunk = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) {
      chunk |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    }
    out += k_alphabet[(chunk >> 18) & 0x3F];
    out += k_alphabet[(chunk >> 12) & 0x3F];
    out += rest == 2 ? k_alphabet[(chunk >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

}  // namespace drydock::emulator
