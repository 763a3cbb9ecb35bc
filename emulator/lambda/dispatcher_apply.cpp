// The apply half of a dispatcher round: invoking the batches and settling what each one decided.

#include "emulator/lambda/dispatcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>

#include "emulator/history/failed_attempt.hpp"
#include "emulator/lambda/batch_verdict.hpp"
#include "emulator/lambda/dispatcher_internals.hpp"
#include "emulator/lambda/sqs_event.hpp"

namespace drydock::emulator {

using namespace dispatcher_detail;

void Dispatcher::invoke_round(std::vector<Batch>& round) {
  std::vector<PendingInvocation> invocations;
  invocations.reserve(round.size());
  for (Batch& batch : round) {
    const QueueMapping& spec = m_mapped[batch.mapping].spec;
    workers::InvocationContext context{
        .function_name = spec.function_name,
        .region = spec.region,
        .account_id = spec.account_id,
        .timeout = std::chrono::duration_cast<std::chrono::milliseconds>(spec.mapping.function_timeout),
        .request_id = next_request_id(),
        .commit = m_options.commit,
        .environment = m_options.environment,
        .report_batch_item_failures = spec.mapping.report_batch_item_failures};
    invocations.push_back(
        PendingInvocation{.transport = &spec.transport,
                          .event_json = sqs_event_json(batch.messages, spec.queue_arn, spec.region),
                          .context = std::move(context)});
  }
  invoke_all(invocations);
  for (std::size_t i = 0; i < round.size(); ++i) {
    round[i].invocation = std::move(invocations[i]);
  }
}

void Dispatcher::apply_batch(Batch& batch, std::vector<PendingDelete>& deletes) {
  const Mapped& mapped = m_mapped[batch.mapping];
  MappingReport& report = m_report.mappings[batch.mapping];
  const workers::InvocationResult& result = batch.invocation.result;
  report.totals.invocations += 1;

  std::vector<std::string> ids;
  ids.reserve(batch.messages.size());
  for (const ReceivedMessage& message : batch.messages) {
    ids.push_back(message.message_id);
  }
  const BatchVerdict verdict = judge_batch(result, ids, mapped.spec.mapping);

  // Record the attempt of every message; queue the settled ones for deletion. Each message is
  // charged its share of the invocation's wall time.
  MessageLog& log = report.messages;
  const auto share =
      result.duration / static_cast<std::int64_t>(std::max<std::size_t>(1, batch.messages.size()));
  const FailureCause cause{.exit_code = result.exit_code,
                           .signal = result.signal,
                           .http_status = result.http_status,
                           .timed_out = verdict.timed_out};
  for (std::size_t k = 0; k < batch.messages.size(); ++k) {
    const ReceivedMessage& message = batch.messages[k];
    const MessageLog::Index index = log.touch(message.message_id, message.body);
    if (log.outcome(index) == MessageOutcome::succeeded) {
      // Back after a delete with a stale receipt handle (real time: the invocation outlived the
      // visibility timeout, and SQS accepted the delete without deleting): not settled after all.
      log.set_outcome(index, MessageOutcome::pending);
      report.totals.succeeded -= 1;
    }
    log.add_attempt(index, receive_count(message), batch.received_at, share);
    if (verdict.settled[k]) {
      deletes.push_back({.mapping = batch.mapping,
                         .record = index,
                         .attempt = log.attempts(index) - 1,
                         .receipt_handle = message.receipt_handle});
    } else {
      report.totals.failed_attempts += 1;
      log.set_failure(index, verdict.failure, result.output_tail, cause);
      if (m_options.history != nullptr) {
        const AttemptSource source{.queue = mapped.spec.queue_name,
                                   .function = mapped.spec.function_name,
                                   .request_id = batch.invocation.context.request_id,
                                   .virtual_time = batch.received_at,
                                   .wall_time = std::chrono::system_clock::now()};
        if (auto attempt = failed_attempt(message, result, verdict.failure, verdict.timed_out, source)) {
          m_failures.push_back(std::move(*attempt));
        }
      }
    }
  }

  report_progress(mapped.spec.function_name, false);
}

std::expected<void, DispatchError> Dispatcher::apply_deletes(std::vector<PendingDelete>& deletes) {
  // One transaction per mapping for the whole round; deletes of different queues are independent.
  for (std::size_t index = 0; index < m_mapped.size(); ++index) {
    std::vector<std::string> handles;
    std::vector<PendingDelete*> pending;
    for (PendingDelete& entry : deletes) {
      if (entry.mapping == index) {
        handles.push_back(std::move(entry.receipt_handle));
        pending.push_back(&entry);
      }
    }
    if (handles.empty()) {
      continue;
    }
    const std::string& queue = m_mapped[index].spec.queue_name;
    auto deleted = m_sqs.delete_messages(queue, handles);
    if (!deleted) {
      return std::unexpected(sqs_failure("delete from", queue, deleted.error()));
    }
    MappingReport& report = m_report.mappings[index];
    MessageLog& log = report.messages;
    for (std::size_t k = 0; k < pending.size(); ++k) {
      const MessageLog::Index record = pending[k]->record;
      if (const auto& result = (*deleted)[k]; !result) {
        log.set_last_error(
            record, fmt::format("DeleteMessage failed: {}: {}", result.error().code, result.error().message));
        continue;
      }
      // A later attempt of the same round (visibility timeout 0) decides instead, as when each batch's
      // deletes were applied before the next batch's results.
      const bool latest = pending[k]->attempt + 1 == log.attempts(record);
      if (latest && log.outcome(record) != MessageOutcome::succeeded) {
        log.set_outcome(record, MessageOutcome::succeeded);
        report.totals.succeeded += 1;
      }
    }
  }
  return {};
}

}  // namespace drydock::emulator
