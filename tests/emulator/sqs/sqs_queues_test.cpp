// Queues: creation rules, idempotence, provisioning updates, deletion, durability across reopen.

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::emulator::QueueConfig;
using drydock::emulator::RedrivePolicy;
using drydock::emulator::SqsService;
using drydock::test::SqsFixture;
using namespace std::chrono_literals;

TEST_SUITE("emulator/sqs") {
  TEST_CASE("a queue has AWS's defaults and an AWS-shaped URL and ARN") {
    SqsFixture f;
    auto url = f.sqs.create_queue({.name = "starbase-fanout-queue"});
    REQUIRE(url);
    CHECK(*url == "https://sqs.us-east-1.amazonaws.com/123456789012/starbase-fanout-queue");
    auto attributes = f.sqs.queue_attributes("starbase-fanout-queue");
    REQUIRE(attributes);
    CHECK(attributes->arn == "arn:aws:sqs:us-east-1:123456789012:starbase-fanout-queue");
    CHECK(attributes->config.visibility_timeout == 30s);
    CHECK(attributes->config.message_retention == 345'600s);
    CHECK(attributes->config.maximum_message_size == 1'048'576);
    CHECK_FALSE(attributes->config.redrive_policy.has_value());
  }

  TEST_CASE("CreateQueue is idempotent for equal attributes and refuses different ones") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
    CHECK(f.sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
    auto changed = f.sqs.create_queue({.name = "q", .visibility_timeout = 60s});
    REQUIRE_FALSE(changed);
    CHECK(changed.error().code == "QueueAlreadyExists");
    CHECK(f.sqs.create_queue({.name = "q", .visibility_timeout = 60s}, /*update_existing=*/true));
    CHECK(f.sqs.queue_attributes("q")->config.visibility_timeout == 60s);
  }

  TEST_CASE("queue names and attribute values are checked") {
    SqsFixture f;
    CHECK_FALSE(f.sqs.create_queue({.name = ""}));
    CHECK_FALSE(f.sqs.create_queue({.name = std::string(81, 'q')}));
    CHECK_FALSE(f.sqs.create_queue({.name = "dots.are.bad"}));
    CHECK(f.sqs.create_queue({.name = "orders.fifo"}).error().message.find("FIFO") != std::string::npos);
    CHECK_FALSE(f.sqs.create_queue({.name = "q", .visibility_timeout = 43'201s}));
    CHECK_FALSE(f.sqs.create_queue({.name = "q", .message_retention = 59s}));
    CHECK_FALSE(f.sqs.create_queue({.name = "q", .delay = 901s}));
    CHECK_FALSE(f.sqs.create_queue({.name = "q", .maximum_message_size = 1'048'577}));
    CHECK(f.sqs.list_queues()->empty());
  }

  TEST_CASE("a RedrivePolicy must name an existing queue other than itself, with 1..1000 receives") {
    SqsFixture f;
    auto missing = f.sqs.create_queue({.name = "q", .redrive_policy = RedrivePolicy{"q-dlq", 4}});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("Dead letter target does not exist") != std::string::npos);
    REQUIRE(f.sqs.create_queue({.name = "q-dlq"}));
    CHECK_FALSE(f.sqs.create_queue({.name = "q", .redrive_policy = RedrivePolicy{"q-dlq", 0}}));
    CHECK_FALSE(f.sqs.create_queue({.name = "q", .redrive_policy = RedrivePolicy{"q-dlq", 1001}}));
    CHECK_FALSE(f.sqs.create_queue({.name = "q", .redrive_policy = RedrivePolicy{"q", 4}}));
    CHECK(f.sqs.create_queue({.name = "q", .redrive_policy = RedrivePolicy{"q-dlq", 4}}));
  }

  TEST_CASE("deleting a queue deletes its messages, and a deleted DLQ makes redrive keep messages") {
    SqsFixture f;
    f.create_with_dlq("q", 1);
    f.send("q", "m");
    REQUIRE(f.receive("q").size() == 1);
    REQUIRE(f.sqs.delete_queue("q-dlq"));
    CHECK(f.sqs.list_queues() == std::vector<std::string>{"q"});
    f.clock.advance_by(300s);
    CHECK(f.receive("q").size() == 1);  // nowhere to move it: never lost
    REQUIRE(f.sqs.delete_queue("q"));
    CHECK(f.sqs.delete_queue("q").error().code == "AWS.SimpleQueueService.NonExistentQueue");
  }

  TEST_CASE("queues and messages survive closing and reopening the state store") {
    drydock::test::ScratchDir scratch;
    drydock::emulator::VirtualClock clock(drydock::emulator::Instant(1'700'000'000'000ms));
    std::string handle;
    {
      auto store = SqsFixture::open_store(scratch.path());
      SqsService sqs(store, clock);
      REQUIRE(sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
      REQUIRE(sqs.send_message("q", {.body = "first"}));
      REQUIRE(sqs.send_message("q", {.body = "second"}));
      auto got = sqs.receive_message("q");
      REQUIRE(got);
      handle = got->at(0).receipt_handle;
      store.save_clock(clock.now());
    }
    auto store = SqsFixture::open_store(scratch.path());
    REQUIRE(store.saved_clock() == clock.now());
    SqsService sqs(store, clock);
    auto attributes = sqs.queue_attributes("q");
    CHECK(attributes->approximate_number_of_messages == 1);
    CHECK(attributes->approximate_number_of_messages_not_visible == 1);
    CHECK(sqs.delete_message("q", handle));  // receipt handles stay valid across restarts
    CHECK(sqs.queue_attributes("q")->approximate_number_of_messages_not_visible == 0);
  }
}
