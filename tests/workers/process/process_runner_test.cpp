// Real processes (a small labelled set, CONVENTIONS.md 16): /bin/cat, /bin/sh and /bin/sleep.
#include <doctest/doctest.h>

#include "workers/process/process_runner.hpp"

using namespace drydock::workers;

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
