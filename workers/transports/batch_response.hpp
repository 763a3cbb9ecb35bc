#pragma once
// Partial batch responses (aws-anchors.md §4.5): a worker whose event-source mapping has
// ReportBatchItemFailures answers {"batchItemFailures": [{"itemIdentifier": "<messageId>"}, ...]}
// to fail only some messages of a batch. Shared by the command and http transports.

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workers/transports/transport.hpp"

namespace drydock::workers {

// Looks for a partial batch response in a worker's output: the whole of `output`, else its last
// non-empty line, parsed as a JSON object with a "batchItemFailures" key. Returns nullopt when there
// is none; the itemIdentifiers (in order, without repeats; empty for [] or null) when there is one;
// an error saying why when the list is malformed — not a list, an entry without a non-empty string
// "itemIdentifier", or an identifier that is not a messageId of `event_json` — which Lambda treats as
// a failure of the whole batch.
std::expected<std::optional<std::vector<std::string>>, std::string> find_batch_item_failures(
    std::string_view output, std::string_view event_json);

// The messageId of every record of a Lambda SQS event, in order; empty when `event_json` is not one.
std::vector<std::string> event_message_ids(std::string_view event_json);

// Records what a successful invocation's `output` says about the batch in `result` when the mapping
// `opted_in` to ReportBatchItemFailures: fills batch_item_failures, or turns `result` into a failure
// explaining a malformed response. Without the opt-in it does nothing (Lambda ignores the response).
void apply_batch_response(InvocationResult& result, std::string_view output, std::string_view event_json,
                          bool opted_in);

}  // namespace drydock::workers
