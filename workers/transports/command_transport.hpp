#pragma once
// The `command` transport: a worker is a program started once per invocation (argv, never a shell)
// that reads the Lambda SQS event on stdin, sees a Lambda's environment, and answers with its exit
// status and, optionally, a partial batch response as its last line of stdout.

#include <filesystem>
#include <string>
#include <vector>

#include "workers/process/process_runner.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::workers {

class CommandTransport final : public Transport {
 public:
  // Runs `argv` from `project_root` through `runner`, which must outlive the transport and be safe
  // to call from several threads (RealProcessRunner is). `stdio` captured (the default) keeps what the
  // worker prints for output_tail; ChildStdio::output_attached lets it print on our terminal instead
  // (`drydock run --from-dlq`, for debugging), and output_tail stays empty. The event is always on stdin.
  CommandTransport(std::vector<std::string> argv, std::filesystem::path project_root, ProcessRunner& runner,
                   ChildStdio stdio = ChildStdio::captured);

  // Exit 0: succeeded, with batch_item_failures from a partial batch response on stdout (or a
  // failure naming a malformed one). Otherwise a failure: "exit status N", "timed out after N s"
  // (timed_out; the whole process group is killed), or why the program could not start.
  // Environment: lambda_environment(context) on top of Drydock's own. output_tail: the last 4 KiB
  // of stdout then stderr. exit_code: the status the program exited with; signal: the signal that
  // killed it instead (its error still says "exit status 128+N", as a shell would).
  InvocationResult invoke(const std::string& event_json, const InvocationContext& context) override;

 private:
  std::vector<std::string> m_argv;
  std::filesystem::path m_project_root;
  ProcessRunner& m_runner;
  ChildStdio m_stdio;
};

}  // namespace drydock::workers
