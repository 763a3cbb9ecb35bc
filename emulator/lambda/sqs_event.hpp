#pragma once
// The event Lambda hands a function fed by an SQS event-source mapping (aws-anchors.md §4.5;
// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example standard queue message event"):
// one record per received message, in AWS's key order, every system attribute a string.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "emulator/sqs/message.hpp"

namespace drydock::emulator {

// {"Records":[{"messageId","receiptHandle","body","attributes":{…},"messageAttributes":{…},"md5OfBody",
// "md5OfMessageAttributes" (only when the message has attributes),"eventSource":"aws:sqs",
// "eventSourceARN","awsRegion"}]} with one record per message of `batch`, in batch order.
// `attributes` holds ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp
// in that order, then AWSTraceHeader and DeadLetterQueueSourceArn when the message has them, then any
// other system attribute by name. Each message attribute is {"stringValue" | "binaryValue" (base64),
// "stringListValues":[],"binaryListValues":[],"dataType"}. Never fails.
nlohmann::ordered_json sqs_event(const std::vector<ReceivedMessage>& batch, std::string_view queue_arn,
                                 std::string_view region);

// sqs_event(…) as compact JSON text (no spaces, non-ASCII left as UTF-8), what a transport sends.
// Never throws: bytes that are not UTF-8 (SQS refuses them at send) would be replaced by U+FFFD.
std::string sqs_event_json(const std::vector<ReceivedMessage>& batch, std::string_view queue_arn,
                           std::string_view region);

}  // namespace drydock::emulator
