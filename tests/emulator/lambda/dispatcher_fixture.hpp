#pragma once
// A fresh state store, virtual clock and SQS service (SqsFixture) plus helpers to map queues to fake
// workers and look at what a dispatcher run left behind.

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "emulator/lambda/dispatcher.hpp"
#include "tests/emulator/lambda/fake_transport.hpp"
#include "tests/emulator/sqs/sqs_fixture.hpp"

namespace drydock::test {

struct DispatcherFixture : SqsFixture {
  // A mapping of `queue` to `transport` with the given settings.
  static emulator::QueueMapping mapping(const std::string& queue, FakeTransport& transport,
                                        emulator::EventSourceMapping esm = {}) {
    return {
        .queue_name = queue, .function_name = queue + "-function", .transport = transport, .mapping = esm};
  }

  // Runs `dispatcher` and requires it to succeed.
  static emulator::DispatchReport run(emulator::Dispatcher& dispatcher) {
    auto report = dispatcher.run_until_idle();
    REQUIRE_MESSAGE(report.has_value(), (report ? "" : report.error().message));
    return *report;
  }

  // The record of the message with `message_id` in the report of `queue`; fails the test if absent.
  static emulator::MessageRecord record(const emulator::DispatchReport& report, const std::string& queue,
                                        const std::string& message_id) {
    for (const auto& mapping : report.mappings) {
      if (mapping.queue_name == queue) {
        const auto found = mapping.messages.find(message_id);
        REQUIRE_MESSAGE(found.has_value(), "no record of " << message_id);
        return *found;
      }
    }
    FAIL("no mapping of " << queue);
    throw std::logic_error("unreachable");
  }

  // Message ids now in `queue` (visible, in flight or delayed), in arrival order.
  std::vector<std::string> ids_in(const std::string& queue) const {
    auto peeked = sqs.peek_messages(queue);
    REQUIRE(peeked.has_value());
    std::vector<std::string> ids;
    for (const auto& message : *peeked) {
      ids.push_back(message.message_id);
    }
    return ids;
  }

  bool in(const std::string& queue, const std::string& message_id) const {
    const auto ids = ids_in(queue);
    return std::find(ids.begin(), ids.end(), message_id) != ids.end();
  }

  std::chrono::milliseconds elapsed_since(emulator::Instant start) const { return clock.now() - start; }
};

}  // namespace drydock::test
