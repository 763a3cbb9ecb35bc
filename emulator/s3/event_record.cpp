#include "emulator/s3/event_record.hpp"

#include <nlohmann/json.hpp>

#include "emulator/common/instant_text.hpp"
#include "emulator/s3/key_encoding.hpp"

namespace drydock::emulator {

std::string object_event_body(const ObjectEvent& event) {
  using Json = nlohmann::ordered_json;
  Json object = {{"key", quote_plus(event.key)},
                 {"size", event.size},
                 {"eTag", event.etag},
                 {"sequencer", event.sequencer}};
  Json bucket = {{"name", event.bucket},
                 {"ownerIdentity", {{"principalId", event.owner_principal_id}}},
                 {"arn", "arn:aws:s3:::" + event.bucket}};
  Json s3 = {{"s3SchemaVersion", "1.0"},
             {"configurationId", event.configuration_id},
             {"bucket", std::move(bucket)},
             {"object", std::move(object)}};
  Json record = {
      {"eventVersion", event.event_version},
      {"eventSource", "aws:s3"},
      {"awsRegion", event.region},
      {"eventTime", format_instant(event.event_time)},
      {"eventName", event.event_name},
      {"userIdentity", {{"principalId", event.requester_principal_id}}},
      {"requestParameters", {{"sourceIPAddress", event.source_ip}}},
      {"responseElements", {{"x-amz-request-id", event.request_id}, {"x-amz-id-2", event.host_id}}},
      {"s3", std::move(s3)}};
  Json body = {{"Records", Json::array({std::move(record)})}};
  // Bucket names and encoded keys are ASCII; "replace" only keeps dump() from throwing on a bad id.
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string test_event_body(std::string_view bucket, Instant time, std::string_view request_id,
                            std::string_view host_id) {
  using Json = nlohmann::ordered_json;
  const Json body = {{"Service", "Amazon S3"}, {"Event", "s3:TestEvent"}, {"Time", format_instant(time)},
                     {"Bucket", bucket},       {"RequestId", request_id}, {"HostId", host_id}};
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace drydock::emulator
