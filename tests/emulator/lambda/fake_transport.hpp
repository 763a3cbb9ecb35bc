#pragma once
// A thread-safe in-memory worker for dispatcher tests: records every invocation (the parsed event, the
// context) and answers with a behaviour chosen by the test. Can hold the first N concurrent invocations
// until all N are running, to prove that they overlap (a condition variable with a deadline, no sleeps).

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "workers/transports/transport.hpp"

namespace drydock::test {

struct RecordedRecord {
  std::string message_id;
  std::string body;
  int receive_count = 0;
};

struct RecordedCall {
  nlohmann::json event;
  workers::InvocationContext context;
  std::vector<RecordedRecord> records;

  // True when some record of the batch has `body`.
  bool has_body(const std::string& body) const {
    for (const RecordedRecord& record : records) {
      if (record.body == body) {
        return true;
      }
    }
    return false;
  }
};

class FakeTransport final : public workers::Transport {
 public:
  using Behaviour = std::function<workers::InvocationResult(const RecordedCall&)>;

  explicit FakeTransport(Behaviour behaviour) : m_behaviour(std::move(behaviour)) {}

  // The first `count` invocations wait (at most 10 s) until `count` run at once.
  void require_overlap(int count) { m_rendezvous = count; }

  workers::InvocationResult invoke(const std::string& event_json,
                                   const workers::InvocationContext& context) override {
    RecordedCall call{.event = nlohmann::json::parse(event_json), .context = context};
    for (const auto& record : call.event.at("Records")) {
      call.records.push_back({.message_id = record.at("messageId").get<std::string>(),
                              .body = record.at("body").get<std::string>(),
                              .receive_count = std::stoi(
                                  record.at("attributes").at("ApproximateReceiveCount").get<std::string>())});
    }
    {
      std::unique_lock lock(m_mutex);
      m_calls.push_back(call);
      m_in_flight += 1;
      m_max_in_flight = std::max(m_max_in_flight, m_in_flight);
      if (m_rendezvous > 0 && !m_rendezvous_met) {
        m_changed.notify_all();
        m_changed.wait_for(lock, std::chrono::seconds(10),
                           [&] { return m_rendezvous_met || m_in_flight >= m_rendezvous; });
        m_rendezvous_met = true;
        m_changed.notify_all();
      }
    }
    workers::InvocationResult result = m_behaviour(call);
    std::lock_guard lock(m_mutex);
    m_in_flight -= 1;
    return result;
  }

  std::vector<RecordedCall> calls() const {
    std::lock_guard lock(m_mutex);
    return m_calls;
  }

  int max_in_flight() const {
    std::lock_guard lock(m_mutex);
    return m_max_in_flight;
  }

  // ApproximateReceiveCount of every delivery of the message with `body`, in call order.
  std::vector<int> receive_counts_of(const std::string& body) const {
    std::vector<int> counts;
    for (const RecordedCall& call : calls()) {
      for (const RecordedRecord& record : call.records) {
        if (record.body == body) {
          counts.push_back(record.receive_count);
        }
      }
    }
    return counts;
  }

  // How many records each event carried, in call order.
  std::vector<std::size_t> batch_sizes() const {
    std::vector<std::size_t> sizes;
    for (const RecordedCall& call : calls()) {
      sizes.push_back(call.records.size());
    }
    return sizes;
  }

 private:
  Behaviour m_behaviour;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<RecordedCall> m_calls;
  int m_in_flight = 0;
  int m_max_in_flight = 0;
  int m_rendezvous = 0;
  bool m_rendezvous_met = false;
};

// Behaviours.
inline workers::InvocationResult succeeded() {
  return {.succeeded = true};
}

inline workers::InvocationResult failed(std::string error, std::string output = "") {
  return {.succeeded = false, .error = std::move(error), .output_tail = std::move(output)};
}

inline workers::InvocationResult partial(std::vector<std::string> failed_ids) {
  return {.succeeded = true, .batch_item_failures = std::move(failed_ids)};
}

}  // namespace drydock::test
