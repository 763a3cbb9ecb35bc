#include "emulator/lambda/batch_verdict.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace drydock::emulator {
namespace {

BatchVerdict settle_all(std::size_t size) {
  return BatchVerdict{.settled = std::vector<bool>(size, true)};
}

BatchVerdict fail_all(std::size_t size, std::string failure, bool timed_out = false) {
  return BatchVerdict{
      .settled = std::vector<bool>(size, false), .failure = std::move(failure), .timed_out = timed_out};
}

}  // namespace

std::string timeout_message(std::chrono::milliseconds after) {
  return fmt::format("Task timed out after {:.2f} seconds", static_cast<double>(after.count()) / 1000.0);
}

BatchVerdict judge_batch(const workers::InvocationResult& result, const std::vector<std::string>& message_ids,
                         const EventSourceMapping& mapping) {
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(mapping.function_timeout);
  if (result.timed_out || result.duration > timeout) {
    return fail_all(message_ids.size(), result.error.empty() ? timeout_message(timeout) : result.error, true);
  }
  if (!result.succeeded) {
    return fail_all(message_ids.size(), result.error.empty() ? "the function failed" : result.error);
  }
  if (!mapping.report_batch_item_failures || !result.batch_item_failures ||
      result.batch_item_failures->empty()) {
    return settle_all(message_ids.size());
  }
  const std::set<std::string> failed(result.batch_item_failures->begin(), result.batch_item_failures->end());
  for (const std::string& id : failed) {
    if (id.empty()) {
      return fail_all(message_ids.size(), "invalid partial batch response: an itemIdentifier is empty");
    }
    if (std::find(message_ids.begin(), message_ids.end(), id) == message_ids.end()) {
      return fail_all(message_ids.size(),
                      fmt::format("invalid partial batch response: itemIdentifier \"{}\" is not a message "
                                  "of the batch",
                                  id));
    }
  }
  BatchVerdict verdict{.failure = "reported in batchItemFailures"};
  verdict.settled.reserve(message_ids.size());
  for (const std::string& id : message_ids) {
    verdict.settled.push_back(!failed.contains(id));
  }
  return verdict;
}

}  // namespace drydock::emulator
