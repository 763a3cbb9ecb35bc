// The durable state store: schema creation and version checks, the saved clock, and two connections
// on one store (as two Drydock processes would have).

#include "emulator/state/state_store.hpp"

#include <doctest/doctest.h>

#include "emulator/sqs/sqs_service.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::Database;
using drydock::emulator::Instant;
using drydock::emulator::StateStore;
using namespace std::chrono_literals;

TEST_SUITE("emulator/state") {
  TEST_CASE("a new store is created with its directory and has no saved clock") {
    drydock::test::ScratchDir scratch;
    auto store = StateStore::open(scratch.path() / "nested" / ".drydock");
    REQUIRE(store);
    CHECK(std::filesystem::exists(scratch.path() / "nested" / ".drydock" / "state.sqlite3"));
    CHECK_FALSE(store->saved_clock().has_value());
  }

  TEST_CASE("a statement that cannot be prepared throws and leaves the connection usable") {
    drydock::test::ScratchDir scratch;
    auto store = StateStore::open(scratch.path());
    REQUIRE(store);
    CHECK_THROWS_AS(store->db().statement("SELECT no_such_column FROM queues"),
                    drydock::emulator::StoreFailure);
    // A transaction resets every cached statement: it once met the empty slot the failure left.
    {
      drydock::emulator::Transaction transaction(store->db());
      store->db().exec("CREATE TABLE t(x)");
      transaction.commit();
    }
    CHECK_THROWS_AS(store->db().statement("SELECT no_such_column FROM queues"),
                    drydock::emulator::StoreFailure);
  }

  TEST_CASE("the saved clock never moves backwards") {
    drydock::test::ScratchDir scratch;
    {
      auto store = StateStore::open(scratch.path());
      REQUIRE(store);
      store->save_clock(Instant(5000ms));
      store->save_clock(Instant(4000ms));
    }
    auto store = StateStore::open(scratch.path());
    REQUIRE(store);
    CHECK(store->saved_clock() == Instant(5000ms));
  }

  TEST_CASE("a store of another schema version or a foreign SQLite file is refused with a clear message") {
    drydock::test::ScratchDir scratch;
    {
      auto store = StateStore::open(scratch.path());
      REQUIRE(store);
      store->db().exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    }
    auto newer = StateStore::open(scratch.path());
    REQUIRE_FALSE(newer);
    CHECK(newer.error().find("schema version 99") != std::string::npos);

    drydock::test::ScratchDir other;
    {
      auto db = Database::open(other.path() / "state.sqlite3");
      REQUIRE(db);
      (*db)->exec("CREATE TABLE unrelated(x)");
    }
    auto foreign = StateStore::open(other.path());
    REQUIRE_FALSE(foreign);
    CHECK(foreign.error().find("not a Drydock state store") != std::string::npos);
  }

  TEST_CASE("a garbage file is refused, not crashed on") {
    drydock::test::ScratchDir scratch;
    scratch.write("state.sqlite3", std::string(8192, 'x'));
    auto store = StateStore::open(scratch.path());
    REQUIRE_FALSE(store);
    CHECK(store.error().find("state.sqlite3") != std::string::npos);
  }

  TEST_CASE("a second connection waits for the lock and reports it clearly when it stays locked") {
    drydock::test::ScratchDir scratch;
    drydock::emulator::VirtualClock clock(Instant(1'700'000'000'000ms));
    auto first = StateStore::open(scratch.path());
    REQUIRE(first);
    drydock::emulator::SqsService sqs_first(*first, clock);
    REQUIRE(sqs_first.create_queue({.name = "q"}));
    auto second = StateStore::open(scratch.path(), {.busy_timeout = 20ms});
    REQUIRE(second);
    drydock::emulator::SqsService sqs_second(*second, clock);
    {
      drydock::emulator::Transaction held(first->db());
      auto blocked = sqs_second.send_message("q", {.body = "m"});
      REQUIRE_FALSE(blocked);
      CHECK(blocked.error().code == "Drydock.StateLocked");
      CHECK(blocked.error().message.find("another Drydock process") != std::string::npos);
    }
    CHECK(sqs_second.send_message("q", {.body = "m"}));
    CHECK(sqs_first.queue_attributes("q")->approximate_number_of_messages == 1);  // both see one store
  }
}
