// The emulated S3 service: buckets by name
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html) and event notifications
// to SQS (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-filtering.html;
// record shape in aws-anchors.md §4.3).

#include "emulator/s3/s3_service.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "emulator/s3/event_record.hpp"
#include "tests/emulator/s3/s3_test_helpers.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::NotificationConfiguration;
using drydock::emulator::object_event_body;
using drydock::emulator::ObjectEvent;
using drydock::emulator::QueueConfiguration;
using drydock::emulator::S3Service;
using drydock::emulator::S3ServiceOptions;
using drydock::emulator::validate_bucket_name;
using drydock::emulator::validate_notification_configuration;
using drydock::emulator::VirtualClock;
using drydock::test::ScratchDir;
using drydock::test::s3::code_of;
using drydock::test::s3::message_of;
using drydock::test::s3::RecordingSink;
using drydock::test::s3::utc;

namespace {

constexpr std::string_view k_bucket = "starfleet-templates-123456789012";
constexpr std::string_view k_starbase_queue = "arn:aws:sqs:us-east-1:123456789012:starbase-fanout";
constexpr std::string_view k_other_queue = "arn:aws:sqs:us-east-1:123456789012:other";

struct ServiceFixture {
  ScratchDir scratch;
  VirtualClock clock{utc(2024, 5, 1, 9, 8, 7, 65)};
  RecordingSink sink;
  S3Service service;

  explicit ServiceFixture(S3ServiceOptions options = with_seed()) : service(clock, sink, std::move(options)) {
    REQUIRE(service.create_bucket(k_bucket, scratch.path() / "templates").has_value());
  }

  static S3ServiceOptions with_seed() {
    S3ServiceOptions options;
    options.random_seed = 7;
    options.send_test_event = false;
    return options;
  }

  void configure(std::vector<QueueConfiguration> queues) {
    REQUIRE(service.put_bucket_notification_configuration(k_bucket, {std::move(queues)}).has_value());
  }
};

QueueConfiguration queue(std::string id, std::string_view arn, std::string prefix = "",
                         std::string suffix = "", std::vector<std::string> events = {"s3:ObjectCreated:*"}) {
  return {std::move(id), std::string(arn), std::move(events), std::move(prefix), std::move(suffix)};
}

bool is_upper_hex(std::string_view text) {
  return text.find_first_not_of("0123456789ABCDEF") == std::string_view::npos;
}

}  // namespace

TEST_SUITE("emulator/s3") {
  TEST_CASE("a put delivers AWS's exact record for 'IamRoles/my role+x@y.yaml' to the configured queue") {
    ServiceFixture f;
    f.configure({queue("StarbaseTemplates", k_starbase_queue, "IamRoles/", ".yaml")});
    const auto put = f.service.put_object(k_bucket, "IamRoles/my role+x@y.yaml", "TemplateName: x\n");
    REQUIRE(put.has_value());
    CHECK(put->failed_deliveries.empty());
    REQUIRE(f.sink.deliveries.size() == 1);
    CHECK(f.sink.deliveries[0].queue_arn == k_starbase_queue);
    const std::string& body = f.sink.deliveries[0].body;

    // The ids are random: check their form, then compare the whole body byte for byte.
    const auto parsed = nlohmann::json::parse(body);
    const auto& response = parsed["Records"][0]["responseElements"];
    const auto request_id = response["x-amz-request-id"].get<std::string>();
    const auto host_id = response["x-amz-id-2"].get<std::string>();
    CHECK(request_id == put->request_id);
    CHECK(request_id.size() == 16);
    CHECK(is_upper_hex(request_id));
    CHECK(host_id.size() == 64);
    CHECK(put->sequencer.size() == 16);
    CHECK(is_upper_hex(put->sequencer));

    const std::string md5 = drydock::emulator::md5_hex("TemplateName: x\n");
    CHECK(
        body ==
        R"({"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",)"
        R"("eventTime":"2024-05-01T09:08:07.065Z","eventName":"ObjectCreated:Put",)"
        R"("userIdentity":{"principalId":"AWS:AIDAJDPLRKLG7UEXAMPLE"},)"
        R"("requestParameters":{"sourceIPAddress":"127.0.0.1"},)"
        R"("responseElements":{"x-amz-request-id":")" +
            request_id + R"(","x-amz-id-2":")" + host_id + R"("},)" +
            R"("s3":{"s3SchemaVersion":"1.0","configurationId":"StarbaseTemplates",)"
            R"("bucket":{"name":"starfleet-templates-123456789012","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},)"
            R"("arn":"arn:aws:s3:::starfleet-templates-123456789012"},)"
            R"("object":{"key":"IamRoles/my+role%2Bx%40y.yaml","size":16,"eTag":")" +
            md5 + R"(","sequencer":")" + put->sequencer + R"("}}}]})");
    // The object was stored under its real key.
    CHECK(f.service.get_object(k_bucket, "IamRoles/my role+x@y.yaml")->body == "TemplateName: x\n");
  }

  TEST_CASE("region, event version and principal ids come from the service options") {
    S3ServiceOptions options = ServiceFixture::with_seed();
    options.region = "eu-west-1";
    options.event_version = "2.5";
    options.requester_principal_id = "AWS:AROAEXAMPLE:session";
    options.owner_principal_id = "OWNER";
    ServiceFixture f(options);
    f.configure({queue("c", k_starbase_queue)});
    REQUIRE(f.service.put_object(k_bucket, "k", "v").has_value());
    REQUIRE(f.sink.deliveries.size() == 1);
    const auto record = nlohmann::json::parse(f.sink.deliveries[0].body)["Records"][0];
    CHECK(record["awsRegion"] == "eu-west-1");
    CHECK(record["eventVersion"] == "2.5");
    CHECK(record["userIdentity"]["principalId"] == "AWS:AROAEXAMPLE:session");
    CHECK(record["s3"]["bucket"]["ownerIdentity"]["principalId"] == "OWNER");
  }

  TEST_CASE("only configurations whose prefix and suffix rules match the key get a record") {
    ServiceFixture f;
    f.configure({queue("roles", k_starbase_queue, "IamRoles/", ".yaml"),
                 queue("json", k_other_queue, "", ".json", {"s3:ObjectCreated:Put"})});
    REQUIRE(f.service.put_object(k_bucket, "IamRoles/a.yaml", "x").has_value());
    REQUIRE(f.service.put_object(k_bucket, "IamRoles/a.yml", "x").has_value());
    REQUIRE(f.service.put_object(k_bucket, "Other/a.yaml", "x").has_value());
    REQUIRE(f.service.put_object(k_bucket, "iamroles/a.yaml", "x").has_value());  // rules are case-sensitive
    REQUIRE(f.service.put_object(k_bucket, "index/accounts.json", "x").has_value());
    REQUIRE(f.sink.deliveries.size() == 2);
    CHECK(f.sink.deliveries[0].queue_arn == k_starbase_queue);
    CHECK(nlohmann::json::parse(f.sink.deliveries[0].body)["Records"][0]["s3"]["object"]["key"] ==
          "IamRoles/a.yaml");
    CHECK(f.sink.deliveries[1].queue_arn == k_other_queue);
    CHECK(nlohmann::json::parse(f.sink.deliveries[1].body)["Records"][0]["s3"]["configurationId"] == "json");
  }

  TEST_CASE("a bucket without a notification configuration stores objects and delivers nothing") {
    ServiceFixture f;
    const auto put = f.service.put_object(k_bucket, "k", "v");
    REQUIRE(put.has_value());
    CHECK(f.sink.deliveries.empty());
    CHECK(f.service.head_object(k_bucket, "k")->etag == put->object.etag);
  }

  TEST_CASE("a failed delivery is reported to the caller and the object is still stored") {
    ServiceFixture f;
    f.configure({queue("gone", k_other_queue, "a/"), queue("ok", k_starbase_queue, "b/")});
    f.sink.failing.insert(std::string(k_other_queue));
    const auto put = f.service.put_object(k_bucket, "a/k", "v");
    REQUIRE(put.has_value());
    REQUIRE(put->failed_deliveries.size() == 1);
    CHECK(put->failed_deliveries[0].configuration_id == "gone");
    CHECK(put->failed_deliveries[0].queue_arn == k_other_queue);
    CHECK(put->failed_deliveries[0].error.code == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(f.service.get_object(k_bucket, "a/k")->body == "v");
    REQUIRE(f.service.put_object(k_bucket, "b/k", "v").has_value());
    CHECK(f.sink.deliveries.size() == 1);
  }

  TEST_CASE("sequencers strictly increase per bucket, also when the clock stands still") {
    ServiceFixture f;
    std::string previous;
    for (int i = 0; i < 50; ++i) {
      const auto put = f.service.put_object(k_bucket, "k", std::to_string(i));
      REQUIRE(put.has_value());
      CHECK(put->sequencer > previous);  // fixed width, so string order is numeric order
      previous = put->sequencer;
      if (i % 10 == 0) {
        f.clock.advance_by(std::chrono::milliseconds(1));
      }
    }
  }

  TEST_CASE("the same seed gives the same request ids, for reproducible runs") {
    ServiceFixture a;
    ServiceFixture b;
    CHECK(a.service.put_object(k_bucket, "k", "v")->request_id ==
          b.service.put_object(k_bucket, "k", "v")->request_id);
  }

  TEST_CASE("putting a configuration sends s3:TestEvent to each queue, as S3 does") {
    S3ServiceOptions options = ServiceFixture::with_seed();
    options.send_test_event = true;
    ServiceFixture f(options);
    f.configure({queue("a", k_starbase_queue, "a/"), queue("b", k_other_queue, "b/")});
    REQUIRE(f.sink.deliveries.size() == 2);
    const auto test_event = nlohmann::json::parse(f.sink.deliveries[0].body);
    CHECK(test_event["Event"] == "s3:TestEvent");
    CHECK(test_event["Bucket"] == k_bucket);
    CHECK(test_event["Time"] == "2024-05-01T09:08:07.065Z");
    CHECK(f.sink.deliveries[1].queue_arn == k_other_queue);
  }

  TEST_CASE("a configuration whose test event cannot be delivered is refused and the old one stays") {
    S3ServiceOptions options = ServiceFixture::with_seed();
    options.send_test_event = true;
    ServiceFixture f(options);
    f.configure({queue("a", k_starbase_queue)});
    f.sink.failing.insert(std::string(k_other_queue));
    const auto refused =
        f.service.put_bucket_notification_configuration(k_bucket, {{queue("b", k_other_queue)}});
    CHECK(code_of(refused) == "InvalidArgument");
    CHECK(message_of(refused).starts_with("Unable to validate the following destination configurations"));
    CHECK(f.service.get_bucket_notification_configuration(k_bucket)->queue_configurations.at(0).id == "a");
  }

  TEST_CASE("a configuration without an id gets a generated one") {
    ServiceFixture f;
    f.configure({queue("", k_starbase_queue)});
    const auto stored = f.service.get_bucket_notification_configuration(k_bucket);
    REQUIRE(stored.has_value());
    CHECK(stored->queue_configurations.at(0).id.size() == 32);
  }

  TEST_CASE("invalid notification configurations are refused with InvalidArgument") {
    const auto refuse = [](std::vector<QueueConfiguration> queues) {
      return message_of(validate_notification_configuration(NotificationConfiguration{std::move(queues)}));
    };
    CHECK(refuse({queue("a", k_starbase_queue, "", "", {})}) == "Queue configuration 'a' has no events");
    CHECK(refuse({queue("a", k_starbase_queue, "", "", {"s3:ObjectRemoved:*"})}).find("is not supported") !=
          std::string::npos);
    CHECK(refuse({queue("a", "arn:aws:sns:us-east-1:123456789012:topic")}).find("is not an SQS queue ARN") !=
          std::string::npos);
    CHECK(refuse({queue("a", "arn:aws:sqs:us-east-1:123456789012")}).find("is not an SQS queue ARN") !=
          std::string::npos);
    CHECK(refuse({queue("a", k_starbase_queue, "x/"), queue("a", k_other_queue, "y/")}) ==
          "Two queue configurations have the id 'a'; ids must be unique");
    // Overlap: AWS refuses two configurations that could both match one key for one event type.
    const std::string overlap =
        "Configurations overlap. Configurations on the same bucket cannot share a common event type.";
    CHECK(refuse({queue("a", k_starbase_queue, "images/"), queue("b", k_other_queue, "", ".jpg")}) ==
          overlap);
    CHECK(refuse({queue("a", k_starbase_queue, "images/"), queue("b", k_other_queue, "images/x/")}) ==
          overlap);
    CHECK(refuse({queue("a", k_starbase_queue, "x/", "", {"s3:ObjectCreated:Put"}),
                  queue("b", k_other_queue)}) == overlap);
    CHECK(refuse({queue("a", k_starbase_queue, "images/", ".jpg"),
                  queue("b", k_other_queue, "images/", ".png")}) == "ok");
    CHECK(refuse({queue("a", k_starbase_queue, "a/"), queue("b", k_other_queue, "b/")}) == "ok");
  }

  TEST_CASE("operations on an unknown bucket are NoSuchBucket") {
    ServiceFixture f;
    CHECK(code_of(f.service.bucket("missing")) == "NoSuchBucket");
    CHECK(code_of(f.service.put_object("missing", "k", "v")) == "NoSuchBucket");
    CHECK(code_of(f.service.get_object("missing", "k")) == "NoSuchBucket");
    CHECK(code_of(f.service.head_object("missing", "k")) == "NoSuchBucket");
    CHECK(code_of(f.service.delete_object("missing", "k")) == "NoSuchBucket");
    CHECK(code_of(f.service.list_objects_v2("missing", {})) == "NoSuchBucket");
    CHECK(code_of(f.service.put_bucket_notification_configuration("missing", {})) == "NoSuchBucket");
    CHECK(message_of(f.service.get_bucket_notification_configuration("missing")) ==
          "The specified bucket does not exist");
    CHECK(f.sink.deliveries.empty());
  }

  TEST_CASE("bucket names follow S3's naming rules and are unique") {
    ServiceFixture f;
    CHECK(code_of(f.service.create_bucket(k_bucket, f.scratch.path() / "again")) ==
          "BucketAlreadyOwnedByYou");
    REQUIRE(f.service.create_bucket("index.bucket-1", f.scratch.path() / "index").has_value());
    CHECK(f.service.bucket_names() == std::vector<std::string>{"index.bucket-1", std::string(k_bucket)});
    for (const std::string_view name : {"ab", "Upper", "under_score", "-start", "end-", "a..b", "192.168.5.4",
                                        "xn--abc", "name-s3alias", "x"}) {
      CAPTURE(name);
      CHECK(code_of(validate_bucket_name(name)) == "InvalidBucketName");
    }
    CHECK(code_of(validate_bucket_name(std::string(64, 'a'))) == "InvalidBucketName");
    CHECK(validate_bucket_name(std::string(63, 'a')).has_value());
    CHECK(validate_bucket_name("1.2.3.4.5").has_value());
  }

  TEST_CASE("a put that fails delivers nothing") {
    ServiceFixture f;
    f.configure({queue("c", k_starbase_queue)});
    CHECK(code_of(f.service.put_object(k_bucket, "../escape", "v")) == "InvalidArgument");
    CHECK(f.sink.deliveries.empty());
  }
}
