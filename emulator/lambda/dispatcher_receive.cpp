// The receive half of a dispatcher round: how many batches to take ahead, and taking them.

#include "emulator/lambda/dispatcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>

#include "emulator/lambda/batch_verdict.hpp"
#include "emulator/lambda/dispatcher_internals.hpp"
#include "emulator/lambda/sqs_event.hpp"

namespace drydock::emulator {

using namespace dispatcher_detail;

std::expected<void, DispatchError> Dispatcher::plan_prefetch() {
  // Receiving ahead gives each message the same batches only while nothing else can reorder a mapped
  // queue's visible messages within the instant: invocations may send to it (new messages go last),
  // but our own early redrive must not feed another mapping, and a run with an invocation limit must
  // not receive batches it will not invoke.
  const auto is_mapped = [&](const std::optional<std::string>& name) {
    return name && std::any_of(m_mapped.begin(), m_mapped.end(),
                               [&](const Mapped& other) { return other.spec.queue_name == *name; });
  };
  bool ahead = !m_options.real_time && !m_options.max_invocations;
  for (const Mapped& mapped : m_mapped) {
    ahead = ahead && !is_mapped(mapped.dead_letters->dlq());
  }
  for (Mapped& mapped : m_mapped) {
    auto config = m_sqs.queue_config(mapped.spec.queue_name);
    if (!config) {
      return std::unexpected(sqs_failure("read", mapped.spec.queue_name, config.error()));
    }
    const int concurrency = mapped.spec.mapping.concurrency;
    // With a visibility timeout of 0 a received message stays visible, so a delete applied later than
    // before would let a later receive of the same instant see it again.
    mapped.bulk =
        mapped.spec.mapping.batch_size <= k_sqs_batch_limit && config->visibility_timeout.count() > 0;
    mapped.prefetch = concurrency;
    if (ahead && mapped.bulk) {
      const int wanted = std::max(concurrency, m_options.prefetch.value_or(k_default_prefetch));
      mapped.prefetch = (wanted + concurrency - 1) / concurrency * concurrency;
    }
  }
  return {};
}

std::expected<std::vector<Dispatcher::Batch>, DispatchError> Dispatcher::take_round(std::int64_t allowed) {
  ++m_round;
  std::vector<Batch> round;
  for (std::size_t index = 0; index < m_mapped.size(); ++index) {
    Mapped& mapped = m_mapped[index];
    const int concurrency = mapped.spec.mapping.concurrency;
    for (int slot = 0; slot < concurrency && allowed > 0; ++slot) {
      if (mapped.ahead.empty()) {
        if (mapped.dry_pass == m_pass) {
          break;
        }
        const auto count = std::min<std::int64_t>(mapped.prefetch - slot, allowed);
        if (auto refilled = refill(mapped, static_cast<int>(count)); !refilled) {
          return std::unexpected(refilled.error());
        }
        if (mapped.ahead.empty()) {
          mapped.dry_pass = m_pass;
          break;
        }
      }
      Mapped::Ahead next = std::move(mapped.ahead.front());
      mapped.ahead.pop_front();
      if (next.round != m_round) {
        // Short because the queue ran out in an earlier round: receiving it now would also have taken
        // what invocations have sent since.
        if (auto topped = top_up(mapped, next.messages); !topped) {
          return std::unexpected(topped.error());
        }
      }
      round.push_back(
          Batch{.mapping = index, .messages = std::move(next.messages), .received_at = m_clock.now()});
      --allowed;
    }
  }
  return round;
}

std::expected<void, DispatchError> Dispatcher::refill(Mapped& mapped, int count) {
  if (mapped.bulk) {
    auto batches = m_sqs.receive_message_batches(mapped.spec.queue_name, static_cast<std::size_t>(count),
                                                 {.max_number_of_messages = mapped.spec.mapping.batch_size});
    if (!batches) {
      return std::unexpected(sqs_failure("receive from", mapped.spec.queue_name, batches.error()));
    }
    for (auto& batch : *batches) {
      mapped.ahead.push_back({.messages = std::move(batch), .round = m_round});
    }
    return {};
  }
  for (int k = 0; k < count; ++k) {
    auto messages = receive_batch(mapped);
    if (!messages) {
      return std::unexpected(messages.error());
    }
    if (messages->empty()) {
      break;
    }
    mapped.ahead.push_back({.messages = std::move(*messages), .round = m_round});
  }
  return {};
}

std::expected<void, DispatchError> Dispatcher::top_up(const Mapped& mapped,
                                                      std::vector<ReceivedMessage>& batch) {
  const auto wanted = static_cast<std::size_t>(mapped.spec.mapping.batch_size);
  while (batch.size() < wanted) {
    const int ask = static_cast<int>(std::min<std::size_t>(wanted - batch.size(), k_sqs_batch_limit));
    auto received = m_sqs.receive_message(mapped.spec.queue_name, {.max_number_of_messages = ask});
    if (!received) {
      return std::unexpected(sqs_failure("receive from", mapped.spec.queue_name, received.error()));
    }
    if (received->empty()) {
      break;
    }
    std::move(received->begin(), received->end(), std::back_inserter(batch));
  }
  return {};
}

std::expected<std::vector<ReceivedMessage>, DispatchError> Dispatcher::receive_batch(const Mapped& mapped) {
  std::vector<ReceivedMessage> batch;
  if (auto received = top_up(mapped, batch); !received) {
    return std::unexpected(received.error());
  }
  return batch;
}

}  // namespace drydock::emulator
