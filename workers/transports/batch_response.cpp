#include "workers/transports/batch_response.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace drydock::workers {
namespace {

constexpr std::string_view k_key = "batchItemFailures";

// `text` parsed as a JSON object holding k_key, else nullopt.
std::optional<nlohmann::json> response_object(std::string_view text) {
  if (text.find(k_key) == std::string_view::npos) {
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains(k_key)) {
    return std::nullopt;
  }
  return parsed;
}

std::string_view last_non_empty_line(std::string_view text) {
  constexpr std::string_view k_space = " \t\r\n";
  auto end = text.find_last_not_of(k_space);
  if (end == std::string_view::npos) {
    return {};
  }
  text = text.substr(0, end + 1);
  auto newline = text.rfind('\n');
  return newline == std::string_view::npos ? text : text.substr(newline + 1);
}

}  // namespace

std::vector<std::string> event_message_ids(std::string_view event_json) {
  std::vector<std::string> ids;
  auto event = nlohmann::json::parse(event_json, nullptr, /*allow_exceptions=*/false);
  if (!event.is_object() || !event.contains("Records") || !event["Records"].is_array()) {
    return ids;
  }
  for (const auto& record : event["Records"]) {
    if (record.is_object() && record.contains("messageId") && record["messageId"].is_string()) {
      ids.push_back(record["messageId"].get<std::string>());
    }
  }
  return ids;
}

std::expected<std::optional<std::vector<std::string>>, std::string> find_batch_item_failures(
    std::string_view output, std::string_view event_json) {
  auto response = response_object(output);
  if (!response) {
    response = response_object(last_non_empty_line(output));
  }
  if (!response) {
    return std::nullopt;
  }
  const auto& list = (*response)[std::string(k_key)];
  std::vector<std::string> failures;
  if (list.is_null()) {
    return failures;
  }
  if (!list.is_array()) {
    return std::unexpected("batchItemFailures is not a list");
  }
  std::vector<std::string> known;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& entry = list[i];
    auto where = "batchItemFailures[" + std::to_string(i) + "]";
    if (!entry.is_object() || !entry.contains("itemIdentifier")) {
      return std::unexpected(where + " has no itemIdentifier");
    }
    const auto& id = entry["itemIdentifier"];
    if (!id.is_string() || id.get_ref<const std::string&>().empty()) {
      return std::unexpected(where + ".itemIdentifier is not a non-empty string");
    }
    const auto& text = id.get_ref<const std::string&>();
    if (known.empty()) {
      known = event_message_ids(event_json);  // parsed only when some message is reported
    }
    if (std::find(known.begin(), known.end(), text) == known.end()) {
      return std::unexpected(where + ".itemIdentifier '" + text + "' is not a messageId of this batch");
    }
    if (std::find(failures.begin(), failures.end(), text) == failures.end()) {
      failures.push_back(text);
    }
  }
  return failures;
}

void apply_batch_response(InvocationResult& result, std::string_view output, std::string_view event_json,
                          bool opted_in) {
  if (!opted_in) {
    return;  // without ReportBatchItemFailures Lambda ignores whatever the function returned
  }
  auto found = find_batch_item_failures(output, event_json);
  if (found) {
    result.batch_item_failures = std::move(*found);
    return;
  }
  // Lambda fails the whole batch; the function itself ran to completion.
  result.succeeded = false;
  result.batch_item_failures.reset();
  result.error = "malformed partial batch response: " + found.error();
}

}  // namespace drydock::workers
