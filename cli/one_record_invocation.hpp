#pragma once
// What `drydock run` hands a worker: a one-record Lambda SQS event carrying one body, as if the
// worker's queue delivered it for the first time now, and the Lambda context of its function; and
// how the outcome is printed. Shared by `run WORKER --payload F` and `run --from-dlq ID`.

#include <iosfwd>
#include <string>
#include <string_view>

#include "emulator/cloud/cloud.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::cli {

// The MessageId of the one record (`drydock run`'s message has no queue, so no id of its own).
inline constexpr std::string_view k_one_record_message_id = "00000000-0000-4000-8000-000000000001";

struct OneRecordInvocation {
  std::string event;                   // the Lambda SQS event JSON (one record)
  workers::InvocationContext context;  // function name, region, account, timeout, request id, commit
};

// The event and context for invoking `pair`'s worker once with `body`: fixed message and request ids,
// ApproximateReceiveCount 1, the virtual clock's time, the mapping's function timeout and
// ReportBatchItemFailures setting, STARFLEET_COMMIT=true when `commit`.
OneRecordInvocation one_record_invocation(emulator::Cloud& cloud, const emulator::QueuePair& pair,
                                          const std::string& body, bool commit);

// Prints the worker's output tail (when it was captured) and "[✅] WORKER succeeded in N ms" on
// `out`, or "drydock: WORKER failed: why" on `err`. Returns 0 when it succeeded, 1 when it failed.
int report_invocation(const std::string& worker, const workers::InvocationResult& result, std::ostream& out,
                      std::ostream& err);

}  // namespace drydock::cli
