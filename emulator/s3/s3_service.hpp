#pragma once
// The emulated S3: buckets by name and their notification configurations. A put goes to the bucket, then
// one event record (event_record.hpp) per matching queue configuration goes to the NotificationSink.
// Deliveries happen synchronously after the object is stored; AWS's are asynchronous and at-least-once,
// so a harness wanting delay or duplicates does that in its sink.

#include <cstdint>
#include <expected>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/clock.hpp"
#include "emulator/s3/bucket.hpp"
#include "emulator/s3/notification.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// The values S3Service writes into event records. Defaults are AWS's documentation examples.
struct S3ServiceOptions {
  // awsRegion of every record.
  std::string region = "us-east-1";
  // eventVersion: "2.1" is what AWS delivered for ObjectCreated:Put (aws-anchors.md §4.3).
  std::string event_version = "2.1";
  // userIdentity.principalId (the requester; AWS's example IAM user id).
  std::string requester_principal_id = "AWS:AIDAJDPLRKLG7UEXAMPLE";
  // s3.bucket.ownerIdentity.principalId (AWS's example owner id).
  std::string owner_principal_id = "A3NL1KOZZKExample";
  // requestParameters.sourceIPAddress: requests reach the emulator over loopback.
  std::string source_ip = "127.0.0.1";
  // Send s3:TestEvent to every queue of a configuration when it is put, as S3 does.
  bool send_test_event = true;
  // Seed for request ids, host ids and generated configuration ids; unset = random per service.
  std::optional<std::uint64_t> random_seed;
};

// A delivery the sink refused.
struct DeliveryFailure {
  std::string configuration_id;
  std::string queue_arn;
  S3Error error;
};

// What S3Service::put_object returns: the stored object, and the records that could not be delivered.
struct PutObjectResult {
  ObjectMetadata object;
  // The x-amz-request-id of the put (also in every record it produced).
  std::string request_id;
  // The record's sequencer (16 upper-case hex digits, strictly increasing per bucket).
  std::string sequencer;
  // Empty when every matching configuration got its record.
  std::vector<DeliveryFailure> failed_deliveries;
};

class S3Service {
 public:
  // `clock` stamps puts and event times; `sink` receives records. Both must outlive the service.
  S3Service(const Clock& clock, NotificationSink& sink, S3ServiceOptions options = {});
  ~S3Service();
  S3Service(const S3Service&) = delete;
  S3Service& operator=(const S3Service&) = delete;

  // CreateBucket over directory `base`, with `overlay` as in Bucket::open. Fails with InvalidBucketName
  // ("The specified bucket is not valid.") unless `name` follows S3's naming rules (3-63 characters of
  // a-z 0-9 . -, starting and ending with a letter or digit, no "..", not an IP address), with
  // BucketAlreadyOwnedByYou when the name is taken, and with Bucket::open's errors.
  std::expected<void, S3Error> create_bucket(std::string_view name, std::filesystem::path base,
                                             std::optional<std::filesystem::path> overlay = std::nullopt);

  // The bucket `name`, valid for the service's lifetime; NoSuchBucket when there is none.
  std::expected<Bucket*, S3Error> bucket(std::string_view name) const;

  // Bucket names in ascending order (ListBuckets).
  std::vector<std::string> bucket_names() const;
  // When bucket `name` was created (by this service: the clock's time at create_bucket); nullopt when
  // there is no such bucket.
  std::optional<Instant> creation_time(std::string_view name) const;

  // PutBucketNotificationConfiguration: validates (notification.hpp), gives configurations without an
  // id a generated one, sends s3:TestEvent to each queue when the options ask for it, then replaces the
  // bucket's configuration. Fails with NoSuchBucket, validation's InvalidArgument, or InvalidArgument
  // "Unable to validate the following destination configurations" (naming the queue) when a test event
  // cannot be delivered; on failure the previous configuration stays.
  std::expected<void, S3Error> put_bucket_notification_configuration(std::string_view bucket,
                                                                     NotificationConfiguration configuration);

  // GetBucketNotificationConfiguration (ids filled in); NoSuchBucket when there is no bucket.
  std::expected<NotificationConfiguration, S3Error> get_bucket_notification_configuration(
      std::string_view bucket) const;

  // PutObject, then one ObjectCreated:<how> record per matching queue configuration (`how` is "Put",
  // "Copy" or "CompleteMultipartUpload", as AWS names the event of each way of creating an object).
  // `at` is the put's time (LastModified, the record's eventTime and sequencer), by default the
  // service's clock's. Fails with NoSuchBucket or Bucket::put_object's errors (then nothing is
  // delivered). A delivery failure does not fail the put: the object is stored and the failure is
  // listed in failed_deliveries. Puts may run on several threads at once, with each other and with
  // the reads; the sink is called on the putting thread, holding none of the service's locks.
  std::expected<PutObjectResult, S3Error> put_object(std::string_view bucket, std::string_view key,
                                                     std::string_view body, std::string_view how = "Put",
                                                     std::optional<Instant> at = std::nullopt);

  // DeleteBucket: NoSuchBucket, or BucketNotEmpty while it holds an object. Pointers bucket() gave out
  // for it are invalid afterwards, so no other call naming the bucket may run meanwhile (the server's
  // S3 door holds its bucket lock alone for CreateBucket and DeleteBucket). The bucket's directories are
  // left for the caller (who chose them).
  std::expected<void, S3Error> delete_bucket(std::string_view name);

  // GetObject, HeadObject, DeleteObject, ListObjectsV2 on bucket `bucket`: NoSuchBucket, else the
  // Bucket operation's result.
  std::expected<S3Object, S3Error> get_object(std::string_view bucket, std::string_view key) const;
  std::expected<ObjectMetadata, S3Error> head_object(std::string_view bucket, std::string_view key) const;
  std::expected<void, S3Error> delete_object(std::string_view bucket, std::string_view key);
  std::expected<ListObjectsV2Result, S3Error> list_objects_v2(std::string_view bucket,
                                                              const ListObjectsV2Request& request) const;

 private:
  struct BucketState {
    std::unique_ptr<Bucket> bucket;
    NotificationConfiguration notifications;  // under m_mutex
    std::uint64_t last_sequencer = 0;         // only in a put's `stored` step (under the bucket's lock)
    Instant created;
  };

  // The state of bucket `name`, valid until it is deleted; nullptr when there is none.
  BucketState* state_of(std::string_view name);

  // x-amz-request-id: 16 upper-case hex digits, like S3's.
  std::string new_request_id();
  // x-amz-id-2: 48 random bytes in base64, like S3's.
  std::string new_host_id();
  // The next sequencer of `state`'s records for a put at `at` (called in the put's `stored` step).
  std::string next_sequencer(BucketState& state, Instant at);

  const Clock& m_clock;
  NotificationSink& m_sink;
  S3ServiceOptions m_options;
  mutable std::mutex m_mutex;
  std::mt19937_64 m_random;
  std::map<std::string, BucketState, std::less<>> m_buckets;
};

// Succeeds when `name` follows S3's general-purpose bucket naming rules
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html); else InvalidBucketName.
std::expected<void, S3Error> validate_bucket_name(std::string_view name);

}  // namespace drydock::emulator
