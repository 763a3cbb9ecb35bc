#include "cli/dlq/import_files.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace drydock::cli {
namespace {

using Json = nlohmann::json;

std::expected<emulator::MessageAttributes, std::string> read_attributes(const Json& attributes,
                                                                        const std::string& where) {
  emulator::MessageAttributes result;
  if (!attributes.is_object()) {
    return std::unexpected(fmt::format("{}: MessageAttributes must be an object", where));
  }
  for (const auto& [name, value] : attributes.items()) {
    const auto type = value.is_object() ? value.find("DataType") : value.end();
    const auto text = value.is_object() ? value.find("StringValue") : value.end();
    if (type == value.end() || !type->is_string() || text == value.end() || !text->is_string()) {
      return std::unexpected(fmt::format(
          "{}: MessageAttributes.{}: only String and Number attributes with a StringValue can be imported",
          where, name));
    }
    result[name] = {
        .data_type = type->get<std::string>(), .string_value = text->get<std::string>(), .binary_value = {}};
  }
  return result;
}

std::expected<std::vector<ImportedMessage>, std::string> read_aws_messages(const Json& messages,
                                                                           const std::string& file) {
  if (!messages.is_array() || messages.empty()) {
    return std::unexpected(fmt::format("{}: \"Messages\" must be a non-empty list of messages", file));
  }
  std::vector<ImportedMessage> result;
  for (std::size_t k = 0; k < messages.size(); ++k) {
    const Json& message = messages[k];
    const auto body = message.is_object() ? message.find("Body") : message.end();
    if (body == message.end() || !body->is_string()) {
      return std::unexpected(fmt::format("{}: Messages[{}]: no \"Body\" string", file, k));
    }
    const auto id = message.find("MessageId");
    ImportedMessage imported{
        .source = id != message.end() && id->is_string()
                      ? fmt::format("{}: Messages[{}] (MessageId {})", file, k, id->get<std::string>())
                      : fmt::format("{}: Messages[{}]", file, k),
        .body = body->get<std::string>(),
        .message_attributes = {}};
    if (const auto attributes = message.find("MessageAttributes"); attributes != message.end()) {
      auto read = read_attributes(*attributes, imported.source);
      if (!read) {
        return std::unexpected(read.error());
      }
      imported.message_attributes = std::move(*read);
    }
    result.push_back(std::move(imported));
  }
  return result;
}

}  // namespace

std::expected<std::vector<ImportedMessage>, std::string> read_import_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(fmt::format("{}: cannot read the file", path.string()));
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = std::move(buffer).str();
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("Messages")) {
    return read_aws_messages(json["Messages"], path.string());
  }
  return std::vector{
      ImportedMessage{.source = path.string(), .body = std::move(text), .message_attributes = {}}};
}

}  // namespace drydock::cli
