#pragma once
// Private to the SQS operations (sqs_*_actions.cpp): reading their input in the JSON protocol's shape
// with AWS's errors for a missing or mistyped member, the queue URLs and ARNs they name, and the errors
// every operation may give.

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/http/sqs_actions.hpp"
#include "emulator/sqs/sqs_error.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator::http::sqs_wire {

using Json = nlohmann::json;
template <typename T>
using Result = std::expected<T, SqsError>;

SqsError invalid_attribute_name(std::string_view name);  // InvalidAttributeName
SqsError not_emulated(std::string_view what);            // UnsupportedOperation: "<what> is not emulated…"

// The first error among `results` (expecteds of any value types); nullopt when every one holds a value.
template <typename... Results>
std::optional<SqsError> first_error(const Results&... results) {
  std::optional<SqsError> error;
  const auto take = [&error](const auto& result) {
    if (!error && !result) {
      error = result.error();
    }
  };
  (take(results), ...);
  return error;
}

// Members of `input`: absent or null is nullopt (or MissingParameter when required); a value of the
// wrong type is InvalidParameterValue naming the member.
Result<std::optional<std::string>> optional_string(const Json& input, std::string_view name);
Result<std::string> required_string(const Json& input, std::string_view name);
Result<std::optional<std::int64_t>> optional_integer(const Json& input, std::string_view name);
Result<std::vector<std::string>> string_list(const Json& input, std::string_view name);
// The object member `name`, or an empty object when it is absent or not an object.
const Json& object_member(const Json& input, std::string_view name);
// The batch entries (`Entries`, a list of objects; empty when absent).
Result<const Json*> entries(const Json& input);
// MaxResults, 1..1000 when given.
Result<std::optional<std::int64_t>> max_results(const Json& input);

// Whether `names` (AttributeNames, MessageAttributeNames, …) ask for `name`: "All", ".*", the name
// itself, or a "prefix.*" it starts with (the prefix keeps its dot).
bool wants(const std::vector<std::string>& names, std::string_view name);

// The queue a QueueUrl names: its last path segment (this endpoint's URLs and AWS's alike).
Result<std::string> queue_name(const Json& input);
// The URL of queue `name` at this endpoint: <origin>/<account>/<name>.
std::string queue_url(const SqsService& sqs, const SqsEndpoint& endpoint, std::string_view name);
// The name at the end of an SQS ARN (arn:aws:sqs:<region>:<account>:<name>).
std::string arn_queue_name(std::string_view arn);

}  // namespace drydock::emulator::http::sqs_wire
