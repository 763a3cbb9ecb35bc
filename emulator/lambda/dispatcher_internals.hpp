#pragma once
// Private to emulator/lambda/dispatcher*.cpp: the dispatcher's per-mapping state, the batches of a
// round, pending deletes, and small helpers shared by the receive and apply halves.

#include <fmt/format.h>

#include <charconv>
#include <deque>

#include "emulator/lambda/dead_letter_watch.hpp"
#include "emulator/lambda/dispatcher.hpp"
#include "emulator/lambda/parallel_invoke.hpp"

namespace drydock::emulator {

struct Dispatcher::Mapped {
  struct Ahead {
    std::vector<ReceivedMessage> messages;
    std::uint64_t round = 0;  // the take_round that received it
  };
  QueueMapping spec;
  std::optional<DeadLetterWatch> dead_letters;  // set by begin_run
  int prefetch = 1;                             // batches per refill; set by plan_prefetch
  bool bulk = false;  // refill with one receive_message_batches call (batch size ≤ 10, visibility > 0)
  std::deque<Ahead> ahead;  // received, not invoked yet
  // The run_round pass in which a refill found the queue empty: it is not polled again in that pass
  // (an idle fan-out queue would otherwise cost a store read per round); the next pass polls it.
  std::uint64_t dry_pass = 0;
};

struct Dispatcher::PendingDelete {
  std::size_t mapping = 0;
  MessageLog::Index record = 0;  // in MappingReport::messages of `mapping`
  int attempt = 0;               // which attempt of the record (0-based)
  std::string receipt_handle;
};

struct Dispatcher::Batch {
  std::size_t mapping = 0;  // index into m_mapped and m_report.mappings
  std::vector<ReceivedMessage> messages;
  Instant received_at;
  PendingInvocation invocation;
};

namespace dispatcher_detail {

// ReceiveMessage returns at most 10 messages per call.
constexpr int k_sqs_batch_limit = 10;
constexpr int k_default_prefetch = 32;
constexpr int k_max_batch_size = 10'000;  // Lambda's limit for standard queues

inline DispatchError sqs_failure(std::string_view action, std::string_view queue, const SqsError& error) {
  return {fmt::format("{} {}: {}: {}", action, queue, error.code, error.message)};
}

inline int receive_count(const ReceivedMessage& message) {
  const auto found = message.attributes.find("ApproximateReceiveCount");
  int count = 0;
  if (found != message.attributes.end()) {
    std::from_chars(found->second.data(), found->second.data() + found->second.size(), count);
  }
  return count;
}

inline std::int64_t message_count(const QueueAttributes& attributes) {
  return attributes.approximate_number_of_messages + attributes.approximate_number_of_messages_not_visible +
         attributes.approximate_number_of_messages_delayed;
}

}  // namespace dispatcher_detail

}  // namespace drydock::emulator
