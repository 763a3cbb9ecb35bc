#include "workers/transports/command_transport.hpp"

#include <fmt/format.h>

#include "workers/transports/batch_response.hpp"
#include "workers/transports/invocation_report.hpp"
#include "workers/transports/lambda_environment.hpp"

namespace drydock::workers {

CommandTransport::CommandTransport(std::vector<std::string> argv, std::filesystem::path project_root,
                                   ProcessRunner& runner, ChildStdio stdio)
    : m_argv(std::move(argv)), m_project_root(std::move(project_root)), m_runner(runner), m_stdio(stdio) {}

InvocationResult CommandTransport::invoke(const std::string& event_json, const InvocationContext& context) {
  const auto started = std::chrono::steady_clock::now();
  InvocationResult result;
  ProcessRequest request;
  request.argv = m_argv;
  request.stdin_data = event_json;
  request.cwd = m_project_root;
  request.timeout = context.timeout;
  request.environment = lambda_environment(context);
  request.stdio =
      m_stdio == ChildStdio::attached ? ChildStdio::output_attached : m_stdio;  // stdin: the event

  auto ran = m_runner.run(request);
  result.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (!ran) {
    result.error = ran.error();
    return result;
  }
  result.output_tail = output_tail(ran->stdout_data, ran->stderr_data);
  result.signal = ran->signal;
  if (!ran->signal) {
    result.exit_code = ran->exit_code;
  }
  if (ran->timed_out) {
    result.timed_out = true;
    result.error = "timed out after " + describe_timeout(context.timeout);
    return result;
  }
  if (ran->exit_code != 0) {
    result.error = fmt::format("exit status {}", ran->exit_code);
    return result;
  }
  result.succeeded = true;
  apply_batch_response(result, ran->stdout_data, event_json, context.report_batch_item_failures);
  return result;
}

}  // namespace drydock::workers
