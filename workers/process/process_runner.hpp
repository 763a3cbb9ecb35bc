#pragma once
// Starting child processes: argv only (execvp, never a shell), stdin fed from memory, stdout and
// stderr captured (or left on our own terminal), a timeout that kills the whole process group. Behind
// an interface so tests can substitute a fake (CONVENTIONS.md, 4).

#include <chrono>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drydock::workers {

// How a child's standard streams are connected.
enum class ChildStdio {
  captured,  // stdin fed from ProcessRequest::stdin_data; stdout and stderr captured into ProcessResult
  output_attached,  // stdin fed as above; stdout and stderr are ours (the terminal): nothing is captured
  // stdin, stdout and stderr are all ours (an interactive program: an editor); stdin_data is unused and
  // the child stays in our process group, so it may read the terminal (a background group would be
  // stopped by SIGTTIN); a timeout kills the child alone.
  attached,
};

struct ProcessRequest {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH
  std::string stdin_data;         // written to the child's stdin, then closed
  std::filesystem::path cwd;      // empty = inherit
  std::chrono::milliseconds timeout{30'000};
  std::size_t max_output_bytes = 16U * 1024U * 1024U;  // per stream; the rest is discarded
  // Set in the child on top of the inherited environment; a name given here replaces the inherited
  // value, and a name given twice takes its last value. argv[0] is still looked up on the parent's PATH.
  std::vector<std::pair<std::string, std::string>> environment;
  ChildStdio stdio = ChildStdio::captured;
};

struct ProcessResult {
  int exit_code = -1;         // exit status, or 128 + signal number when killed by a signal
  std::optional<int> signal;  // the signal that killed it; nullopt when it exited
  bool timed_out = false;     // killed because the timeout passed
  std::string stdout_data;    // empty unless ChildStdio::captured
  std::string stderr_data;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Runs the process to completion. Returns an error message when it could not be started
  // (e.g. "cannot run 'python4': No such file or directory").
  virtual std::expected<ProcessResult, std::string> run(const ProcessRequest& request) = 0;
};

// The real implementation (fork + execvp + poll).
class RealProcessRunner final : public ProcessRunner {
 public:
  std::expected<ProcessResult, std::string> run(const ProcessRequest& request) override;
};

}  // namespace drydock::workers
