#pragma once
// What goes into and comes out of a queue: SendMessage entries, ReceiveMessage results, and message
// attributes (name → {DataType, StringValue | BinaryValue}).

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drydock::emulator {

struct MessageAttributeValue {
  std::string data_type;                    // "String", "Number", "Binary", optionally ".<custom>"
  std::optional<std::string> string_value;  // String and Number
  std::optional<std::string> binary_value;  // Binary (raw bytes, not base64)
  bool operator==(const MessageAttributeValue&) const = default;
};

// Attribute names sort in byte order, which is also the order the MD5 is computed in.
using MessageAttributes = std::map<std::string, MessageAttributeValue>;

struct SendMessageEntry {
  std::string id;  // batch entry id (SendMessageBatch only)
  std::string body;
  std::optional<std::chrono::seconds> delay;  // default: the queue's delay
  MessageAttributes message_attributes;
  std::optional<std::string> aws_trace_header;  // the AWSTraceHeader system attribute
};

struct SentMessage {
  std::string id;  // the batch entry id
  std::string message_id;
  std::string md5_of_message_body;
  std::optional<std::string> md5_of_message_attributes;
};

struct BatchFailure {
  std::string id;
  std::string code;
  std::string message;
  bool sender_fault = true;
};

struct SendBatchResult {
  std::vector<SentMessage> successful;
  std::vector<BatchFailure> failed;
};

// A received message. `attributes` are the system attributes with string values, as in the Lambda
// event (ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp, and
// AWSTraceHeader / DeadLetterQueueSourceArn when present).
struct ReceivedMessage {
  std::string message_id;
  std::string receipt_handle;
  std::string body;
  std::string md5_of_body;
  std::optional<std::string> md5_of_message_attributes;
  std::map<std::string, std::string> attributes;
  MessageAttributes message_attributes;
};

struct ReceiveRequest {
  int max_number_of_messages = 1;                          // 1..10
  std::optional<std::chrono::seconds> visibility_timeout;  // 0..43200; default: the queue's
  std::chrono::seconds wait_time{0};                       // 0..20; validated, never waited (see receive())
};

struct ReceiptEntry {
  std::string id;  // batch entry id
  std::string receipt_handle;
};

struct BatchResult {
  std::vector<std::string> successful;  // entry ids
  std::vector<BatchFailure> failed;
};

// A message as `drydock queues` / `dlq show` see it: everything, without receiving it.
struct PeekedMessage {
  std::string message_id;
  std::string body;
  std::map<std::string, std::string> attributes;
  MessageAttributes message_attributes;
  bool in_flight = false;
  std::int64_t visible_at_ms = 0;
};

}  // namespace drydock::emulator
