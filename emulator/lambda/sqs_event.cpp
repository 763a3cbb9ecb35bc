#include "emulator/lambda/sqs_event.hpp"

#include "emulator/common/base64.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "emulator/common/base64.hpp"
#include "workers/marshmallow/utf8.hpp"

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

// Writes sqs_event(…) as compact JSON the way nlohmann's dump does: `"`, `\\` and the control characters
// escaped (\b \f \n \r \t, the others as \u00xx), everything else, UTF-8 included, as is. Every
// write returns false when a string is not valid UTF-8 (the caller then falls back to the dump).
class EventWriter {
 public:
  explicit EventWriter(std::string& out) : m_out(out) {}

  bool write(const std::vector<ReceivedMessage>& batch, std::string_view queue_arn, std::string_view region) {
    std::size_t size = 64;
    for (const ReceivedMessage& message : batch) {
      size += 512 + message.body.size() + message.receipt_handle.size();
    }
    m_out.reserve(size);
    m_out += R"({"Records":[)";
    bool ok = true;
    for (std::size_t i = 0; i < batch.size() && ok; ++i) {
      if (i > 0) {
        m_out += ',';
      }
      ok = record(batch[i], queue_arn, region);
    }
    m_out += "]}";
    return ok;
  }

 private:
  bool record(const ReceivedMessage& message, std::string_view queue_arn, std::string_view region) {
    bool ok = field("{\"messageId\":", message.message_id) &&
              field(",\"receiptHandle\":", message.receipt_handle) && field(",\"body\":", message.body);
    m_out += ",\"attributes\":{";
    bool first = true;
    const auto attribute = [&](std::string_view name, const std::string& value) {
      m_out += first ? "" : ",";
      first = false;
      const bool named = string(name);
      m_out += ':';
      return named && string(value);
    };
    for (const std::string_view name : k_attribute_order) {
      if (auto found = message.attributes.find(std::string(name)); found != message.attributes.end()) {
        ok = ok && attribute(name, found->second);
      }
    }
    for (const auto& [name, value] : message.attributes) {
      if (std::find(k_attribute_order.begin(), k_attribute_order.end(), name) == k_attribute_order.end()) {
        ok = ok && attribute(name, value);
      }
    }
    m_out += "},\"messageAttributes\":{";
    first = true;
    for (const auto& [name, value] : message.message_attributes) {
      m_out += first ? "" : ",";
      first = false;
      ok = ok && string(name);
      m_out += ":{";
      if (value.string_value) {
        ok = ok && field("\"stringValue\":", *value.string_value);
        m_out += ',';
      }
      if (value.binary_value) {
        ok = ok && field("\"binaryValue\":", base64_encode(*value.binary_value));
        m_out += ',';
      }
      ok = ok && field(R"("stringListValues":[],"binaryListValues":[],"dataType":)", value.data_type);
      m_out += '}';
    }
    m_out += '}';
    ok = ok && field(",\"md5OfBody\":", message.md5_of_body);
    if (message.md5_of_message_attributes && !message.message_attributes.empty()) {
      ok = ok && field(",\"md5OfMessageAttributes\":", *message.md5_of_message_attributes);
    }
    ok = ok && field(R"(,"eventSource":"aws:sqs","eventSourceARN":)", queue_arn) &&
         field(",\"awsRegion\":", region);
    m_out += '}';
    return ok;
  }

  bool field(std::string_view prefix, std::string_view value) {
    m_out += prefix;
    return string(value);
  }

  bool string(std::string_view text) {
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; });
    if (!ascii && !workers::marshmallow::is_valid_utf8(text)) {
      return false;
    }
    m_out += '"';
    std::size_t plain = 0;  // start of the run of bytes copied as they are
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte >= 0x20 && byte != '"' && byte != '\\') {
        continue;  // UTF-8 sequences included
      }
      m_out.append(text.substr(plain, i - plain));
      plain = i + 1;
      switch (byte) {
        case '"': m_out += "\\\""; break;
        case '\\': m_out += "\\\\"; break;
        case '\b': m_out += "\\b"; break;
        case '\f': m_out += "\\f"; break;
        case '\n': m_out += "\\n"; break;
        case '\r': m_out += "\\r"; break;
        case '\t': m_out += "\\t"; break;
        default: m_out += fmt::format("\\u{:04x}", byte);
      }
    }
    m_out.append(text.substr(plain));
    m_out += '"';
    return true;
  }

  std::string& m_out;
};

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
  // The dispatcher's hot path: written directly, byte for byte what the nlohmann dump below gives
  // (sqs_event_test compares them). Text that is not UTF-8 takes the dump, which replaces it.
  std::string out;
  if (EventWriter(out).write(batch, queue_arn, region)) {
    return out;
  }
  return sqs_event(batch, queue_arn, region).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace drydock::emulator
