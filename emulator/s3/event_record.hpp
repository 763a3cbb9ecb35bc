#pragma once
// The bodies S3 delivers to an SQS queue (aws-anchors.md §4.3;
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html): an event
// record in AWS's exact shape and key order, and the s3:TestEvent S3 sends when a configuration is put.

#include <cstdint>
#include <string>
#include <string_view>

#include "emulator/common/clock.hpp"

namespace drydock::emulator {

// Everything one "ObjectCreated:Put" record holds.
struct ObjectEvent {
  std::string event_version = "2.1";  // AWS delivered 2.1 for Put in 2025; the doc page shows 2.5
  std::string region;
  Instant event_time;
  std::string event_name = "ObjectCreated:Put";  // no "s3:" prefix in the record
  std::string requester_principal_id;            // userIdentity.principalId
  std::string source_ip;                         // requestParameters.sourceIPAddress
  std::string request_id;                        // responseElements.x-amz-request-id
  std::string host_id;                           // responseElements.x-amz-id-2
  std::string configuration_id;
  std::string bucket;
  std::string owner_principal_id;  // s3.bucket.ownerIdentity.principalId
  std::string key;                 // as stored; the record carries quote_plus(key)
  std::uint64_t size = 0;
  std::string etag;       // the MD5 hex, without the quotes the ETag header has
  std::string sequencer;  // hex, increasing per bucket
};

// {"Records":[{"eventVersion":…,"eventSource":"aws:s3","awsRegion":…,"eventTime":…,"eventName":…,
// "userIdentity":{"principalId":…},"requestParameters":{"sourceIPAddress":…},"responseElements":
// {"x-amz-request-id":…,"x-amz-id-2":…},"s3":{"s3SchemaVersion":"1.0","configurationId":…,"bucket":
// {"name":…,"ownerIdentity":{"principalId":…},"arn":"arn:aws:s3:::<bucket>"},"object":{"key":…,
// "size":<number>,"eTag":…,"sequencer":…}}}]}, compact, keys in this order.
std::string object_event_body(const ObjectEvent& event);

// {"Service":"Amazon S3","Event":"s3:TestEvent","Time":…,"Bucket":…,"RequestId":…,"HostId":…}: what S3
// sends to each SQS destination when a notification configuration is put (aws-anchors.md §4.3, from
// LocalStack's notifications.py).
std::string test_event_body(std::string_view bucket, Instant time, std::string_view request_id,
                            std::string_view host_id);

}  // namespace drydock::emulator
