#include "emulator/sqs/redrive_allow_policy.hpp"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace drydock::emulator {
namespace {

constexpr std::size_t k_max_source_queues = 10;

SqsError invalid(std::string_view text, std::string_view reason) {
  return sqs_errors::invalid_parameter(
      fmt::format("Value {} for parameter RedriveAllowPolicy is invalid. Reason: {}", text, reason));
}

}  // namespace

bool RedriveAllowPolicy::allows(std::string_view source_arn) const {
  switch (permission) {
    case Permission::allow_all: return true;
    case Permission::deny_all: return false;
    case Permission::by_queue:
      return std::find(source_queue_arns.begin(), source_queue_arns.end(), source_arn) !=
             source_queue_arns.end();
  }
  return false;
}

std::expected<RedriveAllowPolicy, SqsError> parse_redrive_allow_policy(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_object()) {
    return std::unexpected(invalid(text, "it is not a JSON object."));
  }
  for (const auto& [key, value] : json.items()) {
    if (key != "redrivePermission" && key != "sourceQueueArns") {
      return std::unexpected(invalid(text, fmt::format("unknown member {}.", key)));
    }
  }
  const auto permission = json.find("redrivePermission");
  if (permission == json.end() || !permission->is_string()) {
    return std::unexpected(invalid(text, "redrivePermission must be allowAll, denyAll or byQueue."));
  }
  RedriveAllowPolicy policy;
  const std::string name = permission->get<std::string>();
  if (name == "allowAll") {
    policy.permission = RedriveAllowPolicy::Permission::allow_all;
  } else if (name == "denyAll") {
    policy.permission = RedriveAllowPolicy::Permission::deny_all;
  } else if (name == "byQueue") {
    policy.permission = RedriveAllowPolicy::Permission::by_queue;
  } else {
    return std::unexpected(invalid(text, "redrivePermission must be allowAll, denyAll or byQueue."));
  }
  const auto sources = json.find("sourceQueueArns");
  if (policy.permission != RedriveAllowPolicy::Permission::by_queue) {
    if (sources != json.end()) {
      return std::unexpected(
          invalid(text, "sourceQueueArns is only allowed with redrivePermission byQueue."));
    }
    return policy;
  }
  if (sources == json.end() || !sources->is_array() || sources->empty() ||
      sources->size() > k_max_source_queues) {
    return std::unexpected(invalid(text, "byQueue needs sourceQueueArns, a list of 1 to 10 queue ARNs."));
  }
  for (const auto& arn : *sources) {
    if (!arn.is_string() || !arn.get<std::string>().starts_with("arn:")) {
      return std::unexpected(invalid(text, "each of sourceQueueArns must be a queue ARN."));
    }
    policy.source_queue_arns.push_back(arn.get<std::string>());
  }
  return policy;
}

}  // namespace drydock::emulator
