// Queues: create (idempotent, or updating when provisioning from the project), delete, list,
// attributes, purge, peek.

#include <fmt/format.h>

#include <algorithm>

#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

QueueRow read_queue(const Statement& row) {
  QueueRow queue;
  queue.id = row.column_int(0);
  queue.name = row.column_text(1);
  queue.arn = row.column_text(2);
  queue.visibility_timeout_s = row.column_int(3);
  queue.retention_s = row.column_int(4);
  queue.delay_s = row.column_int(5);
  queue.max_message_bytes = row.column_int(6);
  queue.dlq_name = row.column_optional_text(7);
  queue.max_receive_count = row.column_int(8);
  queue.created_ms = row.column_int(9);
  queue.last_purge_ms = row.column_optional_int(10);
  return queue;
}

QueueConfig config_of(const QueueRow& queue) {
  QueueConfig config;
  config.name = queue.name;
  config.visibility_timeout = std::chrono::seconds(queue.visibility_timeout_s);
  config.message_retention = std::chrono::seconds(queue.retention_s);
  config.delay = std::chrono::seconds(queue.delay_s);
  config.maximum_message_size = queue.max_message_bytes;
  if (queue.dlq_name) {
    config.redrive_policy = RedrivePolicy{*queue.dlq_name, static_cast<int>(queue.max_receive_count)};
  }
  return config;
}

bool valid_queue_name(std::string_view name) {
  return !name.empty() && name.size() <= 80 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::expected<void, SqsError> check_range(std::string_view attribute, std::int64_t value, std::int64_t low,
                                          std::int64_t high) {
  if (value < low || value > high) {
    return std::unexpected(sqs_errors::invalid_parameter(
        fmt::format("Invalid value for the parameter {}. Reason: must be between {} and {}, got {}.",
                    attribute, low, high, value)));
  }
  return {};
}

std::expected<void, SqsError> check_config(const QueueConfig& config) {
  if (config.name.ends_with(".fifo")) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Queue {}: FIFO queues are not emulated (Starfleet uses standard queues).", config.name)));
  }
  if (!valid_queue_name(config.name)) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (got \"{}\").",
        config.name)));
  }
  std::expected<void, SqsError> ok;
  for (const auto& result :
       {check_range("VisibilityTimeout", config.visibility_timeout.count(), 0, 43'200),
        check_range("MessageRetentionPeriod", config.message_retention.count(), 60, 1'209'600),
        check_range("DelaySeconds", config.delay.count(), 0, 900),
        check_range("MaximumMessageSize", config.maximum_message_size, 1'024, 1'048'576)}) {
    if (!result) {
      return result;
    }
  }
  if (config.redrive_policy) {
    if (auto count =
            check_range("RedrivePolicy.maxReceiveCount", config.redrive_policy->max_receive_count, 1, 1000);
        !count) {
      return count;
    }
    if (config.redrive_policy->dead_letter_queue == config.name) {
      return std::unexpected(sqs_errors::invalid_parameter(
          fmt::format("Queue {}: a queue cannot be its own dead-letter queue.", config.name)));
    }
  }
  return ok;
}

std::optional<std::string> differing_attribute(const QueueRow& row, const QueueConfig& config) {
  if (row.visibility_timeout_s != config.visibility_timeout.count()) {
    return "VisibilityTimeout";
  }
  if (row.retention_s != config.message_retention.count()) {
    return "MessageRetentionPeriod";
  }
  if (row.delay_s != config.delay.count()) {
    return "DelaySeconds";
  }
  if (row.max_message_bytes != config.maximum_message_size) {
    return "MaximumMessageSize";
  }
  const std::optional<std::string> dlq =
      config.redrive_policy ? std::optional(config.redrive_policy->dead_letter_queue) : std::nullopt;
  const std::int64_t count = config.redrive_policy ? config.redrive_policy->max_receive_count : 0;
  if (row.dlq_name != dlq || row.max_receive_count != count) {
    return "RedrivePolicy";
  }
  return std::nullopt;
}

}  // namespace

namespace {

// The queue row `sql` (a SELECT of every queue column with one parameter) finds for `key`.
std::optional<QueueRow> select_queue(Database& db, const char* sql, std::string_view key) {
  auto& select = db.statement(sql);
  select.bind(1, key);
  if (!select.step()) {
    return std::nullopt;
  }
  return read_queue(select);
}

}  // namespace

std::optional<QueueRow> find_queue(Database& db, std::string_view name) {
  return select_queue(db,
                      "SELECT id, name, arn, visibility_timeout_s, retention_s, delay_s, max_message_bytes, "
                      "dlq_name, max_receive_count, created_ms, last_purge_ms FROM queues WHERE name = ?1",
                      name);
}

std::optional<QueueRow> find_queue_by_arn(Database& db, std::string_view arn) {
  return select_queue(db,
                      "SELECT id, name, arn, visibility_timeout_s, retention_s, delay_s, max_message_bytes, "
                      "dlq_name, max_receive_count, created_ms, last_purge_ms FROM queues WHERE arn = ?1",
                      arn);
}

std::expected<QueueRow, SqsError> require_queue(Database& db, std::string_view name) {
  if (auto queue = find_queue(db, name)) {
    return *queue;
  }
  return std::unexpected(sqs_errors::queue_does_not_exist());
}

std::string_view to_string(MoveTaskStatus status) {
  switch (status) {
    case MoveTaskStatus::running: return "RUNNING";
    case MoveTaskStatus::completed: return "COMPLETED";
    case MoveTaskStatus::cancelling: return "CANCELLING";
    case MoveTaskStatus::cancelled: return "CANCELLED";
    case MoveTaskStatus::failed: return "FAILED";
  }
  return "FAILED";
}

SqsService::SqsService(StateStore& store, const Clock& clock, SqsOptions options)
    : m_store(store), m_clock(clock), m_options(std::move(options)) {
  if (m_options.seed) {
    m_random.seed(*m_options.seed);
  } else {
    std::random_device device;
    m_random.seed((std::uint64_t{device()} << 32) ^ device());
  }
}

std::string SqsService::queue_arn(std::string_view name) const {
  return fmt::format("arn:aws:sqs:{}:{}:{}", m_options.region, m_options.account_id, name);
}

std::string SqsService::queue_url(std::string_view name) const {
  return fmt::format("https://sqs.{}.amazonaws.com/{}/{}", m_options.region, m_options.account_id, name);
}

std::expected<std::string, SqsError> SqsService::create_queue(const QueueConfig& config,
                                                              bool update_existing) {
  if (auto checked = check_config(config); !checked) {
    return std::unexpected(checked.error());
  }
  return guarded(m_store.db(), [&]() -> std::expected<std::string, SqsError> {
    Database& db = m_store.db();
    Transaction transaction(db);
    if (config.redrive_policy && !find_queue(db, config.redrive_policy->dead_letter_queue)) {
      return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
          "Value {} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.",
          queue_arn(config.redrive_policy->dead_letter_queue))));
    }
    const auto existing = find_queue(db, config.name);
    const bool exists = existing.has_value();
    if (existing) {
      if (auto differs = differing_attribute(*existing, config); differs && !update_existing) {
        return std::unexpected(SqsError{
            "QueueAlreadyExists",
            fmt::format("A queue already exists with the same name and a different value for attribute {}",
                        *differs),
            true});
      }
    }
    // The same parameters for both statements: ?1 the name, ?2-?8 the attributes (?9 the creation time).
    auto& write = db.statement(
        exists
            ? "UPDATE queues SET arn = ?2, visibility_timeout_s = ?3, retention_s = ?4, delay_s = ?5, "
              "max_message_bytes = ?6, dlq_name = ?7, max_receive_count = ?8 WHERE name = ?1"
            : "INSERT INTO queues(name, arn, visibility_timeout_s, retention_s, delay_s, max_message_bytes, "
              "dlq_name, max_receive_count, created_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    write.bind(1, config.name)
        .bind(2, queue_arn(config.name))
        .bind(3, config.visibility_timeout.count())
        .bind(4, config.message_retention.count())
        .bind(5, config.delay.count())
        .bind(6, config.maximum_message_size)
        .bind(7,
              config.redrive_policy ? std::optional(config.redrive_policy->dead_letter_queue) : std::nullopt)
        .bind(8, std::int64_t{config.redrive_policy ? config.redrive_policy->max_receive_count : 0});
    if (!exists) {
      write.bind(9, SqsInternals::now_ms(*this));
    }
    write.run();
    transaction.commit();
    return queue_url(config.name);
  });
}

std::expected<void, SqsError> SqsService::delete_queue(std::string_view name) {
  return guarded(m_store.db(), [&]() -> std::expected<void, SqsError> {
    Database& db = m_store.db();
    Transaction transaction(db);
    auto queue = require_queue(db, name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    db.statement("DELETE FROM messages WHERE queue_id = ?1").bind(1, queue->id).run();
    db.statement("DELETE FROM move_tasks WHERE source_queue_id = ?1").bind(1, queue->id).run();
    db.statement("DELETE FROM queues WHERE id = ?1").bind(1, queue->id).run();
    transaction.commit();
    return {};
  });
}

std::expected<std::vector<std::string>, SqsError> SqsService::list_queues() const {
  return guarded(m_store.db(), [&]() -> std::expected<std::vector<std::string>, SqsError> {
    auto& select = m_store.db().statement("SELECT name FROM queues ORDER BY name");
    std::vector<std::string> names;
    while (select.step()) {
      names.push_back(select.column_text(0));
    }
    return names;
  });
}

std::expected<QueueConfig, SqsError> SqsService::queue_config(std::string_view name) const {
  return guarded(m_store.db(), [&]() -> std::expected<QueueConfig, SqsError> {
    auto queue = require_queue(m_store.db(), name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    return config_of(*queue);
  });
}

std::expected<QueueAttributes, SqsError> SqsService::queue_attributes(std::string_view name) const {
  return guarded(m_store.db(), [&]() -> std::expected<QueueAttributes, SqsError> {
    Database& db = m_store.db();
    auto queue = require_queue(db, name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    const std::int64_t now = SqsInternals::now_ms(*this);
    auto& counts = db.statement(
        "SELECT coalesce(sum(visible_ms <= ?2), 0), coalesce(sum(visible_ms > ?2 AND receipt IS NOT NULL), "
        "0), "
        "coalesce(sum(visible_ms > ?2 AND receipt IS NULL), 0) FROM messages WHERE queue_id = ?1 AND sent_ms "
        "> ?3");
    counts.bind(1, queue->id).bind(2, now).bind(3, now - queue->retention_s * 1000);
    counts.step();
    QueueAttributes attributes;
    attributes.config = config_of(*queue);
    attributes.arn = queue->arn;
    attributes.approximate_number_of_messages = counts.column_int(0);
    attributes.approximate_number_of_messages_not_visible = counts.column_int(1);
    attributes.approximate_number_of_messages_delayed = counts.column_int(2);
    attributes.created_timestamp_s = queue->created_ms / 1000;
    return attributes;
  });
}

std::expected<std::int64_t, SqsError> SqsService::purge_queue(std::string_view name) {
  return guarded(m_store.db(), [&]() -> std::expected<std::int64_t, SqsError> {
    Database& db = m_store.db();
    Transaction transaction(db);
    auto queue = require_queue(db, name);
    if (!queue) {
      return std::unexpected(queue.error());
    }
    const std::int64_t now = SqsInternals::now_ms(*this);
    if (m_options.enforce_purge_interval && queue->last_purge_ms && now - *queue->last_purge_ms < 60'000) {
      return std::unexpected(SqsError{
          "AWS.SimpleQueueService.PurgeQueueInProgress",
          fmt::format("Only one PurgeQueue operation on {} is allowed every 60 seconds.", queue->name),
          true});
    }
    db.statement("DELETE FROM messages WHERE queue_id = ?1").bind(1, queue->id).run();
    const std::int64_t purged = db.changes();
    db.statement("UPDATE queues SET last_purge_ms = ?2 WHERE id = ?1").bind(1, queue->id).bind(2, now).run();
    transaction.commit();
    return purged;
  });
}

}  // namespace drydock::emulator
