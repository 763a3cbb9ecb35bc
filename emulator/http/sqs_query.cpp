#include "emulator/http/sqs_query.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "emulator/http/aws_errors.hpp"
#include "emulator/http/xml_writer.hpp"

namespace drydock::emulator::http {

namespace {

using Json = nlohmann::json;

constexpr std::string_view k_xmlns = "http://queue.amazonaws.com/doc/2012-11-05/";

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An object whose keys are all indexes ("1", "2", …) becomes the list of its values in index order.
Json as_list(const Json& node) {
  if (!node.is_object()) {
    return Json::array({node});
  }
  std::vector<std::pair<long long, const Json*>> items;
  for (const auto& [key, value] : node.items()) {
    if (!all_digits(key)) {
      return Json::array({node});
    }
    items.emplace_back(std::stoll(key.substr(0, 18)), &value);
  }
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Json list = Json::array();
  for (const auto& item : items) {
    list.push_back(*item.second);
  }
  return list;
}

const std::set<std::string, std::less<>>& integer_members() {
  static const std::set<std::string, std::less<>> k_members{
      "MaxNumberOfMessages", "VisibilityTimeout", "WaitTimeSeconds",
      "DelaySeconds",        "MaxResults",        "MaxNumberOfMessagesPerSecond"};
  return k_members;
}

Json normalized(const Json& node);

// A flattened map (`Attribute.N.Name` / `.Value`) as a JSON object; `value` normalized when an object.
Json as_map(const Json& node, std::string_view key_field, std::string_view value_field) {
  Json map = Json::object();
  for (const auto& item : as_list(node)) {
    if (!item.is_object() || !item.contains(key_field) || !item[std::string(key_field)].is_string()) {
      continue;
    }
    const Json value = item.value(std::string(value_field), Json());
    map[item[std::string(key_field)].get<std::string>()] = value.is_object() ? normalized(value) : value;
  }
  return map;
}

// The JSON protocol's member names and types for one level of the Query tree.
Json normalized(const Json& node) {
  Json out = Json::object();
  for (const auto& [key, value] : node.items()) {
    if (key == "Attribute") {
      out["Attributes"] = as_map(value, "Name", "Value");
    } else if (key == "MessageAttribute") {
      out["MessageAttributes"] = as_map(value, "Name", "Value");
    } else if (key == "MessageSystemAttribute") {
      out["MessageSystemAttributes"] = as_map(value, "Name", "Value");
    } else if (key == "Tag") {
      out["Tags"] = as_map(value, "Key", "Value");
    } else if (key == "AttributeName" || key == "MessageAttributeName" ||
               key == "MessageSystemAttributeName" || key == "TagKey") {
      out[key + "s"] = as_list(value);
    } else if (std::string_view(key).ends_with("BatchRequestEntry")) {
      Json entries = Json::array();
      for (const auto& entry : as_list(value)) {
        entries.push_back(entry.is_object() ? normalized(entry) : entry);
      }
      out["Entries"] = std::move(entries);
    } else if (integer_members().contains(key) && value.is_string()) {
      const std::string text = value.get<std::string>();
      long long number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      out[key] =
          error == std::errc() && end == text.data() + text.size() && !text.empty() ? Json(number) : value;
    } else {
      out[key] = value.is_object() ? normalized(value) : value;
    }
  }
  return out;
}

// The element name of each item of a list member in the Query answer.
std::string item_element(std::string_view action, std::string_view member) {
  if (member == "QueueUrls" || member == "queueUrls") {
    return "QueueUrl";
  }
  if (member == "Messages") {
    return "Message";
  }
  if (member == "Successful") {
    return fmt::format("{}ResultEntry", action);
  }
  if (member == "Failed") {
    return "BatchResultErrorEntry";
  }
  if (member == "Results") {
    return "ListMessageMoveTasksResultEntry";
  }
  return std::string(member);
}

std::string scalar_text(const Json& value) {
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_boolean()) {
    return value.get<bool>() ? "true" : "false";
  }
  return value.dump();
}

void write_members(XmlWriter& xml, std::string_view action, const Json& object) {
  for (const auto& [key, value] : object.items()) {
    if (key == "Attributes" && value.is_object()) {
      for (const auto& [name, text] : value.items()) {
        xml.open("Attribute").element("Name", name).element("Value", scalar_text(text)).close();
      }
    } else if (key == "Tags" && value.is_object()) {  // ListQueueTags
      for (const auto& [name, text] : value.items()) {
        xml.open("Tag").element("Key", name).element("Value", scalar_text(text)).close();
      }
    } else if (key == "MessageAttributes" && value.is_object()) {
      for (const auto& [name, attribute] : value.items()) {
        xml.open("MessageAttribute").element("Name", name).open("Value");
        write_members(xml, action, attribute);
        xml.close().close();
      }
    } else if (value.is_array()) {
      const std::string element = item_element(action, key);
      for (const auto& item : value) {
        if (item.is_object()) {
          xml.open(element);
          write_members(xml, action, item);
          xml.close();
        } else {
          xml.element(element, scalar_text(item));
        }
      }
    } else if (value.is_object()) {
      xml.open(key);
      write_members(xml, action, value);
      xml.close();
    } else {
      xml.element(key, scalar_text(value));
    }
  }
}

// Operations whose answer has no Result element (no output members).
bool has_no_result(std::string_view action) {
  return action == "DeleteQueue" || action == "SetQueueAttributes" || action == "DeleteMessage" ||
         action == "ChangeMessageVisibility" || action == "PurgeQueue" || action == "TagQueue" ||
         action == "UntagQueue";
}

HttpResponse xml_answer(int status, std::string body, const std::string& id) {
  HttpResponse response;
  response.status = status;
  response.content_type = "text/xml";
  response.headers.emplace_back("x-amzn-RequestId", id);
  response.body = std::move(body);
  return response;
}

HttpResponse error_answer(const WireError& error, const std::string& id) {
  XmlWriter xml;
  xml.open("ErrorResponse", k_xmlns)
      .open("Error")
      .element("Type", error.fault)
      .element("Code", error.query_code)
      .element("Message", error.message)
      .close()
      .element("RequestId", id);
  return xml_answer(error.status, xml.finish(), id);
}

}  // namespace

HttpResponse query_error_answer(const SqsError& error) {
  return error_answer(wire_error(error), request_id());
}

std::expected<nlohmann::json, std::string> query_input(const FormFields& fields) {
  Json tree = Json::object();
  for (const auto& [name, value] : fields) {
    if (name == "Action" || name == "Version") {
      continue;
    }
    Json* node = &tree;
    std::size_t start = 0;
    while (true) {
      const auto dot = name.find('.', start);
      const std::string part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (!node->is_object() || part.empty()) {
        return std::unexpected(fmt::format("the parameter name '{}' cannot be read", name));
      }
      if (dot == std::string::npos) {
        if (node->contains(part) && (*node)[part].is_object()) {
          return std::unexpected(fmt::format("the parameter name '{}' cannot be read", name));
        }
        (*node)[part] = value;
        break;
      }
      node = &(*node)[part];
      if (node->is_null()) {
        *node = Json::object();
      }
      start = dot + 1;
    }
  }
  return normalized(tree);
}

std::string query_output_xml(std::string_view action, const nlohmann::json& output, const std::string& id) {
  XmlWriter xml;
  xml.open(fmt::format("{}Response", action), k_xmlns);
  if (!has_no_result(action)) {
    xml.open(fmt::format("{}Result", action));
    write_members(xml, action, output);
    xml.close();
  }
  xml.open("ResponseMetadata").element("RequestId", id).close();
  return xml.finish();
}

HttpResponse serve_sqs_query(SqsGate& gate, const FormFields& fields, const SqsEndpoint& endpoint) {
  const std::string id = request_id();
  std::string action;
  for (const auto& [name, value] : fields) {
    action = name == "Action" ? value : action;
  }
  if (!known_sqs_action(action)) {
    return error_answer(
        wire_error(
            {"InvalidAction", fmt::format("The action {} is not valid for this endpoint.", action), true}),
        id);
  }
  auto input = query_input(fields);
  if (!input) {
    return error_answer(wire_error(sqs_errors::invalid_parameter(input.error())), id);
  }
  auto result = gate.call(action, *input, endpoint);
  if (!result) {
    return error_answer(wire_error(result.error()), id);
  }
  return xml_answer(200, query_output_xml(action, *result, id), id);
}

}  // namespace drydock::emulator::http
