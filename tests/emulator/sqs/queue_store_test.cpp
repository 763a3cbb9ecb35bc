// The queue store's scopes (queue_store.hpp): with_queue runs its body only for a queue that exists,
// commits what a succeeding body wrote and rolls back what a failing one wrote; reading_queue takes no
// write lock.

#include <doctest/doctest.h>

#include "emulator/sqs/queue_store.hpp"
#include "tests/emulator/sqs/sqs_fixture.hpp"

using drydock::test::SqsFixture;
using namespace drydock::emulator;
using namespace std::chrono_literals;

namespace {

// Stores a message with body `body` in `queue`, as SendMessage would (no attributes, no delay).
void insert(Database& db, const QueueRow& queue, std::string_view body, std::int64_t now_ms) {
  queue_store::insert_message(db, {.queue_id = queue.id,
                                   .message_id = "00000000-0000-4000-8000-000000000000",
                                   .body = body,
                                   .md5_body = "d41d8cd98f00b204e9800998ecf8427e",
                                   .sender_id = "AIDAIENQZJOLO23YVJ4VO",
                                   .sent_ms = now_ms,
                                   .visible_ms = now_ms});
}

// The bodies of the messages of `queue`, seen by `sqs`.
std::vector<std::string> bodies(const SqsService& sqs, std::string_view queue) {
  auto peeked = sqs.peek_messages(queue);
  REQUIRE(peeked.has_value());
  std::vector<std::string> result;
  for (const auto& message : *peeked) {
    result.push_back(message.body);
  }
  return result;
}

}  // namespace

TEST_SUITE("emulator/sqs") {
  TEST_CASE("with_queue and reading_queue: a queue that does not exist is NonExistentQueue, no body runs") {
    SqsFixture f;
    bool ran = false;
    const auto written =
        with_queue(f.store.db(), "missing", [&](Database&, const QueueRow&) -> std::expected<int, SqsError> {
          ran = true;
          return 1;
        });
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().code == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK(written.error().message == "The specified queue does not exist.");
    const auto read = reading_queue(f.store.db(), "missing",
                                    [&](Database&, const QueueRow&) -> std::expected<int, SqsError> {
                                      ran = true;
                                      return 1;
                                    });
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().code == "AWS.SimpleQueueService.NonExistentQueue");
    CHECK_FALSE(ran);
  }

  TEST_CASE("with_queue hands the body the queue's row") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 45s}));
    const auto arn = with_queue(f.store.db(), "q",
                                [](Database&, const QueueRow& queue) -> std::expected<std::string, SqsError> {
                                  CHECK(queue.visibility_timeout_s == 45);
                                  return queue.arn;
                                });
    REQUIRE(arn.has_value());
    CHECK(*arn == f.sqs.queue_arn("q"));
  }

  TEST_CASE("with_queue rolls back what a body returning an error wrote") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    f.send("q", "before");
    bool inserted = false;
    const auto result = with_queue(
        f.store.db(), "q", [&](Database& db, const QueueRow& queue) -> std::expected<void, SqsError> {
          insert(db, queue, "rolled back", f.now_ms());
          inserted = queue_store::queue_messages(db, queue.id, SIZE_MAX).size() == 2;  // seen inside
          return std::unexpected(SqsError{"Test.Refused", "the body refuses", true});
        });
    CHECK(inserted);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == "Test.Refused");  // the body's error, unchanged
    CHECK(bodies(f.sqs, "q") == std::vector<std::string>{"before"});
    CHECK(f.sqs.queue_attributes("q")->approximate_number_of_messages == 1);
  }

  TEST_CASE("with_queue commits what a body returning success wrote") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    const auto result = with_queue(f.store.db(), "q",
                                   [&](Database& db, const QueueRow& queue) -> std::expected<int, SqsError> {
                                     insert(db, queue, "kept", f.now_ms());
                                     return 7;
                                   });
    REQUIRE(result.has_value());
    CHECK(*result == 7);
    CHECK(bodies(f.sqs, "q") == std::vector<std::string>{"kept"});
    // Committed, not merely pending on this connection: another connection sees it too.
    auto other = SqsFixture::open_store(f.scratch.path() / ".drydock");
    const SqsService other_sqs(other, f.clock);
    CHECK(bodies(other_sqs, "q") == std::vector<std::string>{"kept"});
  }

  TEST_CASE("reading_queue takes no write lock, with_queue takes it") {
    SqsFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q"}));
    f.send("q", "m");
    // This connection gives up on a lock after 200 ms (opened first: opening checks the schema under
    // the write lock). Then another connection takes the write lock and keeps it.
    auto reader = StateStore::open(f.scratch.path() / ".drydock", {.busy_timeout = 200ms});
    REQUIRE_MESSAGE(reader.has_value(), (reader ? "" : reader.error()));
    auto holder = SqsFixture::open_store(f.scratch.path() / ".drydock");
    SqsService holder_sqs(holder, f.clock);
    auto group = holder_sqs.group();
    REQUIRE(group.has_value());
    const auto read = reading_queue(
        reader->db(), "q", [](Database& db, const QueueRow& queue) -> std::expected<std::size_t, SqsError> {
          return queue_store::queue_messages(db, queue.id, SIZE_MAX).size();
        });
    REQUIRE(read.has_value());
    CHECK(*read == 1);
    bool ran = false;
    const auto written =
        with_queue(reader->db(), "q", [&](Database&, const QueueRow&) -> std::expected<void, SqsError> {
          ran = true;
          return {};
        });
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().code == "Drydock.StateLocked");
    CHECK_FALSE(ran);
  }
}
