// Drydock's own operations on messages named by MessageId (the `drydock dlq` commands): finding,
// deleting and editing dead letters. No AWS operation does these; AWS's own rules still apply to what
// they store (a replaced body gets SendMessage's checks).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "emulator/common/md5.hpp"
#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/message_limits.hpp"
#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

using Locations = std::unordered_map<std::string, MessageLocation>;

// Where each message of `wanted` is, among `queues` (every queue when empty); the first row wins
// should an id occur twice. NonExistentQueue for an unknown queue of the list.
std::expected<Locations, SqsError> locate(Database& db, const std::vector<std::string>& queues,
                                          const std::unordered_set<std::string>& wanted) {
  Locations found;
  auto keep = [&](std::string message_id, std::string queue, std::int64_t seq) {
    if (wanted.contains(message_id)) {
      found.try_emplace(std::move(message_id), MessageLocation{std::move(queue), seq});
    }
  };
  if (queues.empty()) {
    queue_store::scan_all_message_ids(db, [&](std::int64_t seq, std::string message_id, std::string queue) {
      keep(std::move(message_id), std::move(queue), seq);
    });
    return found;
  }
  for (const std::string& name : queues) {
    auto queue = queue_store::require_queue(db, name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    queue_store::scan_message_ids(db, queue->id, [&](std::int64_t seq, std::string message_id) {
      keep(std::move(message_id), name, seq);
    });
  }
  return found;
}

}  // namespace

namespace sqs_errors {
SqsError message_not_found(std::string_view queue, std::string_view message_id) {
  return {"Drydock.MessageNotFound", fmt::format("queue {} holds no message {}", queue, message_id), true};
}
}  // namespace sqs_errors

std::expected<std::vector<std::optional<MessageLocation>>, SqsError> find_messages(
    const SqsService& sqs, const std::vector<std::string>& message_ids,
    const std::vector<std::string>& queues) {
  using Result = std::vector<std::optional<MessageLocation>>;
  Database& db = SqsInternals::db(sqs);
  return guarded(db, [&]() -> std::expected<Result, SqsError> {
    auto found = locate(db, queues, {message_ids.begin(), message_ids.end()});
    if (!found) {
      return std::unexpected(found.error());
    }
    Result result;
    result.reserve(message_ids.size());
    for (const std::string& id : message_ids) {
      auto it = found->find(id);
      result.push_back(it == found->end() ? std::nullopt : std::optional(it->second));
    }
    return result;
  });
}

std::expected<std::optional<MessageLocation>, SqsError> find_message(const SqsService& sqs,
                                                                     std::string_view message_id,
                                                                     const std::vector<std::string>& queues) {
  auto found = find_messages(sqs, {std::string(message_id)}, queues);
  if (!found) {
    return std::unexpected(found.error());
  }
  return std::move(found->front());
}

std::expected<std::vector<DeleteByIdOutcome>, SqsError> delete_messages_by_id(
    SqsService& sqs, const std::vector<std::string>& queues, const std::vector<std::string>& message_ids,
    bool all_or_nothing) {
  using Outcomes = std::vector<DeleteByIdOutcome>;
  Database& db = SqsInternals::db(sqs);
  return guarded(db, [&]() -> std::expected<Outcomes, SqsError> {
    Transaction transaction(db);
    auto found = locate(db, queues, {message_ids.begin(), message_ids.end()});
    if (!found) {
      return std::unexpected(found.error());
    }
    Outcomes outcomes;
    outcomes.reserve(message_ids.size());
    std::unordered_set<std::string> taken;
    bool missing = false;
    for (const std::string& id : message_ids) {
      const bool present = found->contains(id) && taken.insert(id).second;
      outcomes.push_back(present ? DeleteByIdOutcome::deleted : DeleteByIdOutcome::not_found);
      missing = missing || !present;
    }
    if (missing && all_or_nothing) {
      for (auto& outcome : outcomes) {
        outcome = outcome == DeleteByIdOutcome::deleted ? DeleteByIdOutcome::kept : outcome;
      }
      return outcomes;  // the transaction rolls back: nothing was changed
    }
    for (const std::string& id : taken) {
      queue_store::delete_message_row(db, found->at(id).seq);
    }
    transaction.commit();
    return outcomes;
  });
}

std::expected<std::string, SqsError> replace_message_body(SqsService& sqs, std::string_view queue_name,
                                                          std::string_view message_id,
                                                          std::string_view body) {
  return with_queue(SqsInternals::db(sqs), queue_name,
                    [&](Database& db, const QueueRow& queue) -> std::expected<std::string, SqsError> {
                      const auto row = queue_store::find_message_row(db, queue.id, message_id);
                      if (!row) {
                        return std::unexpected(sqs_errors::message_not_found(queue_name, message_id));
                      }
                      const MessageAttributes attributes =
                          row->attributes ? decode_message_attributes(*row->attributes) : MessageAttributes{};
                      if (auto checked = check_message_fits(body, attributes, queue.max_message_bytes);
                          !checked) {
                        return std::unexpected(checked.error());
                      }
                      std::string md5 = md5_hex(body);
                      queue_store::replace_body(db, row->seq, body, md5);
                      return md5;
                    });
}

std::expected<void, SqsError> move_messages_by_id(SqsService& sqs, const std::vector<MessageMove>& moves) {
  Database& db = SqsInternals::db(sqs);
  return in_transaction(db, [&]() -> std::expected<void, SqsError> {
    std::vector<std::string> sources;
    std::unordered_set<std::string> wanted;
    for (const MessageMove& move : moves) {
      if (std::find(sources.begin(), sources.end(), move.from_queue) == sources.end()) {
        sources.push_back(move.from_queue);
      }
      wanted.insert(move.message_id);
    }
    auto found = locate(db, sources, wanted);
    if (!found) {
      return std::unexpected(found.error());
    }
    const std::int64_t now = SqsInternals::now_ms(sqs);
    std::unordered_set<std::int64_t> moved;
    std::vector<std::string> missing;
    for (const MessageMove& move : moves) {
      const auto location = found->find(move.message_id);
      if (location == found->end() || location->second.queue != move.from_queue ||
          !moved.insert(location->second.seq).second) {
        missing.push_back(sqs_errors::message_not_found(move.from_queue, move.message_id).message);
        continue;
      }
      const std::int64_t seq = location->second.seq;
      auto destination = queue_store::require_queue(db, move.to_queue);
      if (!destination) {
        return std::unexpected(destination.error());
      }
      if (move.body) {
        const auto encoded = queue_store::message_attributes_at(db, seq);
        const MessageAttributes attributes =
            encoded ? decode_message_attributes(*encoded) : MessageAttributes{};
        if (auto checked = check_message_fits(*move.body, attributes, destination->max_message_bytes);
            !checked) {
          return std::unexpected(checked.error());
        }
        queue_store::replace_body(db, seq, *move.body, md5_hex(*move.body));
      }
      queue_store::move_message_row(db, seq, destination->id, now);
    }
    if (!missing.empty()) {
      return std::unexpected(
          SqsError{"Drydock.MessageNotFound", fmt::format("{}", fmt::join(missing, "; ")), true});
    }
    return {};
  });
}

std::optional<std::int64_t> receipt_handle_seq(std::string_view receipt_handle) {
  auto handle = parse_receipt_handle(receipt_handle);
  return handle ? std::optional(handle->seq) : std::nullopt;
}

}  // namespace drydock::emulator
