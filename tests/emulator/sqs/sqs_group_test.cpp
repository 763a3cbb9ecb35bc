// SqsService::Group: several operations in one store transaction, each still succeeding or failing on
// its own, all durable at commit() and all undone without it.

#include <doctest/doctest.h>

#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::test::SqsFixture;

namespace {

// How many messages `queue` holds as a second connection to the same store sees it.
std::int64_t seen_by_another_connection(const SqsFixture& f, const std::string& queue) {
  auto store = SqsFixture::open_store(f.scratch.path() / ".drydock");
  drydock::emulator::SqsService other(store, f.clock);
  auto attributes = other.queue_attributes(queue);
  REQUIRE(attributes.has_value());
  return attributes->approximate_number_of_messages;
}

}  // namespace

TEST_SUITE("emulator/sqs") {
  TEST_CASE("a group's sends become visible together at commit") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    auto group = f.sqs.group();
    REQUIRE(group.has_value());
    f.send("q", "one");
    f.send("q", "two");
    // Inside the group this connection sees its own sends.
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 2);
    REQUIRE(group->commit().has_value());
    CHECK(seen_by_another_connection(f, "q") == 2);
    CHECK(f.receive("q").size() == 2);
  }

  TEST_CASE("a group destroyed without commit undoes every operation in it") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    f.send("q", "before");
    {
      auto group = f.sqs.group();
      REQUIRE(group.has_value());
      f.send("q", "inside");
      REQUIRE(f.sqs.purge_queue("q").has_value());
    }
    const auto received = f.receive("q");
    REQUIRE(received.size() == 1);
    CHECK(received.front().body == "before");
  }

  TEST_CASE("an operation that fails inside a group is undone alone") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    auto group = f.sqs.group();
    REQUIRE(group.has_value());
    f.send("q", "kept");
    const auto refused = f.sqs.send_message("no-such-queue", {.body = "lost"});
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == "AWS.SimpleQueueService.NonExistentQueue");
    const auto batch = f.sqs.send_message_batch("q", {{.id = "a", .body = "a"}, {.id = "a", .body = "dup"}});
    CHECK_FALSE(batch.has_value());  // repeated batch ids fail the whole call
    f.send("q", "kept too");
    REQUIRE(group->commit().has_value());
    CHECK(seen_by_another_connection(f, "q") == 2);
  }
}
