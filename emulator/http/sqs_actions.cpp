#include "emulator/http/sqs_actions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <map>

#include "emulator/common/base64.hpp"
#include "emulator/sqs/message_checks.hpp"

namespace drydock::emulator::http {

namespace {

using Json = nlohmann::json;
template <typename T>
using Result = std::expected<T, SqsError>;

SqsError invalid_attribute_name(std::string_view name) {
  return {"InvalidAttributeName", fmt::format("Unknown Attribute {}.", name), true};
}

SqsError not_emulated(std::string_view what) {
  return {"AWS.SimpleQueueService.UnsupportedOperation",
          fmt::format("{} is not emulated by Drydock yet.", what), true};
}

// ---- reading the input ----

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

// The queue a QueueUrl names: its last path segment.
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

// The name at the end of an SQS ARN (arn:aws:sqs:<region>:<account>:<name>).
std::string arn_queue_name(std::string_view arn) {
  const auto colon = arn.find_last_of(':');
  return std::string(colon == std::string_view::npos ? arn : arn.substr(colon + 1));
}

Result<MessageAttributes> message_attributes(const Json& input, std::string_view member) {
  MessageAttributes out;
  for (const auto& [name, value] : object_member(input, member).items()) {
    if (!value.is_object()) {
      return std::unexpected(
          sqs_errors::invalid_parameter(fmt::format("The message attribute '{}' must be an object.", name)));
    }
    MessageAttributeValue attribute;
    auto type = required_string(value, "DataType");
    auto text = optional_string(value, "StringValue");
    auto binary = optional_string(value, "BinaryValue");
    for (const auto* failed : {type ? nullptr : &type.error(), text ? nullptr : &text.error(),
                               binary ? nullptr : &binary.error()}) {
      if (failed != nullptr) {
        return std::unexpected(sqs_errors::invalid_parameter(
            fmt::format("The message attribute '{}': {}", name, failed->message)));
      }
    }
    attribute.data_type = std::move(*type);
    attribute.string_value = std::move(*text);
    if (*binary) {
      attribute.binary_value = base64_decode(**binary);
      if (!attribute.binary_value) {
        return std::unexpected(sqs_errors::invalid_parameter(
            fmt::format("The message attribute '{}' has a BinaryValue that is not base64.", name)));
      }
    }
    out.emplace(name, std::move(attribute));
  }
  return out;
}

Result<SendMessageEntry> send_entry(const Json& input) {
  SendMessageEntry entry;
  auto body = required_string(input, "MessageBody");
  if (!body) {
    return std::unexpected(body.error());
  }
  entry.body = std::move(*body);
  auto delay = optional_integer(input, "DelaySeconds");
  if (!delay) {
    return std::unexpected(delay.error());
  }
  if (*delay) {
    entry.delay = std::chrono::seconds(**delay);
  }
  auto attributes = message_attributes(input, "MessageAttributes");
  if (!attributes) {
    return std::unexpected(attributes.error());
  }
  entry.message_attributes = std::move(*attributes);
  if (auto checked = check_message_attributes(entry.message_attributes); !checked) {
    return std::unexpected(checked.error());
  }
  for (const auto& [name, value] : object_member(input, "MessageSystemAttributes").items()) {
    if (name != "AWSTraceHeader") {
      return std::unexpected(
          sqs_errors::invalid_parameter(fmt::format("Message system attribute name '{}' is invalid.", name)));
    }
    auto text = optional_string(value, "StringValue");
    if (text && *text) {
      entry.aws_trace_header = std::move(**text);
    }
  }
  for (const auto* field : {"MessageGroupId", "MessageDeduplicationId"}) {
    if (input.contains(field)) {
      return std::unexpected(not_emulated(fmt::format("{} (FIFO queues)", field)));
    }
  }
  return entry;
}

Json md5s(const std::string& md5_body, const std::optional<std::string>& md5_attributes) {
  Json out{{"MD5OfMessageBody", md5_body}};
  if (md5_attributes) {
    out["MD5OfMessageAttributes"] = *md5_attributes;
  }
  return out;
}

Json batch_failure(const BatchFailure& failure) {
  return {{"Id", failure.id},
          {"SenderFault", failure.sender_fault},
          {"Code", failure.code},
          {"Message", failure.message}};
}

// ---- queue attributes ----

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

// Applies CreateQueue's / SetQueueAttributes' Attributes to `config`.
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
                  {"MaximumMessageSize", [](QueueConfig& c, std::int64_t v) { c.maximum_message_size = v; }}};
    if (const auto setter = k_numbers.find(name); setter != k_numbers.end()) {
      auto value = attribute_integer(name, text);
      if (!value) {
        return std::unexpected(value.error());
      }
      setter->second(config, *value);
      continue;
    }
    if (name == "ReceiveMessageWaitTimeSeconds" && text == "0") {
      continue;  // the default, the only value kept so far
    }
    if (name == "FifoQueue" || name == "ContentBasedDeduplication") {
      return std::unexpected(not_emulated("FIFO queues"));
    }
    if (name == "ReceiveMessageWaitTimeSeconds" || name == "RedriveAllowPolicy" || name == "Policy" ||
        name == "KmsMasterKeyId" || name == "KmsDataKeyReusePeriodSeconds" ||
        name == "SqsManagedSseEnabled") {
      return std::unexpected(not_emulated(fmt::format("The queue attribute {}", name)));
    }
    return std::unexpected(invalid_attribute_name(name));
  }
  return {};
}

constexpr std::array k_queue_attribute_names = {"ApproximateNumberOfMessages",
                                                "ApproximateNumberOfMessagesDelayed",
                                                "ApproximateNumberOfMessagesNotVisible",
                                                "CreatedTimestamp",
                                                "DelaySeconds",
                                                "LastModifiedTimestamp",
                                                "MaximumMessageSize",
                                                "MessageRetentionPeriod",
                                                "QueueArn",
                                                "ReceiveMessageWaitTimeSeconds",
                                                "RedrivePolicy",
                                                "SqsManagedSseEnabled",
                                                "VisibilityTimeout"};

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
      {"ReceiveMessageWaitTimeSeconds", "0"},
      {"SqsManagedSseEnabled", "false"},
      {"VisibilityTimeout", std::to_string(a.config.visibility_timeout.count())}};
  if (a.config.redrive_policy) {
    out["RedrivePolicy"] = redrive_policy_text(sqs, *a.config.redrive_policy);
  }
  return out;
}

// ---- receiving ----

bool wants(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& wanted) {
    if (wanted == "All" || wanted == ".*" || wanted == name) {
      return true;
    }
    return wanted.ends_with(".*") && name.starts_with(std::string_view(wanted).substr(0, wanted.size() - 1));
  });
}

Json attribute_value(const MessageAttributeValue& value) {
  Json out{{"DataType", value.data_type}};
  if (value.string_value) {
    out["StringValue"] = *value.string_value;
  }
  if (value.binary_value) {
    out["BinaryValue"] = base64_encode(*value.binary_value);
  }
  return out;
}

// ---- the operations ----

using Handler = std::function<Result<Json>(SqsService&, const Json&, const SqsEndpoint&)>;

Result<Json> create_queue(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto name = required_string(input, "QueueName");
  if (!name) {
    return std::unexpected(name.error());
  }
  QueueConfig config;
  config.name = *name;
  if (auto applied = apply_attributes(config, object_member(input, "Attributes")); !applied) {
    return std::unexpected(applied.error());
  }
  if (!object_member(input, "tags").empty()) {
    return std::unexpected(not_emulated("Queue tags"));
  }
  if (auto created = sqs.create_queue(config); !created) {
    return std::unexpected(created.error());
  }
  return Json{{"QueueUrl", queue_url(sqs, endpoint, *name)}};
}

Result<Json> get_queue_url(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto name = required_string(input, "QueueName");
  if (!name) {
    return std::unexpected(name.error());
  }
  if (auto config = sqs.queue_config(*name); !config) {
    return std::unexpected(config.error());
  }
  return Json{{"QueueUrl", queue_url(sqs, endpoint, *name)}};
}

// The names after `next_token` (a name), at most max_results, and the token for the rest.
Json page_of_urls(const SqsService& sqs, const SqsEndpoint& endpoint, std::vector<std::string> names,
                  std::optional<std::int64_t> max_results, const std::optional<std::string>& next_token,
                  std::string_view member) {
  if (next_token) {
    names.erase(names.begin(), std::upper_bound(names.begin(), names.end(), *next_token));
  }
  const std::size_t limit = max_results ? static_cast<std::size_t>(*max_results) : 1000;
  Json out = Json::object();
  Json urls = Json::array();
  for (std::size_t k = 0; k < names.size() && k < limit; ++k) {
    urls.push_back(queue_url(sqs, endpoint, names[k]));
  }
  if (!urls.empty()) {
    out[member] = std::move(urls);
  }
  if (max_results && names.size() > limit) {
    out["NextToken"] = names[limit - 1];
  }
  return out;
}

Result<std::optional<std::int64_t>> max_results(const Json& input) {
  auto value = optional_integer(input, "MaxResults");
  if (value && *value && (**value < 1 || **value > 1000)) {
    return std::unexpected(sqs_errors::invalid_parameter(fmt::format(
        "Value {} for parameter MaxResults is invalid. Reason: must be between 1 and 1000.", **value)));
  }
  return value;
}

Result<Json> list_queues(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto prefix = optional_string(input, "QueueNamePrefix");
  auto limit = max_results(input);
  auto token = optional_string(input, "NextToken");
  auto names = sqs.list_queues();
  for (const SqsError* failed : {prefix ? nullptr : &prefix.error(), limit ? nullptr : &limit.error(),
                                 token ? nullptr : &token.error(), names ? nullptr : &names.error()}) {
    if (failed != nullptr) {
      return std::unexpected(*failed);
    }
  }
  if (*prefix) {
    std::erase_if(*names, [&](const std::string& name) { return !name.starts_with(**prefix); });
  }
  return page_of_urls(sqs, endpoint, std::move(*names), *limit, *token, "QueueUrls");
}

Result<Json> delete_queue(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  if (auto deleted = sqs.delete_queue(*name); !deleted) {
    return std::unexpected(deleted.error());
  }
  return Json::object();
}

Result<Json> get_queue_attributes(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto names = string_list(input, "AttributeNames");
  if (!name || !names) {
    return std::unexpected(name ? names.error() : name.error());
  }
  for (const auto& wanted : *names) {
    if (wanted != "All" && std::find(k_queue_attribute_names.begin(), k_queue_attribute_names.end(),
                                     wanted) == k_queue_attribute_names.end()) {
      return std::unexpected(invalid_attribute_name(wanted));
    }
  }
  auto attributes = sqs.queue_attributes(*name);
  if (!attributes) {
    return std::unexpected(attributes.error());
  }
  Json values = queue_attribute_values(sqs, *attributes);
  Json out = Json::object();
  for (const auto& [key, value] : values.items()) {
    if (wants(*names, key)) {
      out[key] = value;
    }
  }
  return out.empty() ? Json::object() : Json{{"Attributes", std::move(out)}};
}

Result<Json> set_queue_attributes(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  auto config = sqs.queue_config(*name);
  if (!config) {
    return std::unexpected(config.error());
  }
  if (auto applied = apply_attributes(*config, object_member(input, "Attributes")); !applied) {
    return std::unexpected(applied.error());
  }
  if (auto updated = sqs.create_queue(*config, /*update_existing=*/true); !updated) {
    return std::unexpected(updated.error());
  }
  return Json::object();
}

Result<Json> send_message(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  auto entry = send_entry(input);
  if (!entry) {
    return std::unexpected(entry.error());
  }
  auto sent = sqs.send_message(*name, *entry);
  if (!sent) {
    return std::unexpected(sent.error());
  }
  Json out = md5s(sent->md5_of_message_body, sent->md5_of_message_attributes);
  out["MessageId"] = sent->message_id;
  return out;
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

Result<Json> send_message_batch(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto list = entries(input);
  if (!name || !list) {
    return std::unexpected(name ? list.error() : name.error());
  }
  std::vector<SendMessageEntry> batch;
  std::vector<BatchFailure> refused;  // entries whose fields could not be read
  for (const auto& item : **list) {
    auto id = required_string(item, "Id");
    auto entry = send_entry(item);
    if (!entry) {
      refused.push_back({id ? *id : "", entry.error().code, entry.error().message, true});
      continue;
    }
    entry->id = id ? *id : "";
    batch.push_back(std::move(*entry));
  }
  std::vector<std::string> ids;
  for (const auto& item : **list) {
    const auto id = item.find("Id");
    ids.push_back(id != item.end() && id->is_string() ? id->get<std::string>() : "");
  }
  if (auto checked = check_batch_ids(ids, "SendMessageBatchRequestEntry"); !checked) {
    return std::unexpected(checked.error());
  }
  SendBatchResult result;
  if (!batch.empty()) {
    auto sent = sqs.send_message_batch(*name, batch);
    if (!sent) {
      return std::unexpected(sent.error());
    }
    result = std::move(*sent);
  } else if (auto exists = sqs.queue_config(*name); !exists) {
    return std::unexpected(exists.error());
  }
  Json successful = Json::array();
  for (const auto& sent : result.successful) {
    Json entry = md5s(sent.md5_of_message_body, sent.md5_of_message_attributes);
    entry["Id"] = sent.id;
    entry["MessageId"] = sent.message_id;
    successful.push_back(std::move(entry));
  }
  Json failed = Json::array();
  for (const auto& failure : refused) {
    failed.push_back(batch_failure(failure));
  }
  for (const auto& failure : result.failed) {
    failed.push_back(batch_failure(failure));
  }
  return Json{{"Successful", std::move(successful)}, {"Failed", std::move(failed)}};
}

Result<Json> receive_message(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto count = optional_integer(input, "MaxNumberOfMessages");
  auto visibility = optional_integer(input, "VisibilityTimeout");
  auto wait = optional_integer(input, "WaitTimeSeconds");
  auto attribute_names = string_list(input, "AttributeNames");
  auto system_names = string_list(input, "MessageSystemAttributeNames");
  auto message_names = string_list(input, "MessageAttributeNames");
  for (const SqsError* failed :
       {name ? nullptr : &name.error(), count ? nullptr : &count.error(),
        visibility ? nullptr : &visibility.error(), wait ? nullptr : &wait.error(),
        attribute_names ? nullptr : &attribute_names.error(), system_names ? nullptr : &system_names.error(),
        message_names ? nullptr : &message_names.error()}) {
    if (failed != nullptr) {
      return std::unexpected(*failed);
    }
  }
  ReceiveRequest request;
  request.max_number_of_messages = static_cast<int>(count->value_or(1));
  if (*visibility) {
    request.visibility_timeout = std::chrono::seconds(**visibility);
  }
  request.wait_time = std::chrono::seconds(wait->value_or(0));
  auto received = sqs.receive_message(*name, request);
  if (!received) {
    return std::unexpected(received.error());
  }
  std::vector<std::string> system = std::move(*attribute_names);
  system.insert(system.end(), system_names->begin(), system_names->end());
  Json messages = Json::array();
  for (auto& message : *received) {
    Json out{{"MessageId", message.message_id},
             {"ReceiptHandle", message.receipt_handle},
             {"MD5OfBody", message.md5_of_body},
             {"Body", std::move(message.body)}};
    Json attributes = Json::object();
    for (const auto& [key, value] : message.attributes) {
      if (wants(system, key)) {
        attributes[key] = value;
      }
    }
    if (!attributes.empty()) {
      out["Attributes"] = std::move(attributes);
    }
    Json values = Json::object();
    for (const auto& [key, value] : message.message_attributes) {
      if (wants(*message_names, key)) {
        values[key] = attribute_value(value);
      }
    }
    if (!values.empty()) {
      out["MessageAttributes"] = std::move(values);
      if (message.md5_of_message_attributes) {
        out["MD5OfMessageAttributes"] = *message.md5_of_message_attributes;
      }
    }
    messages.push_back(std::move(out));
  }
  return messages.empty() ? Json::object() : Json{{"Messages", std::move(messages)}};
}

Result<Json> delete_message(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto handle = required_string(input, "ReceiptHandle");
  if (!name || !handle) {
    return std::unexpected(name ? handle.error() : name.error());
  }
  if (auto deleted = sqs.delete_message(*name, *handle); !deleted) {
    return std::unexpected(deleted.error());
  }
  return Json::object();
}

// Id and ReceiptHandle of each entry of a Delete/ChangeMessageVisibility batch.
Result<std::vector<ReceiptEntry>> receipt_entries(const Json& input) {
  auto list = entries(input);
  if (!list) {
    return std::unexpected(list.error());
  }
  std::vector<ReceiptEntry> out;
  for (const auto& item : **list) {
    auto id = optional_string(item, "Id");
    auto handle = optional_string(item, "ReceiptHandle");
    out.push_back({id && *id ? **id : "", handle && *handle ? **handle : ""});
  }
  return out;
}

Json batch_answer(const BatchResult& result) {
  Json successful = Json::array();
  for (const auto& id : result.successful) {
    successful.push_back(Json{{"Id", id}});
  }
  Json failed = Json::array();
  for (const auto& failure : result.failed) {
    failed.push_back(batch_failure(failure));
  }
  return Json{{"Successful", std::move(successful)}, {"Failed", std::move(failed)}};
}

Result<Json> delete_message_batch(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto list = receipt_entries(input);
  if (!name || !list) {
    return std::unexpected(name ? list.error() : name.error());
  }
  auto result = sqs.delete_message_batch(*name, *list);
  if (!result) {
    return std::unexpected(result.error());
  }
  return batch_answer(*result);
}

Result<Json> change_message_visibility(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto handle = required_string(input, "ReceiptHandle");
  auto timeout = optional_integer(input, "VisibilityTimeout");
  for (const SqsError* failed : {name ? nullptr : &name.error(), handle ? nullptr : &handle.error(),
                                 timeout ? nullptr : &timeout.error()}) {
    if (failed != nullptr) {
      return std::unexpected(*failed);
    }
  }
  if (!*timeout) {
    return std::unexpected(sqs_errors::missing_parameter("VisibilityTimeout"));
  }
  if (auto changed = sqs.change_message_visibility(*name, *handle, std::chrono::seconds(**timeout));
      !changed) {
    return std::unexpected(changed.error());
  }
  return Json::object();
}

Result<Json> change_message_visibility_batch(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto list = entries(input);
  if (!name || !list) {
    return std::unexpected(name ? list.error() : name.error());
  }
  std::vector<std::string> ids;
  for (const auto& item : **list) {
    auto id = optional_string(item, "Id");
    ids.push_back(id && *id ? **id : "");
  }
  if (auto checked = check_batch_ids(ids, "ChangeMessageVisibilityBatchRequestEntry"); !checked) {
    return std::unexpected(checked.error());
  }
  if (auto exists = sqs.queue_config(*name); !exists) {
    return std::unexpected(exists.error());
  }
  BatchResult result;
  for (std::size_t k = 0; k < ids.size(); ++k) {
    const Json& item = (**list)[k];
    auto changed =
        change_message_visibility(sqs,
                                  Json{{"QueueUrl", *name},
                                       {"ReceiptHandle", item.value("ReceiptHandle", Json())},
                                       {"VisibilityTimeout", item.value("VisibilityTimeout", Json())}},
                                  {});
    if (changed) {
      result.successful.push_back(ids[k]);
    } else {
      result.failed.push_back(
          {ids[k], changed.error().code, changed.error().message, changed.error().sender_fault});
    }
  }
  return batch_answer(result);
}

Result<Json> purge_queue(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  if (auto purged = sqs.purge_queue(*name); !purged) {
    return std::unexpected(purged.error());
  }
  return Json::object();
}

Result<Json> list_dead_letter_source_queues(SqsService& sqs, const Json& input, const SqsEndpoint& endpoint) {
  auto name = queue_name(input);
  auto limit = max_results(input);
  auto token = optional_string(input, "NextToken");
  for (const SqsError* failed :
       {name ? nullptr : &name.error(), limit ? nullptr : &limit.error(), token ? nullptr : &token.error()}) {
    if (failed != nullptr) {
      return std::unexpected(*failed);
    }
  }
  if (auto exists = sqs.queue_config(*name); !exists) {
    return std::unexpected(exists.error());
  }
  auto names = sqs.list_queues();
  if (!names) {
    return std::unexpected(names.error());
  }
  std::vector<std::string> sources;
  for (const auto& candidate : *names) {
    auto config = sqs.queue_config(candidate);
    if (config && config->redrive_policy && config->redrive_policy->dead_letter_queue == *name) {
      sources.push_back(candidate);
    }
  }
  Json out = page_of_urls(sqs, endpoint, std::move(sources), *limit, *token, "queueUrls");
  if (!out.contains("queueUrls")) {
    out["queueUrls"] = Json::array();  // a required member
  }
  return out;
}

Result<Json> start_message_move_task(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto source = required_string(input, "SourceArn");
  auto destination = optional_string(input, "DestinationArn");
  auto rate = optional_integer(input, "MaxNumberOfMessagesPerSecond");
  for (const SqsError* failed :
       {source ? nullptr : &source.error(), destination ? nullptr : &destination.error(),
        rate ? nullptr : &rate.error()}) {
    if (failed != nullptr) {
      return std::unexpected(*failed);
    }
  }
  auto handle = sqs.start_message_move_task(
      *source, *destination, *rate ? std::optional<int>(static_cast<int>(**rate)) : std::nullopt);
  if (!handle) {
    return std::unexpected(handle.error());
  }
  // The first chunk moves now; the server moves the rest on its own (ProjectServer's ticks).
  if (auto moved = sqs.run_move_tasks(); !moved) {
    return std::unexpected(moved.error());
  }
  return Json{{"TaskHandle", *handle}};
}

Result<Json> list_message_move_tasks(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto source = required_string(input, "SourceArn");
  auto limit = optional_integer(input, "MaxResults");
  if (!source || !limit) {
    return std::unexpected(source ? limit.error() : source.error());
  }
  auto tasks = sqs.list_message_move_tasks(*source, static_cast<int>(limit->value_or(1)));
  if (!tasks) {
    return std::unexpected(tasks.error());
  }
  Json results = Json::array();
  for (const auto& task : *tasks) {
    Json entry{{"Status", std::string(to_string(task.status))},
               {"SourceArn", task.source_arn},
               {"ApproximateNumberOfMessagesMoved", task.approximate_number_of_messages_moved},
               {"ApproximateNumberOfMessagesToMove", task.approximate_number_of_messages_to_move},
               {"StartedTimestamp", task.started_timestamp_ms}};
    if (task.status == MoveTaskStatus::running) {
      entry["TaskHandle"] = task.task_handle;  // AWS gives the handle of a running task only
    }
    if (task.destination_arn) {
      entry["DestinationArn"] = *task.destination_arn;
    }
    if (task.max_number_of_messages_per_second) {
      entry["MaxNumberOfMessagesPerSecond"] = *task.max_number_of_messages_per_second;
    }
    if (task.failure_reason) {
      entry["FailureReason"] = *task.failure_reason;
    }
    results.push_back(std::move(entry));
  }
  return Json{{"Results", std::move(results)}};
}

Result<Json> cancel_message_move_task(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto handle = required_string(input, "TaskHandle");
  if (!handle) {
    return std::unexpected(handle.error());
  }
  auto moved = sqs.cancel_message_move_task(*handle);
  if (!moved) {
    return std::unexpected(moved.error());
  }
  return Json{{"ApproximateNumberOfMessagesMoved", *moved}};
}

Result<Json> tags_not_emulated(SqsService&, const Json&, const SqsEndpoint&) {
  return std::unexpected(not_emulated("Queue tags"));
}

Result<Json> permissions_not_emulated(SqsService&, const Json&, const SqsEndpoint&) {
  return std::unexpected(not_emulated("Queue policies (AddPermission, RemovePermission)"));
}

const std::map<std::string, Handler, std::less<>>& handlers() {
  static const std::map<std::string, Handler, std::less<>> k_handlers{
      {"CreateQueue", create_queue},
      {"GetQueueUrl", get_queue_url},
      {"ListQueues", list_queues},
      {"DeleteQueue", delete_queue},
      {"GetQueueAttributes", get_queue_attributes},
      {"SetQueueAttributes", set_queue_attributes},
      {"SendMessage", send_message},
      {"SendMessageBatch", send_message_batch},
      {"ReceiveMessage", receive_message},
      {"DeleteMessage", delete_message},
      {"DeleteMessageBatch", delete_message_batch},
      {"ChangeMessageVisibility", change_message_visibility},
      {"ChangeMessageVisibilityBatch", change_message_visibility_batch},
      {"PurgeQueue", purge_queue},
      {"ListDeadLetterSourceQueues", list_dead_letter_source_queues},
      {"StartMessageMoveTask", start_message_move_task},
      {"ListMessageMoveTasks", list_message_move_tasks},
      {"CancelMessageMoveTask", cancel_message_move_task},
      {"TagQueue", tags_not_emulated},
      {"UntagQueue", tags_not_emulated},
      {"ListQueueTags", tags_not_emulated},
      {"AddPermission", permissions_not_emulated},
      {"RemovePermission", permissions_not_emulated},
  };
  return k_handlers;
}

}  // namespace

bool known_sqs_action(std::string_view action) {
  return handlers().contains(action);
}

std::expected<nlohmann::json, SqsError> run_sqs_action(SqsService& sqs, std::string_view action,
                                                       const nlohmann::json& input,
                                                       const SqsEndpoint& endpoint) {
  const auto handler = handlers().find(action);
  if (handler == handlers().end()) {
    return std::unexpected(SqsError{
        "InvalidAction", fmt::format("The action {} is not valid for this endpoint.", action), true});
  }
  if (!input.is_object()) {
    return std::unexpected(sqs_errors::invalid_parameter("The request body must be a JSON object."));
  }
  return handler->second(sqs, input, endpoint);
}

int receive_wait_seconds(const nlohmann::json& input) {
  const auto found = input.is_object() ? input.find("WaitTimeSeconds") : input.end();
  return found != input.end() && found->is_number_integer() ? std::clamp(found->get<int>(), 0, 20) : 0;
}

bool may_make_messages_visible(std::string_view action) {
  return action == "SendMessage" || action == "SendMessageBatch" || action == "ChangeMessageVisibility" ||
         action == "ChangeMessageVisibilityBatch" || action == "StartMessageMoveTask" ||
         action == "SetQueueAttributes";
}

}  // namespace drydock::emulator::http
