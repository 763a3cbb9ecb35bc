#include "emulator/http/sqs_input.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace drydock::emulator::http::sqs_wire {

SqsError invalid_attribute_name(std::string_view name) {
  return {"InvalidAttributeName", fmt::format("Unknown Attribute {}.", name), true};
}

SqsError not_emulated(std::string_view what) {
  return {"AWS.SimpleQueueService.UnsupportedOperation",
          fmt::format("{} is not emulated by Drydock yet.", what), true};
}

Result<std::optional<std::string>> optional_string(const Json& input, std::string_view name) {
  const auto found = input.find(name);
  if (found == input.end() || found->is_null()) {
    return std::nullopt;
  }
  if (!found->is_string()) {
    return std::unexpected(
        sqs_errors::invalid_parameter(fmt::format("The parameter {} must be a string.", name)));
  }
  return found->get<std::string>();
}

Result<std::string> required_string(const Json& input, std::string_view name) {
  auto value = optional_string(input, name);
  if (!value) {
    return std::unexpected(value.error());
  }
  if (!*value) {
    return std::unexpected(sqs_errors::missing_parameter(name));
  }
  return std::move(**value);
}

Result<std::optional<std::int64_t>> optional_integer(const Json& input, std::string_view name) {
  const auto found = input.find(name);
  if (found == input.end() || found->is_null()) {
    return std::nullopt;
  }
  if (!found->is_number_integer()) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter {} is invalid. Reason: must be an integer.", found->dump(), name)));
  }
  return found->get<std::int64_t>();
}

Result<std::vector<std::string>> string_list(const Json& input, std::string_view name) {
  std::vector<std::string> out;
  const auto found = input.find(name);
  if (found == input.end() || found->is_null()) {
    return out;
  }
  if (!found->is_array()) {
    return std::unexpected(
        sqs_errors::invalid_parameter(fmt::format("The parameter {} must be a list.", name)));
  }
  for (const auto& item : *found) {
    if (!item.is_string()) {
      return std::unexpected(
          sqs_errors::invalid_parameter(fmt::format("The parameter {} must be a list of strings.", name)));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

const Json& object_member(const Json& input, std::string_view name) {
  static const Json k_empty = Json::object();
  const auto found = input.find(name);
  return found != input.end() && found->is_object() ? *found : k_empty;
}

Result<std::string> queue_name(const Json& input) {
  auto url = required_string(input, "QueueUrl");
  if (!url) {
    return std::unexpected(url.error());
  }
  const auto slash = url->find_last_of('/');
  std::string name = slash == std::string::npos ? *url : url->substr(slash + 1);
  if (name.empty()) {
    return std::unexpected(sqs_errors::queue_does_not_exist());
  }
  return name;
}

std::string queue_url(const SqsService& sqs, const SqsEndpoint& endpoint, std::string_view name) {
  return fmt::format("{}/{}/{}", endpoint.origin, sqs.options().account_id, name);
}

std::string arn_queue_name(std::string_view arn) {
  const auto colon = arn.find_last_of(':');
  return std::string(colon == std::string_view::npos ? arn : arn.substr(colon + 1));
}

Result<const Json*> entries(const Json& input) {
  const auto found = input.find("Entries");
  if (found == input.end() || found->is_null()) {
    static const Json k_none = Json::array();
    return &k_none;
  }
  if (!found->is_array() ||
      !std::all_of(found->begin(), found->end(), [](const Json& e) { return e.is_object(); })) {
    return std::unexpected(sqs_errors::invalid_parameter("The parameter Entries must be a list of objects."));
  }
  return &*found;
}

Result<std::optional<std::int64_t>> max_results(const Json& input) {
  auto value = optional_integer(input, "MaxResults");
  if (value && *value && (**value < 1 || **value > 1000)) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter MaxResults is invalid. Reason: must be between 1 and 1000.", **value)));
  }
  return value;
}

bool wants(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& wanted) {
    if (wanted == "All" || wanted == ".*" || wanted == name) {
      return true;
    }
    return wanted.ends_with(".*") && name.starts_with(std::string_view(wanted).substr(0, wanted.size() - 1));
  });
}

}  // namespace drydock::emulator::http::sqs_wire
