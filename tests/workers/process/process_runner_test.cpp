// Real processes (a small labelled set, CONVENTIONS.md 16): /bin/cat, /bin/sh and /bin/sleep.
#include <doctest/doctest.h>

#include <cstdlib>

#include "workers/process/process_runner.hpp"

using namespace drydock::workers;

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

}  // TEST_SUITE
