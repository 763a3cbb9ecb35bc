#pragma once
// The checks SQS applies to what is sent, with AWS's error codes and messages (aws-anchors.md §4.2;
// SendMessage / SendMessageBatch API reference), and the MD5s it reports.

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/sqs/message.hpp"
#include "emulator/sqs/sqs_error.hpp"

namespace drydock::emulator {

inline constexpr std::size_t k_max_batch_entries = 10;
inline constexpr std::int64_t k_max_batch_bytes = 1'048'576;

// A body must be non-empty and hold only the characters SQS allows (#x9 | #xA | #xD | #x20-#xD7FF |
// #xE000-#xFFFD | #x10000-#x10FFFF, as valid UTF-8). Returns MissingParameter or
// InvalidMessageContents.
std::expected<void, SqsError> check_message_body(std::string_view body);

// Names: 1..256 of [A-Za-z0-9_.-], not starting with "AWS." / "Amazon." (any case), no leading or
// trailing '.', no "..". At most 10 attributes. DataType String | Number | Binary with an optional
// ".custom" suffix; the value must be present and non-empty. Returns InvalidParameterValue naming
// the attribute.
std::expected<void, SqsError> check_message_attributes(const MessageAttributes& attributes);

// The bytes a message counts against the size limit: the body plus each attribute's name, data type
// and value.
std::int64_t message_size(std::string_view body, const MessageAttributes& attributes);

// AWS's MD5OfMessageAttributes: attributes in name order, each as length-prefixed (4-byte big-endian)
// name, data type, a transport byte (1 string, 2 binary) and length-prefixed value; nullopt when
// there are none.
std::optional<std::string> md5_of_message_attributes(const MessageAttributes& attributes);

// Batch-level checks of SendMessageBatch / DeleteMessageBatch / ChangeMessageVisibilityBatch: at
// least one and at most 10 entries (EmptyBatchRequest, TooManyEntriesInBatchRequest), ids of 1..80
// [A-Za-z0-9_-] (InvalidBatchEntryId), all distinct (BatchEntryIdsNotDistinct).
std::expected<void, SqsError> check_batch_ids(const std::vector<std::string>& ids,
                                              std::string_view entry_type);

// Message attributes stored with a message (JSON text) and read back.
std::string encode_message_attributes(const MessageAttributes& attributes);
MessageAttributes decode_message_attributes(std::string_view text);

}  // namespace drydock::emulator
