#pragma once
// How a worker ship is invoked (DESIGN.md, "Worker transports"): the Lambda dispatcher hands a
// transport the Lambda SQS event of one batch and learns whether the function succeeded, and which
// messages failed when the worker reports batch item failures. Implementations: builtin (C++ ships
// compiled in), command (argv, event on stdin), http (a Lambda Invoke URL).

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drydock::workers {

// What a Lambda function knows about its own invocation (the Lambda environment and context).
struct InvocationContext {
  std::string function_name;                   // the worker ship's name (AWS_LAMBDA_FUNCTION_NAME)
  std::string region;                          // AWS_REGION / AWS_DEFAULT_REGION
  std::string account_id;                      // for the function ARN
  std::chrono::milliseconds timeout{300'000};  // the function timeout (AWS_LAMBDA_FUNCTION_TIMEOUT, seconds)
  std::string request_id;                      // the invocation's AWS request id (a UUID)
  std::optional<std::string> commit;           // STARFLEET_COMMIT, set by --commit
  // Extra environment for process-based transports (e.g. AWS_ENDPOINT_URL when `serve` runs).
  std::vector<std::pair<std::string, std::string>> environment;
  // The event-source mapping has ReportBatchItemFailures: only then does a {"batchItemFailures": …}
  // response count (and a malformed one fail the batch); otherwise Lambda ignores the response.
  bool report_batch_item_failures = false;
};

struct InvocationResult {
  bool succeeded = false;
  bool timed_out = false;
  // When the mapping opted in (InvocationContext::report_batch_item_failures) and the worker answered
  // with a partial batch response ({"batchItemFailures": [...]}): the itemIdentifier of each failed
  // message. nullopt otherwise.
  std::optional<std::vector<std::string>> batch_item_failures;
  // Why the invocation failed, for a person: "exit status 1", "timed out after 300 s", "HTTP 502",
  // "X-Amz-Function-Error: Unhandled", "cannot run 'python4': No such file or directory". Empty on success.
  std::string error;
  std::string output_tail;  // the last few KiB of what the worker printed (stdout then stderr), for -v
  std::chrono::milliseconds duration{0};  // wall time of the invocation

  // What ended the invocation, for the attempt history of a dead letter (`drydock dlq show`). Each is
  // nullopt where it does not apply: builtin ships run in process and set none of them.
  std::optional<int> exit_code;    // command: the status the program exited with (0 on success)
  std::optional<int> signal;       // command: the signal that killed it (SIGKILL after a timeout)
  std::optional<int> http_status;  // http: the answer's status code; nullopt when there was no answer
  // http: the first k_error_payload_bytes of the body of a failed answer (an error status or
  // X-Amz-Function-Error: Lambda's {"errorMessage", "errorType", "stackTrace"}); nullopt otherwise.
  std::optional<std::string> error_payload;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Invokes the worker once with `event_json` (the Lambda SQS event, aws-anchors.md §4.5). Never throws:
  // every failure (the worker's or the transport's) is an InvocationResult with succeeded = false.
  // Must be safe to call from several threads at once (the dispatcher runs `concurrency` invocations).
  virtual InvocationResult invoke(const std::string& event_json, const InvocationContext& context) = 0;
};

}  // namespace drydock::workers
