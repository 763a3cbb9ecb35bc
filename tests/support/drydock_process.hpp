#pragma once
// The drydock binary as a real child process, for the few tests that kill or race real processes
// (CONVENTIONS.md 16): start it with its stderr readable, wait for it, or run it to completion.

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.hpp"
#include "workers/process/process_runner.hpp"

namespace drydock::test {

struct Spawned {
  pid_t pid = -1;
  FILE* stderr_stream = nullptr;
};

// Starts the drydock binary with `args` in `cwd`, stdout to /dev/null, stderr readable.
inline Spawned spawn_drydock(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    ::dup2(fds[1], STDERR_FILENO);
    FILE* null = std::fopen("/dev/null", "w");
    if (null != nullptr) {
      ::dup2(::fileno(null), STDOUT_FILENO);
    }
    if (::chdir(cwd.c_str()) != 0) {
      _exit(120);
    }
    std::vector<char*> argv;
    std::string binary = drydock_binary().string();
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (auto& arg : copies) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    _exit(127);
  }
  ::close(fds[1]);
  return {pid, ::fdopen(fds[0], "r")};
}

inline int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Runs drydock to completion with `args` split on spaces (the tests' own literals and temp paths),
// without a shell; returns its exit status and stdout (stderr is dropped).
inline std::pair<int, std::string> run_drydock(const std::string& args, const std::filesystem::path& cwd) {
  workers::ProcessRequest request;
  request.argv.push_back(drydock_binary().string());
  std::istringstream words(args);
  for (std::string word; words >> word;) {
    request.argv.push_back(word);
  }
  request.cwd = cwd;
  request.timeout = std::chrono::seconds(110);
  request.max_output_bytes = 256U * 1024U * 1024U;
  workers::RealProcessRunner runner;
  auto result = runner.run(request);
  REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error()));
  return {result->exit_code, std::move(result->stdout_data)};
}

}  // namespace drydock::test
