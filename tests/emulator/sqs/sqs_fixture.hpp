#pragma once
// A fresh state store, a virtual clock and an SqsService with a fixed seed, for SQS tests.

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "emulator/sqs/sqs_service.hpp"
#include "tests/support/test_support.hpp"

namespace drydock::test {

struct SqsFixture {
  ScratchDir scratch;
  emulator::StateStore store = open_store(scratch.path() / ".drydock");
  emulator::VirtualClock clock{emulator::Instant(std::chrono::milliseconds(1'700'000'000'000))};
  emulator::SqsService sqs{store, clock, emulator::SqsOptions{.seed = 42}};

  static emulator::StateStore open_store(const std::filesystem::path& dir) {
    auto store = emulator::StateStore::open(dir);
    REQUIRE_MESSAGE(store.has_value(), (store ? "" : store.error()));
    return std::move(*store);
  }

  // Creates `name` (visibility 300 s) with a DLQ `<name>-dlq` after `max_receive_count` receives.
  void create_with_dlq(const std::string& name, int max_receive_count = 4) {
    REQUIRE(sqs.create_queue({.name = name + "-dlq"}));
    REQUIRE(sqs.create_queue({.name = name,
                              .visibility_timeout = std::chrono::seconds(300),
                              .redrive_policy = emulator::RedrivePolicy{name + "-dlq", max_receive_count}}));
  }

  std::string send(const std::string& queue, const std::string& body) {
    auto sent = sqs.send_message(queue, {.body = body});
    REQUIRE(sent.has_value());
    return sent->message_id;
  }

  std::vector<emulator::ReceivedMessage> receive(const std::string& queue, int max = 10) {
    auto received = sqs.receive_message(queue, {.max_number_of_messages = max});
    REQUIRE(received.has_value());
    return *received;
  }

  std::int64_t now_ms() const { return clock.now().time_since_epoch().count(); }
};

}  // namespace drydock::test
