// DeleteMessage(+Batch) and ChangeMessageVisibility: only the newest receipt handle of a message acts
// on it; a stale one is accepted without effect on delete, as AWS documents.

#include <fmt/format.h>

#include <span>

#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

enum class Lookup { current, gone, stale };

struct Located {
  Lookup state = Lookup::gone;
  std::int64_t visible_ms = 0;
};

// Where the message a handle names stands: still this receive's (current), deleted or expired
// (gone), or received again / moved since (stale).
Located locate(Database& db, const ReceiptHandle& handle) {
  const auto row = queue_store::receipt_row(db, handle.seq);
  if (!row) {
    return {Lookup::gone, 0};
  }
  const bool same = row->queue_id == handle.queue_id && row->receipt == handle.nonce;
  return {same ? Lookup::current : Lookup::stale, row->visible_ms};
}

std::expected<ReceiptHandle, SqsError> parse_for_queue(const QueueRow& queue, std::string_view text) {
  auto handle = parse_receipt_handle(text);
  if (!handle || handle->queue_id != queue.id) {
    return std::unexpected(receipt_handle_invalid(text));
  }
  return *handle;
}

std::expected<void, SqsError> delete_one(Database& db, const QueueRow& queue, std::string_view text) {
  auto handle = parse_for_queue(queue, text);
  if (!handle) {
    return std::unexpected(handle.error());
  }
  // Only the current receipt deletes (same queue, same nonce); anything else is accepted as a no-op.
  queue_store::delete_by_receipt(db, handle->seq, handle->queue_id, handle->nonce);
  return {};
}

using DeleteResults = std::vector<std::expected<void, SqsError>>;

// delete_one for each handle, in order, in one transaction. NonExistentQueue fails the whole call.
std::expected<DeleteResults, SqsError> delete_each(Database& store, std::string_view queue_name,
                                                   std::span<const std::string_view> handles) {
  return with_queue(store, queue_name,
                    [&](Database& db, const QueueRow& queue) -> std::expected<DeleteResults, SqsError> {
                      DeleteResults results;
                      results.reserve(handles.size());
                      for (const std::string_view handle : handles) {
                        results.push_back(delete_one(db, queue, handle));
                      }
                      return results;
                    });
}

}  // namespace

std::expected<void, SqsError> SqsService::delete_message(std::string_view queue_name,
                                                         std::string_view receipt_handle) {
  auto results = delete_each(m_store.db(), queue_name, std::span(&receipt_handle, 1));
  if (!results) {
    return std::unexpected(results.error());
  }
  return results->front();
}

std::expected<DeleteResults, SqsError> SqsService::delete_messages(
    std::string_view queue_name, const std::vector<std::string>& receipt_handles) {
  const std::vector<std::string_view> handles(receipt_handles.begin(), receipt_handles.end());
  return delete_each(m_store.db(), queue_name, handles);
}

std::expected<BatchResult, SqsError> SqsService::delete_message_batch(
    std::string_view queue_name, const std::vector<ReceiptEntry>& entries) {
  std::vector<std::string> ids;
  std::vector<std::string_view> handles;
  for (const auto& entry : entries) {
    ids.push_back(entry.id);
    handles.push_back(entry.receipt_handle);
  }
  if (auto checked = check_batch_ids(ids, "DeleteMessageBatchRequestEntry"); !checked) {
    return std::unexpected(checked.error());
  }
  auto results = delete_each(m_store.db(), queue_name, handles);
  if (!results) {
    return std::unexpected(results.error());
  }
  BatchResult result;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (const auto& deleted = (*results)[k]; !deleted) {
      result.failed.push_back({entries[k].id, deleted.error().code, deleted.error().message, true});
    } else {
      result.successful.push_back(entries[k].id);
    }
  }
  return result;
}

std::expected<void, SqsError> SqsService::change_message_visibility(std::string_view queue_name,
                                                                    std::string_view receipt_handle,
                                                                    std::chrono::seconds timeout) {
  if (timeout.count() < 0 || timeout.count() > 43'200) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.",
        timeout.count())));
  }
  return with_queue(
      m_store.db(), queue_name, [&](Database& db, const QueueRow& queue) -> std::expected<void, SqsError> {
        auto handle = parse_for_queue(queue, receipt_handle);
        if (!handle) {
          return std::unexpected(handle.error());
        }
        const std::int64_t now = SqsInternals::now_ms(*this);
        const Located located = locate(db, *handle);
        if (located.state == Lookup::stale) {
          return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
              "Value {} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not "
              "available for visibility timeout change.",
              receipt_handle)));
        }
        if (located.state == Lookup::gone || located.visible_ms <= now) {
          return std::unexpected(
              SqsError{"AWS.SimpleQueueService.MessageNotInflight",
                       "Message does not exist or is not available for visibility timeout change.", true});
        }
        queue_store::set_visible_ms(db, handle->seq, now + timeout.count() * 1000);
        return {};
      });
}

}  // namespace drydock::emulator
