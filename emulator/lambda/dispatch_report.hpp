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

#include "emulator/common/clock.hpp"
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

// Adds `from`, a later dispatcher run (`clock advance` runs one per schedule firing), to `into`:
// mappings matched by queue and function (a new one appended), totals and wall time summed, the
// finish time and any limit hit taken from `from`; a message already in `into` gets the new attempts
// appended to its record, the new outcome, and the new failure when the new attempts had one.
void merge_reports(DispatchReport& into, DispatchReport from);

// Writes {"invocations","succeeded","failed_attempts","dead_lettered","messages":[{"id","account",
// "region","attempts","outcome"}]} merged with the members of `extra` (an object), as nlohmann's
// dump(2) of that document would, and a newline. The messages (every message of every mapping,
// sorted by account, region and id; a missing account or region is null and sorts first) are
// streamed, not built as a document. Never fails.
void write_report_json(const DispatchReport& report, nlohmann::json extra, std::ostream& out);

// What a message body says it is for: a worker message's StarbaseAssignedAccount and
// StarbaseAssignedRegion (strings, or numbers as their JSON text) and its TemplateName; for a fan-out
// message the template key instead of a name: its template_prefix, or an S3 notification's
// Records[0].s3.object.key decoded as the Starbase decodes it. Each nullopt when absent or of another
// type, and all of them when the body is not a JSON object.
struct AssignedTarget {
  std::optional<std::string> account;
  std::optional<std::string> region;
  std::optional<std::string> template_name;
};
AssignedTarget assigned_target(std::string_view body);

}  // namespace drydock::emulator
