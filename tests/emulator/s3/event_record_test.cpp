// S3 event notification bodies in AWS's exact shape (aws-anchors.md §4.3;
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).

#include "emulator/s3/event_record.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/s3/s3_test_helpers.hpp"

using drydock::emulator::object_event_body;
using drydock::emulator::ObjectEvent;
using drydock::emulator::test_event_body;
using drydock::test::s3::utc;

TEST_SUITE("emulator/s3") {
  TEST_CASE("an ObjectCreated:Put record has AWS's fields in AWS's order with the key form-encoded") {
    ObjectEvent event;
    event.region = "us-east-1";
    event.event_time = utc(2024, 5, 1, 9, 8, 7, 65);
    event.requester_principal_id = "AWS:AIDAJDPLRKLG7UEXAMPLE";
    event.source_ip = "127.0.0.1";
    event.request_id = "C3D13FE58DE4C810";
    event.host_id = "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD";
    event.configuration_id = "StarbaseTemplates";
    event.bucket = "starfleet-templates-123456789012";
    event.owner_principal_id = "A3NL1KOZZKExample";
    event.key = "IamRoles/my role+x@y.yaml";
    event.size = 123;
    event.etag = "0123456789abcdef0123456789abcdef";
    event.sequencer = "0000018F3266A8D1";
    CHECK(
        object_event_body(event) ==
        R"({"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",)"
        R"("eventTime":"2024-05-01T09:08:07.065Z","eventName":"ObjectCreated:Put",)"
        R"("userIdentity":{"principalId":"AWS:AIDAJDPLRKLG7UEXAMPLE"},)"
        R"("requestParameters":{"sourceIPAddress":"127.0.0.1"},)"
        R"("responseElements":{"x-amz-request-id":"C3D13FE58DE4C810",)"
        R"("x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},)"
        R"("s3":{"s3SchemaVersion":"1.0","configurationId":"StarbaseTemplates",)"
        R"("bucket":{"name":"starfleet-templates-123456789012","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},)"
        R"("arn":"arn:aws:s3:::starfleet-templates-123456789012"},)"
        R"("object":{"key":"IamRoles/my+role%2Bx%40y.yaml","size":123,)"
        R"("eTag":"0123456789abcdef0123456789abcdef","sequencer":"0000018F3266A8D1"}}}]})");
  }

  TEST_CASE("the event version is configurable, since AWS's documentation and deliveries disagree") {
    ObjectEvent event;
    event.event_version = "2.5";
    CHECK(object_event_body(event).starts_with(R"({"Records":[{"eventVersion":"2.5",)"));
  }

  TEST_CASE("the s3:TestEvent body names the service, event, time, bucket and request ids") {
    CHECK(test_event_body("b", utc(2024, 5, 1), "R", "H") ==
          R"({"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2024-05-01T00:00:00.000Z",)"
          R"("Bucket":"b","RequestId":"R","HostId":"H"})");
  }
}
