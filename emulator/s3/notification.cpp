#include "emulator/s3/notification.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace drydock::emulator {
namespace {

constexpr std::string_view k_created_any = "s3:ObjectCreated:*";
constexpr std::string_view k_created_put = "s3:ObjectCreated:Put";

bool is_supported_event(std::string_view event) {
  return event == k_created_any || event == k_created_put;
}

// The wildcard covers every ObjectCreated event, so it shares a type with any of them.
bool events_share_a_type(const QueueConfiguration& a, const QueueConfiguration& b) {
  for (const auto& x : a.events) {
    for (const auto& y : b.events) {
      if (x == y || x == k_created_any || y == k_created_any) {
        return true;
      }
    }
  }
  return false;
}

bool one_starts_the_other(std::string_view a, std::string_view b) {
  return a.starts_with(b) || b.starts_with(a);
}

bool one_ends_the_other(std::string_view a, std::string_view b) {
  return a.ends_with(b) || b.ends_with(a);
}

bool is_sqs_arn(std::string_view arn) {
  // arn:aws:sqs:<region>:<account>:<name>, all parts non-empty.
  if (!arn.starts_with("arn:aws:sqs:")) {
    return false;
  }
  const std::string_view rest = arn.substr(std::string_view("arn:aws:sqs:").size());
  const std::size_t first = rest.find(':');
  if (first == 0 || first == std::string_view::npos) {
    return false;
  }
  const std::size_t second = rest.find(':', first + 1);
  return second != std::string_view::npos && second > first + 1 && second + 1 < rest.size() &&
         rest.find(':', second + 1) == std::string_view::npos;
}

}  // namespace

std::expected<void, S3Error> validate_notification_configuration(
    const NotificationConfiguration& configuration) {
  std::set<std::string_view> ids;
  const auto& queues = configuration.queue_configurations;
  for (const auto& queue : queues) {
    if (queue.events.empty()) {
      return std::unexpected(
          invalid_argument_error(fmt::format("Queue configuration '{}' has no events", queue.id)));
    }
    for (const auto& event : queue.events) {
      if (!is_supported_event(event)) {
        return std::unexpected(invalid_argument_error(fmt::format(
            "The event '{}' of queue configuration '{}' is not supported for notifications by Drydock "
            "(supported: {}, {})",
            event, queue.id, k_created_any, k_created_put)));
      }
    }
    if (!is_sqs_arn(queue.queue_arn)) {
      return std::unexpected(invalid_argument_error(
          fmt::format("The queue ARN '{}' of queue configuration '{}' is not an SQS queue ARN "
                      "(arn:aws:sqs:<region>:<account>:<name>)",
                      queue.queue_arn, queue.id)));
    }
    if (!queue.id.empty() && !ids.insert(queue.id).second) {
      return std::unexpected(invalid_argument_error(
          fmt::format("Two queue configurations have the id '{}'; ids must be unique", queue.id)));
    }
  }
  for (std::size_t i = 0; i < queues.size(); ++i) {
    for (std::size_t j = i + 1; j < queues.size(); ++j) {
      if (events_share_a_type(queues[i], queues[j]) &&
          one_starts_the_other(queues[i].prefix, queues[j].prefix) &&
          one_ends_the_other(queues[i].suffix, queues[j].suffix)) {
        return std::unexpected(invalid_argument_error(
            "Configurations overlap. Configurations on the same bucket cannot share a common event type."));
      }
    }
  }
  return {};
}

bool notification_matches(const QueueConfiguration& configuration, std::string_view event_name,
                          std::string_view key) {
  const bool wanted = std::ranges::any_of(configuration.events, [&](const std::string& event) {
    return event == event_name || (event == k_created_any && event_name.starts_with("s3:ObjectCreated:"));
  });
  return wanted && key.starts_with(configuration.prefix) && key.ends_with(configuration.suffix);
}

}  // namespace drydock::emulator
