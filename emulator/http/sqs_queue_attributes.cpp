#include "emulator/http/sqs_queue_attributes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <map>

namespace drydock::emulator::http::sqs_wire {

namespace {

std::string redrive_policy_text(const SqsService& sqs, const RedrivePolicy& policy) {
  return Json{{"deadLetterTargetArn", sqs.queue_arn(policy.dead_letter_queue)},
              {"maxReceiveCount", policy.max_receive_count}}
      .dump();
}

Result<std::int64_t> attribute_integer(std::string_view name, const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::unexpected(
        SqsError{"InvalidAttributeValue", fmt::format("Invalid value for the parameter {}.", name), true});
  }
  return value;
}

}  // namespace

Result<void> apply_attributes(QueueConfig& config, const Json& attributes) {
  for (const auto& [name, raw] : attributes.items()) {
    if (!raw.is_string()) {
      return std::unexpected(
          SqsError{"InvalidAttributeValue", fmt::format("Invalid value for the parameter {}.", name), true});
    }
    const std::string text = raw.get<std::string>();
    if (name == "RedrivePolicy") {
      if (text.empty()) {
        config.redrive_policy.reset();
        continue;
      }
      const Json policy = Json::parse(text, nullptr, /*allow_exceptions=*/false);
      const auto target = policy.is_object() ? policy.find("deadLetterTargetArn") : policy.end();
      const auto count = policy.is_object() ? policy.find("maxReceiveCount") : policy.end();
      if (target == policy.end() || !target->is_string() || count == policy.end()) {
        return std::unexpected(SqsError{
            "InvalidAttributeValue",
            "Value for parameter RedrivePolicy is invalid. Reason: Redrive policy is not a valid JSON map "
            "with deadLetterTargetArn and maxReceiveCount.",
            true});
      }
      std::int64_t receives = 0;
      if (count->is_number_integer()) {
        receives = count->get<std::int64_t>();
      } else if (count->is_string()) {
        auto parsed = attribute_integer("RedrivePolicy.maxReceiveCount", count->get<std::string>());
        if (!parsed) {
          return std::unexpected(parsed.error());
        }
        receives = *parsed;
      }
      config.redrive_policy =
          RedrivePolicy{arn_queue_name(target->get<std::string>()), static_cast<int>(receives)};
      continue;
    }
    static const std::map<std::string, std::function<void(QueueConfig&, std::int64_t)>, std::less<>>
        k_numbers{{"VisibilityTimeout",
                   [](QueueConfig& c, std::int64_t v) { c.visibility_timeout = std::chrono::seconds(v); }},
                  {"MessageRetentionPeriod",
                   [](QueueConfig& c, std::int64_t v) { c.message_retention = std::chrono::seconds(v); }},
                  {"DelaySeconds", [](QueueConfig& c, std::int64_t v) { c.delay = std::chrono::seconds(v); }},
                  {"ReceiveMessageWaitTimeSeconds",
                   [](QueueConfig& c, std::int64_t v) { c.receive_wait = std::chrono::seconds(v); }},
                  {"MaximumMessageSize", [](QueueConfig& c, std::int64_t v) { c.maximum_message_size = v; }}};
    if (const auto setter = k_numbers.find(name); setter != k_numbers.end()) {
      auto value = attribute_integer(name, text);
      if (!value) {
        return std::unexpected(value.error());
      }
      setter->second(config, *value);
      continue;
    }
    if (name == "RedriveAllowPolicy" || name == "Policy") {
      auto& kept = name == "Policy" ? config.policy : config.redrive_allow_policy;
      kept = text.empty() ? std::nullopt : std::optional(text);
      continue;
    }
    if (name == "FifoQueue" || name == "ContentBasedDeduplication") {
      return std::unexpected(not_emulated("FIFO queues"));
    }
    if (name == "SqsManagedSseEnabled" && text == "true") {
      continue;  // SQS's default since October 2022 (SSE-SQS), and what GetQueueAttributes reports
    }
    if (name == "KmsMasterKeyId" || name == "KmsDataKeyReusePeriodSeconds" ||
        name == "SqsManagedSseEnabled") {
      return std::unexpected(not_emulated(fmt::format("The queue attribute {}", name)));
    }
    return std::unexpected(invalid_attribute_name(name));
  }
  return {};
}

namespace {

constexpr std::array k_queue_attribute_names = {"ApproximateNumberOfMessages",
                                                "ApproximateNumberOfMessagesDelayed",
                                                "ApproximateNumberOfMessagesNotVisible",
                                                "CreatedTimestamp",
                                                "DelaySeconds",
                                                "LastModifiedTimestamp",
                                                "MaximumMessageSize",
                                                "MessageRetentionPeriod",
                                                "Policy",
                                                "QueueArn",
                                                "ReceiveMessageWaitTimeSeconds",
                                                "RedriveAllowPolicy",
                                                "RedrivePolicy",
                                                "SqsManagedSseEnabled",
                                                "VisibilityTimeout"};

}  // namespace

bool known_queue_attribute(std::string_view name) {
  return std::find(k_queue_attribute_names.begin(), k_queue_attribute_names.end(), name) !=
         k_queue_attribute_names.end();
}

Json queue_attribute_values(const SqsService& sqs, const QueueAttributes& a) {
  Json out{
      {"ApproximateNumberOfMessages", std::to_string(a.approximate_number_of_messages)},
      {"ApproximateNumberOfMessagesDelayed", std::to_string(a.approximate_number_of_messages_delayed)},
      {"ApproximateNumberOfMessagesNotVisible", std::to_string(a.approximate_number_of_messages_not_visible)},
      {"CreatedTimestamp", std::to_string(a.created_timestamp_s)},
      {"DelaySeconds", std::to_string(a.config.delay.count())},
      {"LastModifiedTimestamp", std::to_string(a.created_timestamp_s)},
      {"MaximumMessageSize", std::to_string(a.config.maximum_message_size)},
      {"MessageRetentionPeriod", std::to_string(a.config.message_retention.count())},
      {"QueueArn", a.arn},
      {"ReceiveMessageWaitTimeSeconds", std::to_string(a.config.receive_wait.count())},
      {"SqsManagedSseEnabled", "true"},  // SSE-SQS is the default for new queues (October 2022)
      {"VisibilityTimeout", std::to_string(a.config.visibility_timeout.count())}};
  if (a.config.redrive_policy) {
    out["RedrivePolicy"] = redrive_policy_text(sqs, *a.config.redrive_policy);
  }
  if (a.config.redrive_allow_policy) {
    out["RedriveAllowPolicy"] = *a.config.redrive_allow_policy;
  }
  if (a.config.policy) {
    out["Policy"] = *a.config.policy;
  }
  return out;
}

}  // namespace drydock::emulator::http::sqs_wire
