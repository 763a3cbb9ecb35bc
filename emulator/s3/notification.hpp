#pragma once
// Bucket notification configuration for SQS destinations
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html and
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_QueueConfiguration.html), and the interface the
// emulated SQS implements to receive the records.
//
// Supported event types: "s3:ObjectCreated:*" and "s3:ObjectCreated:Put" (PutObject is the only write
// the emulator has). Other types are refused rather than accepted and never delivered.

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// One <QueueConfiguration>.
struct QueueConfiguration {
  // The record's s3.configurationId. "" asks S3Service to generate one, as S3 does.
  std::string id;
  // arn:aws:sqs:<region>:<account>:<queue name>
  std::string queue_arn;
  // "s3:ObjectCreated:*" and/or "s3:ObjectCreated:Put"; at least one.
  std::vector<std::string> events;
  // Filter rules on the key as stored (not URL-encoded); "" = no rule.
  std::string prefix;
  std::string suffix;
  friend bool operator==(const QueueConfiguration&, const QueueConfiguration&) = default;
};

struct NotificationConfiguration {
  std::vector<QueueConfiguration> queue_configurations;
  friend bool operator==(const NotificationConfiguration&, const NotificationConfiguration&) = default;
};

// Checks `configuration` as PutBucketNotificationConfiguration does. Fails with InvalidArgument naming
// the configuration when: an event list is empty or holds an unsupported event; a queue ARN is not
// arn:aws:sqs:<region>:<account>:<name>; two ids are equal; or two configurations overlap (a shared
// event type and prefixes and suffixes that can both match one key), with AWS's message "Configurations
// overlap. Configurations on the same bucket cannot share a common event type.".
std::expected<void, S3Error> validate_notification_configuration(
    const NotificationConfiguration& configuration);

// True when `configuration` asks for `event_name` (e.g. "s3:ObjectCreated:Put", matched by itself and by
// "s3:ObjectCreated:*") on `key` (prefix and suffix rules, case-sensitive).
bool notification_matches(const QueueConfiguration& configuration, std::string_view event_name,
                          std::string_view key);

// Where S3Service sends event records: the emulated SQS, or a recorder in tests.
class NotificationSink {
 public:
  virtual ~NotificationSink() = default;
  // Enqueues `body` (one SQS message body) on the queue `queue_arn`. Fails with an S3Error describing why
  // (e.g. the queue does not exist); S3Service reports the failure to its caller.
  virtual std::expected<void, S3Error> deliver(std::string_view queue_arn, std::string body) = 0;
};

}  // namespace drydock::emulator
