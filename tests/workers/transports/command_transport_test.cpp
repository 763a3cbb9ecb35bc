// The command transport with a fake ProcessRunner: what it asks for and how it reads the answers.
#include <doctest/doctest.h>

#include <map>

#include "tests/support/fake_process_runner.hpp"
#include "tests/workers/transports/test_events.hpp"
#include "workers/transports/command_transport.hpp"

using namespace drydock::workers;
using drydock::test::exited;
using drydock::test::FakeRunner;
using drydock::test::sqs_event;

TEST_SUITE("workers/transports") {
  namespace {

  InvocationContext context() {
    InvocationContext c;
    c.function_name = "IamRoleWorkerShip";
    c.region = "us-east-2";
    c.account_id = "123456789012";
    c.timeout = std::chrono::milliseconds(2500);
    c.request_id = "c6af9ac6-7b61-11e6-9a41-93e812345678";
    return c;
  }

  const std::string k_event = sqs_event({{"m-1", "{}"}, {"m-2", "{}"}});

  InvocationResult invoke_with(FakeRunner& runner, const InvocationContext& c = context()) {
    CommandTransport transport({"python3", "workers/ship.py"}, "/projects/demo", runner);
    return transport.invoke(k_event, c);
  }

  std::map<std::string, std::string> as_map(const std::vector<std::pair<std::string, std::string>>& env) {
    std::map<std::string, std::string> out;
    for (const auto& [name, value] : env) {
      out.insert_or_assign(name, value);
    }
    return out;
  }

  }  // namespace

  TEST_CASE("the command gets its argv, the project root, the event on stdin and the context's timeout") {
    FakeRunner runner(exited(0));
    invoke_with(runner);
    CHECK(runner.last.argv == std::vector<std::string>{"python3", "workers/ship.py"});
    CHECK(runner.last.cwd == "/projects/demo");
    CHECK(runner.last.stdin_data == k_event);
    CHECK(runner.last.timeout == std::chrono::milliseconds(2500));
  }

  TEST_CASE("the command's output is captured by default, and left on the terminal when attached") {
    FakeRunner runner(exited(0, "printed\n"));
    SUBCASE("captured") {
      const auto result = invoke_with(runner);
      CHECK(runner.last.stdio == ChildStdio::captured);
      CHECK(result.output_tail == "printed\n");
    }
    SUBCASE("attached: the event still goes to stdin") {
      CommandTransport transport({"python3", "workers/ship.py"}, "/projects/demo", runner,
                                 ChildStdio::output_attached);
      const auto result = transport.invoke(k_event, context());
      CHECK(runner.last.stdio == ChildStdio::output_attached);
      CHECK(runner.last.stdin_data == k_event);
      CHECK(result.succeeded);
    }
    SUBCASE("fully attached is narrowed to the output: stdin carries the event") {
      CommandTransport transport({"python3", "workers/ship.py"}, "/projects/demo", runner,
                                 ChildStdio::attached);
      transport.invoke(k_event, context());
      CHECK(runner.last.stdio == ChildStdio::output_attached);
    }
  }

  TEST_CASE("the command's environment is a Lambda's") {
    FakeRunner runner(exited(0));
    auto c = context();
    SUBCASE("without commit or extra variables") {
      invoke_with(runner, c);
      auto env = as_map(runner.last.environment);
      CHECK(env["AWS_REGION"] == "us-east-2");
      CHECK(env["AWS_DEFAULT_REGION"] == "us-east-2");
      CHECK(env["AWS_LAMBDA_FUNCTION_NAME"] == "IamRoleWorkerShip");
      CHECK(env["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST");
      CHECK(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "128");
      CHECK(env["AWS_LAMBDA_FUNCTION_TIMEOUT"] == "3");  // 2.5 s, rounded up
      CHECK(env["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/IamRoleWorkerShip");
      CHECK(env["AWS_EXECUTION_ENV"] == "drydock");
      CHECK(env["DRYDOCK_REQUEST_ID"] == c.request_id);
      CHECK(env["DRYDOCK_FUNCTION_ARN"] ==
            "arn:aws:lambda:us-east-2:123456789012:function:IamRoleWorkerShip");
      CHECK(std::stoll(env["DRYDOCK_DEADLINE_MS"]) > 1'600'000'000'000LL);
      CHECK(env.count("STARFLEET_COMMIT") == 0);
    }
    SUBCASE("with a commit and the context's extra variables, which win") {
      c.commit = "0bedfd2";
      c.environment = {{"AWS_ENDPOINT_URL", "http://127.0.0.1:4566"}, {"AWS_REGION", "eu-west-1"}};
      invoke_with(runner, c);
      auto env = as_map(runner.last.environment);
      CHECK(env["STARFLEET_COMMIT"] == "0bedfd2");
      CHECK(env["AWS_ENDPOINT_URL"] == "http://127.0.0.1:4566");
      CHECK(env["AWS_REGION"] == "eu-west-1");
    }
  }

  TEST_CASE("exit status 0 is success and other statuses are failures") {
    SUBCASE("0") {
      FakeRunner runner(exited(0, "done\n"));
      auto result = invoke_with(runner);
      CHECK(result.succeeded);
      CHECK(result.error.empty());
      CHECK_FALSE(result.batch_item_failures.has_value());
      CHECK(result.output_tail == "done\n");
      CHECK(result.exit_code == 0);
      CHECK_FALSE(result.signal.has_value());
    }
    SUBCASE("1, with the traceback kept") {
      FakeRunner runner(exited(1, "started\n", "Traceback (most recent call last):\nValueError: boom\n"));
      auto result = invoke_with(runner);
      CHECK_FALSE(result.succeeded);
      CHECK_FALSE(result.timed_out);
      CHECK(result.error == "exit status 1");
      CHECK(result.output_tail == "started\nTraceback (most recent call last):\nValueError: boom\n");
      CHECK(result.exit_code == 1);
      CHECK_FALSE(result.signal.has_value());
      CHECK_FALSE(result.http_status.has_value());
      CHECK_FALSE(result.error_payload.has_value());
    }
    SUBCASE("a failure ignores a partial batch response") {
      FakeRunner runner(exited(2, R"({"batchItemFailures": [{"itemIdentifier": "m-1"}]})"));
      auto result = invoke_with(runner);
      CHECK_FALSE(result.succeeded);
      CHECK(result.error == "exit status 2");
      CHECK_FALSE(result.batch_item_failures.has_value());
    }
  }

  TEST_CASE("a command killed at its timeout is a timed-out failure") {
    auto answer = exited(137, "half way\n");
    answer.timed_out = true;
    FakeRunner runner(answer);
    auto result = invoke_with(runner);
    CHECK_FALSE(result.succeeded);
    CHECK(result.timed_out);
    CHECK(result.error == "timed out after 2.5 s");
    CHECK(result.output_tail == "half way\n");
  }

  TEST_CASE("a command killed by a signal records the signal, not an exit code") {
    auto answer = exited(128 + 11, "", "Segmentation fault\n");
    answer.signal = 11;
    FakeRunner runner(answer);
    auto result = invoke_with(runner);
    CHECK_FALSE(result.succeeded);
    CHECK_FALSE(result.timed_out);
    CHECK(result.signal == 11);
    CHECK_FALSE(result.exit_code.has_value());
    CHECK(result.error == "exit status 139");
  }

  TEST_CASE("a command killed at its timeout records the signal that killed it") {
    auto answer = exited(128 + 9);
    answer.timed_out = true;
    answer.signal = 9;
    FakeRunner runner(answer);
    auto result = invoke_with(runner);
    CHECK(result.timed_out);
    CHECK(result.signal == 9);
    CHECK_FALSE(result.exit_code.has_value());
  }

  TEST_CASE("a command that cannot start is a failure with the runner's reason") {
    FakeRunner runner(std::unexpected(std::string("cannot run 'python4': No such file or directory")));
    auto result = invoke_with(runner);
    CHECK_FALSE(result.succeeded);
    CHECK(result.error == "cannot run 'python4': No such file or directory");
    CHECK_FALSE(result.exit_code.has_value());
    CHECK_FALSE(result.signal.has_value());
  }

  InvocationContext opted_in() {
    InvocationContext c = context();
    c.report_batch_item_failures = true;
    return c;
  }

  TEST_CASE("a partial batch response on stdout fills batch_item_failures when the mapping opted in") {
    SUBCASE("as the last line after logs") {
      FakeRunner runner(exited(0, "log line\n{\"batchItemFailures\": [{\"itemIdentifier\": \"m-2\"}]}\n"));
      auto result = invoke_with(runner, opted_in());
      CHECK(result.succeeded);
      CHECK(result.batch_item_failures == std::vector<std::string>{"m-2"});
    }
    SUBCASE("empty") {
      FakeRunner runner(exited(0, R"({"batchItemFailures": []})"));
      auto result = invoke_with(runner, opted_in());
      CHECK(result.succeeded);
      CHECK(result.batch_item_failures == std::vector<std::string>{});
    }
    SUBCASE("malformed: the whole batch fails, saying why") {
      FakeRunner runner(exited(0, R"({"batchItemFailures": [{"itemIdentifier": "m-7"}]})"));
      auto result = invoke_with(runner, opted_in());
      CHECK_FALSE(result.succeeded);
      CHECK_FALSE(result.batch_item_failures.has_value());
      CHECK(result.error ==
            "malformed partial batch response: batchItemFailures[0].itemIdentifier 'm-7' is not a messageId "
            "of this batch");
    }
    SUBCASE("on stderr it is only a log line") {
      FakeRunner runner(exited(0, "", R"({"batchItemFailures": [{"itemIdentifier": "m-2"}]})"));
      auto result = invoke_with(runner, opted_in());
      CHECK(result.succeeded);
      CHECK_FALSE(result.batch_item_failures.has_value());
    }
  }

  TEST_CASE("without ReportBatchItemFailures the response is ignored, malformed or not, as Lambda does") {
    for (const char* out :
         {R"({"batchItemFailures": [{"itemIdentifier": "m-2"}]})",
          R"({"batchItemFailures": [{"itemIdentifier": "m-7"}]})", R"({"batchItemFailures": 3})"}) {
      CAPTURE(out);
      FakeRunner runner(exited(0, out));
      auto result = invoke_with(runner);
      CHECK(result.succeeded);
      CHECK_FALSE(result.batch_item_failures.has_value());
      CHECK(result.error.empty());
    }
  }

}  // TEST_SUITE
