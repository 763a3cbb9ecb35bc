// The SQS operations on messages: send, receive, delete and change visibility, one and in batches.

#include <fmt/format.h>

#include <algorithm>

#include "emulator/common/base64.hpp"
#include "emulator/http/sqs_operations.hpp"
#include "emulator/sqs/message_checks.hpp"

namespace drydock::emulator::http::sqs_wire {

namespace {

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
    if (auto failed = first_error(type, text, binary)) {
      return std::unexpected(sqs_errors::invalid_parameter(
          fmt::format("The message attribute '{}': {}", name, failed->message)));
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

// ChangeMessageVisibility of the message `entry`'s ReceiptHandle names, in queue `name`.
Result<Json> change_visibility(SqsService& sqs, const std::string& name, const Json& entry) {
  auto handle = required_string(entry, "ReceiptHandle");
  auto timeout = optional_integer(entry, "VisibilityTimeout");
  if (auto failed = first_error(handle, timeout)) {
    return std::unexpected(*failed);
  }
  if (!*timeout) {
    return std::unexpected(sqs_errors::missing_parameter("VisibilityTimeout"));
  }
  if (auto changed = sqs.change_message_visibility(name, *handle, std::chrono::seconds(**timeout));
      !changed) {
    return std::unexpected(changed.error());
  }
  return Json::object();
}

}  // namespace

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

Result<Json> send_message_batch(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto list = entries(input);
  if (auto failed = first_error(name, list)) {
    return std::unexpected(*failed);
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
  if (auto failed =
          first_error(name, count, visibility, wait, attribute_names, system_names, message_names)) {
    return std::unexpected(*failed);
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
  if (auto failed = first_error(name, handle)) {
    return std::unexpected(*failed);
  }
  if (auto deleted = sqs.delete_message(*name, *handle); !deleted) {
    return std::unexpected(deleted.error());
  }
  return Json::object();
}

Result<Json> delete_message_batch(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto list = receipt_entries(input);
  if (auto failed = first_error(name, list)) {
    return std::unexpected(*failed);
  }
  auto result = sqs.delete_message_batch(*name, *list);
  if (!result) {
    return std::unexpected(result.error());
  }
  return batch_answer(*result);
}

Result<Json> change_message_visibility(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  if (!name) {
    return std::unexpected(name.error());
  }
  return change_visibility(sqs, *name, input);
}

Result<Json> change_message_visibility_batch(SqsService& sqs, const Json& input, const SqsEndpoint&) {
  auto name = queue_name(input);
  auto list = entries(input);
  if (auto failed = first_error(name, list)) {
    return std::unexpected(*failed);
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
    if (auto changed = change_visibility(sqs, *name, (**list)[k]); changed) {
      result.successful.push_back(ids[k]);
    } else {
      result.failed.push_back(
          {ids[k], changed.error().code, changed.error().message, changed.error().sender_fault});
    }
  }
  return batch_answer(result);
}

}  // namespace drydock::emulator::http::sqs_wire
