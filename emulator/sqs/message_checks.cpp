#include "emulator/sqs/message_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "emulator/common/md5.hpp"
#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::emulator {
namespace {

bool allowed_code_point(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.';
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char a = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (a != prefix[i]) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> name_problem(std::string_view name) {
  if (name.empty() || name.size() > 256) {
    return "must be 1 to 256 characters long";
  }
  for (const char c : name) {
    if (!is_name_char(c)) {
      return "can contain only alphanumeric characters, hyphens (-), underscores (_) and periods (.)";
    }
  }
  if (starts_with_ignoring_case(name, "aws.") || starts_with_ignoring_case(name, "amazon.")) {
    return "must not start with the reserved prefixes AWS. or Amazon.";
  }
  if (name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos) {
    return "must not start or end with a period or contain two periods in a row";
  }
  return std::nullopt;
}

std::string_view base_type(std::string_view data_type) {
  return data_type.substr(0, data_type.find('.'));
}

void append_length_prefixed(std::string& out, std::string_view bytes) {
  const auto size = static_cast<std::uint32_t>(bytes.size());
  out.push_back(static_cast<char>((size >> 24) & 0xFF));
  out.push_back(static_cast<char>((size >> 16) & 0xFF));
  out.push_back(static_cast<char>((size >> 8) & 0xFF));
  out.push_back(static_cast<char>(size & 0xFF));
  out.append(bytes);
}

bool is_batch_id_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::expected<void, SqsError> check_message_body(std::string_view body) {
  if (body.empty()) {
    return std::unexpected(sqs_errors::missing_parameter("MessageBody"));
  }
  std::size_t at = 0;
  while (at < body.size()) {
    const auto byte = static_cast<unsigned char>(body[at]);
    if (byte >= 0x20 && byte < 0x80) {  // printable ASCII, the common case
      ++at;
      continue;
    }
    const auto decoded = workers::yaml::decode_utf8_at(body, at);
    if (decoded.error != nullptr || !allowed_code_point(decoded.code_point)) {
      return std::unexpected(SqsError{"InvalidMessageContents",
                                      "Invalid characters found. Valid unicode characters are #x9 | #xA | "
                                      "#xD | #x20 to #xD7FF | #xE000 to "
                                      "#xFFFD | #x10000 to #x10FFFF",
                                      true});
    }
    at += decoded.length;
  }
  return {};
}

std::expected<void, SqsError> check_message_attributes(const MessageAttributes& attributes) {
  if (attributes.size() > 10) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Number of message attributes [{}] exceeds the allowed maximum [10].", attributes.size())));
  }
  for (const auto& [name, value] : attributes) {
    if (auto problem = name_problem(name)) {
      return std::unexpected(sqs_errors::invalid_parameter(
          fmt::format("Message (user) attribute '{}' is invalid: the name {}.", name, *problem)));
    }
    const std::string_view type = base_type(value.data_type);
    if (type != "String" && type != "Number" && type != "Binary") {
      return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
          "The type of message (user) attribute '{}' is invalid. You must use only the following supported "
          "type prefixes: Binary, Number, String.",
          name)));
    }
    const auto& payload = type == "Binary" ? value.binary_value : value.string_value;
    if (!payload || payload->empty()) {
      return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
          "Message (user) attribute '{}' must contain a non-empty value of type '{}'.", name, type)));
    }
    if (type != "Binary") {
      if (auto body_like = check_message_body(*payload); !body_like) {
        return std::unexpected(sqs_errors::invalid_parameter(
            fmt::format("Message (user) attribute '{}' contains invalid characters.", name)));
      }
    }
  }
  return {};
}

std::int64_t message_size(std::string_view body, const MessageAttributes& attributes) {
  auto size = static_cast<std::int64_t>(body.size());
  for (const auto& [name, value] : attributes) {
    size += static_cast<std::int64_t>(name.size() + value.data_type.size());
    size += static_cast<std::int64_t>(value.string_value.value_or(value.binary_value.value_or("")).size());
  }
  return size;
}

std::optional<std::string> md5_of_message_attributes(const MessageAttributes& attributes) {
  if (attributes.empty()) {
    return std::nullopt;
  }
  std::string buffer;
  for (const auto& [name, value] : attributes) {
    append_length_prefixed(buffer, name);
    append_length_prefixed(buffer, value.data_type);
    const bool binary = base_type(value.data_type) == "Binary";
    buffer.push_back(binary ? '\x02' : '\x01');
    append_length_prefixed(buffer,
                           binary ? value.binary_value.value_or("") : value.string_value.value_or(""));
  }
  return md5_hex(buffer);
}

std::expected<void, SqsError> check_batch_ids(const std::vector<std::string>& ids,
                                              std::string_view entry_type) {
  if (ids.empty()) {
    return std::unexpected(
        SqsError{"AWS.SimpleQueueService.EmptyBatchRequest",
                 fmt::format("There should be at least one {} in the request.", entry_type), true});
  }
  if (ids.size() > k_max_batch_entries) {
    return std::unexpected(
        SqsError{"AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                 fmt::format("Maximum number of entries per request are {}. You have sent {}.",
                             k_max_batch_entries, ids.size()),
                 true});
  }
  std::set<std::string_view> seen;
  for (const auto& id : ids) {
    const bool valid = !id.empty() && id.size() <= 80 &&
                       std::all_of(id.begin(), id.end(), [](char c) { return is_batch_id_char(c); });
    if (!valid) {
      return std::unexpected(
          SqsError{"AWS.SimpleQueueService.InvalidBatchEntryId",
                   "A batch entry id can only contain alphanumeric characters, hyphens and "
                   "underscores. It can be at most 80 letters long.",
                   true});
    }
    if (!seen.insert(id).second) {
      return std::unexpected(SqsError{"AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                                      fmt::format("Id {} repeated.", id), true});
    }
  }
  return {};
}

std::string encode_message_attributes(const MessageAttributes& attributes) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : attributes) {
    nlohmann::json entry = {{"t", value.data_type}};
    if (value.string_value) {
      entry["s"] = *value.string_value;
    }
    if (value.binary_value) {
      // Raw bytes may not be UTF-8; store them as a byte array.
      entry["b"] = nlohmann::json::binary_t(
          std::vector<std::uint8_t>(value.binary_value->begin(), value.binary_value->end()));
    }
    out[name] = std::move(entry);
  }
  const auto cbor = nlohmann::json::to_cbor(out);
  return std::string(cbor.begin(), cbor.end());
}

MessageAttributes decode_message_attributes(std::string_view text) {
  MessageAttributes attributes;
  if (text.empty()) {
    return attributes;
  }
  const auto doc = nlohmann::json::from_cbor(text.begin(), text.end());
  for (const auto& [name, entry] : doc.items()) {
    MessageAttributeValue value;
    value.data_type = entry.at("t").get<std::string>();
    if (entry.contains("s")) {
      value.string_value = entry.at("s").get<std::string>();
    }
    if (entry.contains("b")) {
      const auto& bytes = entry.at("b").get_binary();
      value.binary_value = std::string(bytes.begin(), bytes.end());
    }
    attributes.emplace(name, std::move(value));
  }
  return attributes;
}

}  // namespace drydock::emulator
