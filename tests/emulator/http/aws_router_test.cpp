// One port, every protocol: the router's choice by X-Amz-Target, form body and path, and its answers
// for what it does not serve.

#include "emulator/http/aws_router.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using namespace drydock::emulator::http;

TEST_SUITE("emulator/http") {
  TEST_CASE("the router sends JSON and Query requests to SQS, /_drydock/ to Drydock, the rest to S3") {
    drydock::test::SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    SqsGate gate(f.sqs);
    AwsRouter router(
        gate,
        [](const HttpRequest& request) -> std::optional<HttpResponse> {
          if (request.path == "/_drydock/health") {
            return drydock_json(200, R"({"status":"ready"})");
          }
          return std::nullopt;
        },
        [](const HttpRequest& request) {
          return HttpResponse{
              .status = 200, .content_type = "text/plain", .headers = {}, .body = request.path};
        },
        "http://127.0.0.1:9");
    const auto health = router.handle({.method = "GET", .path = "/_drydock/health"});
    CHECK(health.status == 200);
    CHECK(health.body == R"({"status":"ready"})");
    CHECK(router.handle({.method = "GET", .path = "/_drydock/nothing"}).status == 404);

    const auto json =
        router.handle({.method = "POST",
                       .path = "/",
                       .headers = {{"X-Amz-Target", "AmazonSQS.GetQueueUrl"}, {"Host", "localhost:4566"}},
                       .body = R"({"QueueName": "q"})"});
    CHECK(json.status == 200);
    CHECK(json.body == R"({"QueueUrl":"http://localhost:4566/123456789012/q"})");

    // A Query request POSTed to the queue's own URL, without QueueUrl (older SDKs), and without Host.
    const auto query =
        router.handle({.method = "POST",
                       .path = "/123456789012/q",
                       .headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}},
                       .body = "Action=SendMessage&Version=2012-11-05&MessageBody=hi"});
    CHECK(query.status == 200);
    CHECK(query.body.find("<MD5OfMessageBody>49f68a5c8493ec2c0bf489821c21fc3b</MD5OfMessageBody>") !=
          std::string::npos);
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 1);

    const auto malformed = router.handle({.method = "POST",
                                          .path = "/",
                                          .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                                          .body = "Action=ListQueues&Version=%zz"});
    CHECK(malformed.status == 400);
    CHECK(malformed.body.find("<Code>MalformedQueryString</Code>") != std::string::npos);
    const auto sts = router.handle({.method = "POST",
                                    .path = "/",
                                    .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                                    .body = "Action=GetCallerIdentity&Version=2011-06-15"});
    CHECK(sts.status == 501);
    CHECK(sts.body.find("2011-06-15") != std::string::npos);
    const auto s3 = router.handle({.method = "GET", .path = "/bucket/key"});
    CHECK(s3.status == 200);
    CHECK(s3.body == "/bucket/key");

    AwsRouter sqs_only(gate, {}, {}, "http://127.0.0.1:9");
    const auto refused = sqs_only.handle({.method = "GET", .path = "/bucket/key"});
    CHECK(refused.status == 501);
    CHECK(refused.body.find("<Code>NotImplemented</Code>") != std::string::npos);
  }

  TEST_CASE("only a POST form or a GET with Action= is SQS Query: a PUT with a form Content-Type is S3's") {
    // curl --data-binary sends Content-Type: application/x-www-form-urlencoded unless told otherwise.
    drydock::test::SqsFixture f;
    SqsGate gate(f.sqs);
    std::vector<std::string> s3_seen;
    AwsRouter router(
        gate, {},
        [&](const HttpRequest& request) {
          s3_seen.push_back(request.method + " " + request.path);
          return HttpResponse{.status = 200, .content_type = "", .headers = {}, .body = ""};
        },
        "http://127.0.0.1:9");
    const std::vector<std::pair<std::string, std::string>> form = {
        {"Content-Type", "application/x-www-form-urlencoded"}};
    CHECK(router.handle({.method = "PUT", .path = "/bucket/key", .headers = form, .body = "a=b&c"}).status ==
          200);
    CHECK(router.handle({.method = "PUT", .path = "/bucket/empty", .headers = form}).status == 200);
    CHECK(router.handle({.method = "DELETE", .path = "/bucket/key", .headers = form}).status == 200);
    CHECK(s3_seen == std::vector<std::string>{"PUT /bucket/key", "PUT /bucket/empty", "DELETE /bucket/key"});
    // The Query protocol's two shapes still reach SQS.
    const auto post = router.handle(
        {.method = "POST", .path = "/", .headers = form, .body = "Action=ListQueues&Version=2012-11-05"});
    CHECK(post.body.find("<ListQueuesResponse") != std::string::npos);
    const auto get =
        router.handle({.method = "GET", .path = "/", .query = "Action=ListQueues&Version=2012-11-05"});
    CHECK(get.body.find("<ListQueuesResponse") != std::string::npos);
    CHECK(s3_seen.size() == 3);
  }
}
