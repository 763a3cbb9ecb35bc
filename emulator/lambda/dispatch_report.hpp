#pragma once
// What a dispatcher run did: per event-source mapping and per message (by MessageId) the attempts, the
// outcome and the last failure, plus totals, and the account × region view a CLI prints as a grid.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/eventbridge/clock.hpp"
#include "emulator/lambda/message_log.hpp"

namespace drydock::emulator {

struct DispatchTotals {
  std::int64_t invocations = 0;
  std::int64_t succeeded = 0;        // messages deleted after an invocation settled them
  std::int64_t failed_attempts = 0;  // message deliveries that an invocation did not settle
  std::int64_t dead_lettered = 0;    // messages moved to a DLQ during the run
  bool operator==(const DispatchTotals&) const = default;
  DispatchTotals& operator+=(const DispatchTotals& other);
};

struct MappingReport {
  std::string queue_name;
  std::string function_name;
  std::optional<std::string> dlq_name;  // from the queue's RedrivePolicy; nullopt without one
  DispatchTotals totals;
  MessageLog messages;
};

// A guard of DispatcherOptions that stopped a run before the mapped queues were idle.
enum class DispatchLimit { max_invocations, max_virtual_time };
std::string_view to_string(DispatchLimit limit);  // "max_invocations", "max_virtual_time"

struct DispatchReport {
  std::vector<MappingReport> mappings;  // in the order the mappings were added
  DispatchTotals totals;                // the sum over mappings
  std::optional<DispatchLimit> limit_hit;
  Instant started_at;  // virtual
  Instant finished_at;
  std::chrono::milliseconds wall_time{0};
};

// Writes {"invocations","succeeded","failed_attempts","dead_lettered","messages":[{"id","account",
// "region","attempts","outcome"}]} merged with the members of `extra` (an object), as nlohmann's
// dump(2) of that document would, and a newline. The messages (every message of every mapping,
// sorted by account, region and id; a missing account or region is null and sorts first) are
// streamed, not built as a document. Never fails.
void write_report_json(const DispatchReport& report, nlohmann::json extra, std::ostream& out);

// The target the Starbase assigned to a worker message: StarbaseAssignedAccount and
// StarbaseAssignedRegion of a JSON object body. Each nullopt when absent, not a string or number, or
// when the body is not a JSON object.
struct AssignedTarget {
  std::optional<std::string> account;
  std::optional<std::string> region;
};
AssignedTarget assigned_target(std::string_view body);

}  // namespace drydock::emulator
