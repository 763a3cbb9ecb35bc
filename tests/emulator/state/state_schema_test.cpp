// The state store's schema versions: a store written by an older Drydock is migrated in place and keeps
// its contents.

#include "emulator/state/state_schema.hpp"

#include <doctest/doctest.h>

#include "emulator/sqs/sqs_service.hpp"
#include "emulator/state/state_store.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::Instant;
using drydock::emulator::StateStore;
using namespace std::chrono_literals;

TEST_SUITE("emulator/state") {
  namespace {

  std::string stored_version(StateStore& store) {
    auto& select = store.db().statement("SELECT value FROM meta WHERE key = 'schema_version'");
    REQUIRE(select.step());
    std::string version = select.column_text(0);
    store.db().release_statements();
    return version;
  }

  bool has_table(StateStore& store, const char* name) {
    auto& select =
        store.db().statement("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
    select.bind(1, name);
    REQUIRE(select.step());
    const bool found = select.column_int(0) == 1;
    store.db().release_statements();
    return found;
  }

  }  // namespace

  // Takes a current store back to version 2: without the queue attributes and tags of version 3.
  void make_version_2(StateStore & store) {
    store.db().exec(
        "DROP TABLE queue_tags; ALTER TABLE queues DROP COLUMN receive_wait_s; "
        "ALTER TABLE queues DROP COLUMN redrive_allow_policy; ALTER TABLE queues DROP COLUMN policy; "
        "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  }

  TEST_CASE("a new store is created at the current schema version, with the attempts and tags tables") {
    drydock::test::ScratchDir scratch;
    auto store = StateStore::open(scratch.path());
    REQUIRE(store);
    CHECK(stored_version(*store) == std::to_string(drydock::emulator::k_state_schema_version));
    CHECK(stored_version(*store) == "3");
    CHECK(has_table(*store, "attempts"));
    CHECK(has_table(*store, "queue_tags"));
  }

  TEST_CASE("a version 1 store is migrated to version 3 and keeps its queues, messages and clock") {
    drydock::test::ScratchDir scratch;
    drydock::emulator::VirtualClock clock(Instant(1'700'000'000'000ms));
    std::string message_id;
    {
      // A version 1 store is exactly a version 2 store without the attempts table.
      auto store = StateStore::open(scratch.path());
      REQUIRE(store);
      drydock::emulator::SqsService sqs(*store, clock);
      REQUIRE(sqs.create_queue({.name = "q"}));
      auto sent = sqs.send_message("q", {.body = "kept"});
      REQUIRE(sent);
      message_id = sent->message_id;
      store->save_clock(Instant(1'700'000'123'000ms));
      make_version_2(*store);
      store->db().exec(
          "DROP INDEX attempts_by_message; DROP TABLE attempts; "
          "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
      REQUIRE_FALSE(has_table(*store, "attempts"));
    }
    auto store = StateStore::open(scratch.path());
    REQUIRE_MESSAGE(store, (store ? "" : store.error()));
    CHECK(stored_version(*store) == "3");
    CHECK(has_table(*store, "attempts"));
    CHECK(has_table(*store, "queue_tags"));
    CHECK(store->saved_clock() == Instant(1'700'000'123'000ms));
    drydock::emulator::SqsService sqs(*store, clock);
    auto messages = sqs.peek_messages("q");
    REQUIRE(messages);
    REQUIRE(messages->size() == 1);
    CHECK(messages->front().message_id == message_id);
    CHECK(messages->front().body == "kept");

    // Opening again is a no-op: the store stays at version 3.
    auto again = StateStore::open(scratch.path());
    REQUIRE(again);
    CHECK(stored_version(*again) == "3");
  }

  TEST_CASE("a version 2 store is migrated to version 3: its queues get the defaults and no tags") {
    drydock::test::ScratchDir scratch;
    drydock::emulator::VirtualClock clock(Instant(1'700'000'000'000ms));
    {
      auto store = StateStore::open(scratch.path());
      REQUIRE(store);
      {
        drydock::emulator::SqsService sqs(*store, clock);
        REQUIRE(sqs.create_queue({.name = "q", .visibility_timeout = 45s}));
      }
      make_version_2(*store);
    }
    auto store = StateStore::open(scratch.path());
    REQUIRE_MESSAGE(store, (store ? "" : store.error()));
    CHECK(stored_version(*store) == "3");
    drydock::emulator::SqsService sqs(*store, clock);
    const auto config = sqs.queue_config("q");
    REQUIRE(config);
    CHECK(config->visibility_timeout == 45s);
    CHECK(config->receive_wait == 0s);
    CHECK_FALSE(config->redrive_allow_policy);
    CHECK_FALSE(config->policy);
    const auto tags = sqs.queue_tags("q");
    REQUIRE(tags);
    CHECK(tags->empty());
  }
}
