// Real processes (a small labelled set, CONVENTIONS.md 16): /bin/cat, /bin/sh and /bin/sleep.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "tests/support/test_support.hpp"
#include "workers/process/process_runner.hpp"

using namespace drydock::workers;

namespace {

// Points one of our own descriptors (0, 1 or 2) at a file for the scope's life, as a terminal
// would be, so a test can see what an attached child read or wrote there.
class Redirect {
 public:
  Redirect(int fd, const std::filesystem::path& file, int flags) : m_fd(fd), m_saved(::dup(fd)) {
    std::fflush(nullptr);
    const int opened = ::open(file.c_str(), flags, 0600);
    REQUIRE(opened >= 0);
    ::dup2(opened, fd);
    ::close(opened);
  }
  ~Redirect() {
    std::fflush(nullptr);
    ::dup2(m_saved, m_fd);
    ::close(m_saved);
  }
  Redirect(const Redirect&) = delete;
  Redirect& operator=(const Redirect&) = delete;

 private:
  int m_fd;
  int m_saved;
};

}  // namespace

TEST_SUITE("workers/process") {
  TEST_CASE("[process] a child gets stdin and its stdout, stderr and exit code come back") {
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"sh", "-c", "cat; echo oops >&2; exit 3"};
    request.stdin_data = std::string(200000, 'x');  // larger than a pipe buffer
    auto result = runner.run(request);
    REQUIRE(result.has_value());
    CHECK(result->exit_code == 3);
    CHECK(result->stdout_data.size() == 200000);
    CHECK(result->stderr_data == "oops\n");
    CHECK_FALSE(result->timed_out);
    CHECK_FALSE(result->signal.has_value());
  }

  TEST_CASE("[process] a child killed by a signal reports the signal and 128 + its number") {
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"sh", "-c", "kill -TERM $$"};
    auto result = runner.run(request);
    REQUIRE(result.has_value());
    CHECK(result->signal == 15);
    CHECK(result->exit_code == 128 + 15);
  }

  TEST_CASE("[process] a missing program is an error message, not a crash") {
    RealProcessRunner runner;
    auto result = runner.run({{"drydock-no-such-program"}, {}, {}, std::chrono::milliseconds(5000)});
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().find("No such file or directory") != std::string::npos);
  }

  TEST_CASE("[process] a child that outlives its timeout is killed with its process group") {
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"sh", "-c", "sleep 30 & sleep 30"};
    request.timeout = std::chrono::milliseconds(200);
    auto result = runner.run(request);
    REQUIRE(result.has_value());
    CHECK(result->timed_out);
    CHECK(result->signal == 9);
  }

  TEST_CASE("[process] a child that ignores its stdin does not kill the parent") {
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"true"};
    request.stdin_data = std::string(1 << 20, 'x');
    auto result = runner.run(request);
    REQUIRE(result.has_value());
    CHECK(result->exit_code == 0);
  }

  TEST_CASE("[process] the environment is inherited, with the request's variables set on top") {
    ::setenv("DRYDOCK_TEST_INHERITED", "kept", 1);
    ::setenv("DRYDOCK_TEST_REPLACED", "old", 1);
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {
        "sh", "-c",
        R"(printf '%s|%s|%s' "$DRYDOCK_TEST_INHERITED" "$DRYDOCK_TEST_REPLACED" "$DRYDOCK_TEST_NEW")"};
    request.environment = {
        {"DRYDOCK_TEST_REPLACED", "first"}, {"DRYDOCK_TEST_NEW", "a b=c"}, {"DRYDOCK_TEST_REPLACED", "new"}};
    auto result = runner.run(request);
    ::unsetenv("DRYDOCK_TEST_INHERITED");
    ::unsetenv("DRYDOCK_TEST_REPLACED");
    REQUIRE(result.has_value());
    CHECK(result->stdout_data == "kept|new|a b=c");
  }

  TEST_CASE("[process] an environment variable name with '=' is refused before anything starts") {
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"true"};
    request.environment = {{"A=B", "x"}};
    auto result = runner.run(request);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error() == "invalid environment variable name 'A=B'");
  }

  TEST_CASE(
      "[process] with output attached, the child writes to our stdout and stderr and nothing is captured") {
    drydock::test::ScratchDir scratch;
    const auto terminal = scratch.path() / "terminal";
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"sh", "-c", "cat; echo to-stderr >&2; exit 4"};
    request.stdin_data = "from-stdin\n";
    request.stdio = ChildStdio::output_attached;
    std::expected<ProcessResult, std::string> result;
    {
      const Redirect out(STDOUT_FILENO, terminal, O_WRONLY | O_CREAT | O_TRUNC);
      const Redirect err(STDERR_FILENO, terminal, O_WRONLY | O_APPEND);
      result = runner.run(request);
    }
    REQUIRE(result.has_value());
    CHECK(result->exit_code == 4);
    CHECK(result->stdout_data.empty());
    CHECK(result->stderr_data.empty());
    CHECK(drydock::test::read_file(terminal) == "from-stdin\nto-stderr\n");
  }

  TEST_CASE("[process] with output attached, a child that outlives its timeout is still killed") {
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"sleep", "30"};
    request.timeout = std::chrono::milliseconds(100);
    request.stdio = ChildStdio::output_attached;
    auto result = runner.run(request);
    REQUIRE(result.has_value());
    CHECK(result->timed_out);
    CHECK(result->signal == 9);
  }

  TEST_CASE("[process] an attached child reads our stdin itself (an editor on the terminal)") {
    drydock::test::ScratchDir scratch;
    const auto typed = scratch.write("typed", "typed on the terminal\n");
    const auto terminal = scratch.path() / "terminal";
    RealProcessRunner runner;
    ProcessRequest request;
    request.argv = {"cat"};
    request.stdin_data = "ignored";
    request.stdio = ChildStdio::attached;
    std::expected<ProcessResult, std::string> result;
    {
      const Redirect in(STDIN_FILENO, typed, O_RDONLY);
      const Redirect out(STDOUT_FILENO, terminal, O_WRONLY | O_CREAT | O_TRUNC);
      result = runner.run(request);
    }
    REQUIRE(result.has_value());
    CHECK(result->exit_code == 0);
    CHECK(drydock::test::read_file(terminal) == "typed on the terminal\n");
  }

}  // TEST_SUITE
