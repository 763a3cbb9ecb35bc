#pragma once
// What a dispatcher run did: per event-source mapping and per message (by MessageId) the attempts, the
// outcome and the last failure, plus totals, and the account × region view a CLI prints as a grid.

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/eventbridge/clock.hpp"

namespace drydock::emulator {

enum class MessageOutcome {
  succeeded,      // deleted after an invocation that settled it
  dead_lettered,  // in the mapped queue's DLQ when the run ended, moved there during the run
  pending,        // still in the queue (a guard stopped the run) or gone some other way
};
std::string_view to_string(MessageOutcome outcome);  // "succeeded", "dead_lettered", "pending"

struct MessageRecord {
  std::string message_id;
  std::optional<std::string> account;  // the body's StarbaseAssignedAccount, when it is JSON with one
  std::optional<std::string> region;   // the body's StarbaseAssignedRegion
  std::vector<int> receive_counts;     // ApproximateReceiveCount of each attempt, in order
  MessageOutcome outcome = MessageOutcome::pending;
  std::optional<Instant> first_attempt;  // virtual time of the receive of the first attempt
  std::optional<Instant> last_attempt;
  std::string last_error;        // why the last failed attempt failed; empty when none failed
  std::string last_output_tail;  // what the worker printed in that attempt

  // How many times the message was handed to the function in this run.
  int attempts() const { return static_cast<int>(receive_counts.size()); }
};

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
  std::map<std::string, MessageRecord> messages;  // by MessageId
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

// {"invocations","succeeded","failed_attempts","dead_lettered","messages":[{"id","account","region",
// "attempts","outcome"}]}: the totals and every message of every mapping, sorted by account, region
// and id (a missing account or region is null and sorts first). Never fails.
nlohmann::json report_json(const DispatchReport& report);

// The target the Starbase assigned to a worker message: StarbaseAssignedAccount and
// StarbaseAssignedRegion of a JSON object body. Each nullopt when absent, not a string or number, or
// when the body is not a JSON object.
struct AssignedTarget {
  std::optional<std::string> account;
  std::optional<std::string> region;
};
AssignedTarget assigned_target(std::string_view body);

}  // namespace drydock::emulator
