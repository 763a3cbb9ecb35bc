#pragma once
// Reading the files `drydock dlq import` is given: a message body as it is, or the JSON that
// `aws sqs receive-message` prints ({"Messages": [{"MessageId", "ReceiptHandle", "MD5OfBody", "Body",
// "Attributes", "MessageAttributes"}, …]}), so a production dead letter can be replayed locally.

#include <expected>
#include <filesystem>
#include <string>
#include <vector>

#include "emulator/sqs/message.hpp"

namespace drydock::cli {

struct ImportedMessage {
  std::string source;  // "dead.json", or "dead.json: Messages[1] (MessageId …)" for aws-cli JSON
  std::string body;
  emulator::MessageAttributes message_attributes;  // String and Number attributes of aws-cli JSON
};

// The messages of `path`: each message of aws-cli JSON (an object with a "Messages" list), else the
// whole file, byte for byte, as one body. Fails with a message naming the file (and the message's index
// and field) when it cannot be read, a "Messages" entry has no string Body, the list is empty, or a
// message attribute is not a String or Number with a StringValue.
std::expected<std::vector<ImportedMessage>, std::string> read_import_file(const std::filesystem::path& path);

}  // namespace drydock::cli
