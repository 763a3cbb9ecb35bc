// Queues: create (idempotent, or updating when provisioning from the project), delete, list,
// attributes, purge, peek.

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "emulator/sqs/message_checks.hpp"
#include "emulator/sqs/queue_store.hpp"
#include "emulator/sqs/redrive_allow_policy.hpp"
#include "emulator/sqs/sqs_internals.hpp"

namespace drydock::emulator {
namespace {

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
  config.receive_wait = std::chrono::seconds(queue.receive_wait_s);
  config.redrive_allow_policy = queue.redrive_allow_policy;
  config.policy = queue.policy;
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
        check_range("MaximumMessageSize", config.maximum_message_size, 1'024, 1'048'576),
        check_range("ReceiveMessageWaitTimeSeconds", config.receive_wait.count(), 0, 20)}) {
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
  if (config.redrive_allow_policy) {
    if (auto parsed = parse_redrive_allow_policy(*config.redrive_allow_policy); !parsed) {
      return std::unexpected(parsed.error());
    }
  }
  if (config.policy) {
    constexpr std::size_t k_max_policy_bytes = 20 * 1024;  // AWS: "up to 20 KB"
    const auto document = nlohmann::json::parse(*config.policy, nullptr, false);
    if (!document.is_object() || config.policy->size() > k_max_policy_bytes) {
      return std::unexpected(sqs_errors::invalid_parameter(
          "Invalid value for the parameter Policy. Reason: a policy is a JSON object of at most 20 KB."));
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
  if (row.receive_wait_s != config.receive_wait.count()) {
    return "ReceiveMessageWaitTimeSeconds";
  }
  if (row.redrive_allow_policy != config.redrive_allow_policy) {
    return "RedriveAllowPolicy";
  }
  if (row.policy != config.policy) {
    return "Policy";
  }
  return std::nullopt;
}

}  // namespace

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
  Database& db = m_store.db();
  return in_transaction(db, [&]() -> std::expected<std::string, SqsError> {
    if (config.redrive_policy) {
      const auto dlq = queue_store::find_queue(db, config.redrive_policy->dead_letter_queue);
      if (!dlq) {
        return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
            "Value {} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.",
            queue_arn(config.redrive_policy->dead_letter_queue))));
      }
      // The DLQ's RedriveAllowPolicy decides which queues may send it their dead letters.
      if (dlq->redrive_allow_policy) {
        const auto allowed = parse_redrive_allow_policy(*dlq->redrive_allow_policy);
        if (allowed && !allowed->allows(queue_arn(config.name))) {
          return std::unexpected(sqs_errors::invalid_parameter(
              fmt::format("Value {} for parameter RedrivePolicy is invalid. Reason: the dead-letter queue's "
                          "RedriveAllowPolicy does not allow {} as a source queue.",
                          dlq->arn, queue_arn(config.name))));
        }
      }
    }
    const auto existing = queue_store::find_queue(db, config.name);
    if (existing) {
      if (auto differs = differing_attribute(*existing, config); differs && !update_existing) {
        return std::unexpected(SqsError{
            "QueueAlreadyExists",
            fmt::format("A queue already exists with the same name and a different value for attribute {}",
                        *differs),
            true});
      }
    }
    if (existing) {
      queue_store::update_queue(db, config, queue_arn(config.name));
    } else {
      queue_store::insert_queue(db, config, queue_arn(config.name), SqsInternals::now_ms(*this));
    }
    return queue_url(config.name);
  });
}

std::expected<void, SqsError> SqsService::delete_queue(std::string_view name) {
  return with_queue(m_store.db(), name,
                    [](Database& db, const QueueRow& queue) -> std::expected<void, SqsError> {
                      queue_store::delete_queue(db, queue.id);
                      return {};
                    });
}

std::expected<std::vector<std::string>, SqsError> SqsService::list_queues() const {
  return guarded(m_store.db(), [&]() -> std::expected<std::vector<std::string>, SqsError> {
    return queue_store::queue_names(m_store.db());
  });
}

std::expected<QueueConfig, SqsError> SqsService::queue_config(std::string_view name) const {
  return reading_queue(m_store.db(), name,
                       [](Database&, const QueueRow& queue) -> std::expected<QueueConfig, SqsError> {
                         return config_of(queue);
                       });
}

std::expected<QueueAttributes, SqsError> SqsService::queue_attributes(std::string_view name) const {
  return reading_queue(m_store.db(), name,
                       [&](Database& db, const QueueRow& queue) -> std::expected<QueueAttributes, SqsError> {
                         const std::int64_t now = SqsInternals::now_ms(*this);
                         // Messages past the retention period are not counted (a receive would delete them).
                         const MessageCounts counts =
                             queue_store::count_messages(db, queue.id, now, now - queue.retention_s * 1000);
                         QueueAttributes attributes;
                         attributes.config = config_of(queue);
                         attributes.arn = queue.arn;
                         attributes.approximate_number_of_messages = counts.visible;
                         attributes.approximate_number_of_messages_not_visible = counts.in_flight;
                         attributes.approximate_number_of_messages_delayed = counts.delayed;
                         attributes.created_timestamp_s = queue.created_ms / 1000;
                         return attributes;
                       });
}

std::expected<std::int64_t, SqsError> SqsService::purge_queue(std::string_view name) {
  return with_queue(
      m_store.db(), name, [&](Database& db, const QueueRow& queue) -> std::expected<std::int64_t, SqsError> {
        const std::int64_t now = SqsInternals::now_ms(*this);
        if (m_options.enforce_purge_interval && queue.last_purge_ms && now - *queue.last_purge_ms < 60'000) {
          return std::unexpected(SqsError{
              "AWS.SimpleQueueService.PurgeQueueInProgress",
              fmt::format("Only one PurgeQueue operation on {} is allowed every 60 seconds.", queue.name),
              true});
        }
        const std::int64_t purged = queue_store::delete_queue_messages(db, queue.id);
        queue_store::set_last_purge(db, queue.id, now);
        return purged;
      });
}

}  // namespace drydock::emulator
