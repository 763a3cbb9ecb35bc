// The dispatcher's compact per-message records: what goes in comes out as the same MessageRecord.

#include "emulator/lambda/message_log.hpp"

#include <doctest/doctest.h>

#include <random>

#include "emulator/common/uuid.hpp"

using drydock::emulator::Instant;
using drydock::emulator::MessageLog;
using drydock::emulator::MessageOutcome;
using drydock::emulator::MessageRecord;

namespace {

Instant at_ms(std::int64_t ms) {
  return Instant(std::chrono::milliseconds(ms));
}

}  // namespace

TEST_SUITE("emulator/lambda") {
  TEST_CASE("a message's record keeps its id, target, attempts, times and failure") {
    MessageLog log;
    const std::string id = "059f36b4-87a3-44ab-83d2-661975830a7d";
    const auto index = log.touch(
        id, R"({"StarbaseAssignedAccount": "123456789012", "StarbaseAssignedRegion": "eu-west-1"})");
    CHECK(log.touch(id, "ignored: the record exists") == index);
    log.add_attempt(index, 1, at_ms(1000));
    log.add_attempt(index, 2, at_ms(301'000));
    log.set_failure(index, "exit status 1", "Traceback: boom\n");
    log.set_outcome(index, MessageOutcome::dead_lettered);

    const auto record = log.find(id);
    REQUIRE(record.has_value());
    CHECK(record->message_id == id);
    CHECK(record->account == "123456789012");
    CHECK(record->region == "eu-west-1");
    CHECK(record->receive_counts == std::vector<int>{1, 2});
    CHECK(record->first_attempt == at_ms(1000));
    CHECK(record->last_attempt == at_ms(301'000));
    CHECK(record->last_error == "exit status 1");
    CHECK(record->last_output_tail == "Traceback: boom\n");
    CHECK(record->outcome == MessageOutcome::dead_lettered);
    CHECK(log.size() == 1);
  }

  TEST_CASE("receive counts that do not run 1, 2, 3 are kept as they were") {
    MessageLog log;
    const auto index = log.touch("plain-id", "not JSON");
    for (const int count : {3, 4, 7, 8}) {
      log.add_attempt(index, count, at_ms(count));
    }
    const auto record = log.find("plain-id");
    REQUIRE(record.has_value());
    CHECK(record->receive_counts == std::vector<int>{3, 4, 7, 8});
    CHECK_FALSE(record->account);
    CHECK(record->first_attempt == at_ms(3));
    CHECK(record->last_attempt == at_ms(8));
  }

  TEST_CASE("ids that are not lowercase UUIDs come back exactly as they went in") {
    MessageLog log;
    const std::vector<std::string> ids = {"059F36B4-87A3-44AB-83D2-661975830A7D", "f1", "",
                                          "059f36b4-87a3-44ab-83d2-661975830a7", "111111111111"};
    for (const auto& id : ids) {
      log.touch(id, R"({"StarbaseAssignedAccount": "111111111111"})");
    }
    CHECK(log.size() == ids.size());
    for (const auto& id : ids) {
      const auto record = log.find(id);
      REQUIRE_MESSAGE(record.has_value(), id);
      CHECK(record->message_id == id);
      CHECK(record->account == "111111111111");
    }
    CHECK_FALSE(log.find("unknown").has_value());
    CHECK_FALSE(log.find("159f36b4-87a3-44ab-83d2-661975830a7d").has_value());
  }

  TEST_CASE("100,000 random UUIDs: each found again, in first-seen order, none confused") {
    MessageLog log;
    std::mt19937_64 random(7);
    std::vector<std::string> ids;
    bool indexed_in_order = true;
    for (int k = 0; k < 100'000; ++k) {
      ids.push_back(drydock::emulator::random_uuid(random));
      const auto index = log.touch(ids.back(), "{}");
      indexed_in_order = indexed_in_order && index == static_cast<MessageLog::Index>(k);
      log.add_attempt(index, 1, at_ms(k));
    }
    CHECK(indexed_in_order);
    CHECK(log.size() == ids.size());
    std::size_t k = 0;
    bool same = true;
    log.for_each([&](const MessageRecord& record) {
      same =
          same && record.message_id == ids[k] && record.first_attempt == at_ms(static_cast<std::int64_t>(k));
      ++k;
    });
    CHECK(same);
    CHECK(k == ids.size());
    CHECK(log.touch(ids[4242], "{}") == 4242);
  }

  TEST_CASE("put replaces the record with the same id") {
    MessageLog log;
    log.put(MessageRecord{.message_id = "m", .receive_counts = {1, 2}, .outcome = MessageOutcome::pending});
    log.put(MessageRecord{.message_id = "m", .receive_counts = {1}, .outcome = MessageOutcome::succeeded});
    CHECK(log.size() == 1);
    const auto record = log.find("m");
    REQUIRE(record.has_value());
    CHECK(record->receive_counts == std::vector<int>{1});
    CHECK(record->outcome == MessageOutcome::succeeded);
    CHECK(record->last_error.empty());
  }
}
