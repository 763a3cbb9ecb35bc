#pragma once
// The drydock binary as a real child process, for the few tests that kill or race real processes
// (CONVENTIONS.md 16): start it with its stderr readable, wait for it, or run it to completion.

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/test_support.hpp"

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

// Runs drydock to completion; returns its exit status and stdout.
inline std::pair<int, std::string> run_drydock(const std::string& args, const std::filesystem::path& cwd) {
  const std::string command =
      "cd '" + cwd.string() + "' && '" + drydock_binary().string() + "' " + args + " 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");  // test code: the arguments are our own literals
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    out.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace drydock::test
