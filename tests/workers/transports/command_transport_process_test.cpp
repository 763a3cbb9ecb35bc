// The command transport with real processes (a small labelled set, CONVENTIONS.md 16):
// /usr/bin/python3 (Debian's, not a pyenv shim) and the scripts in examples/workers/.
#include <doctest/doctest.h>

#include "tests/support/test_support.hpp"
#include "tests/workers/transports/test_events.hpp"
#include "workers/transports/command_transport.hpp"

using namespace drydock::workers;
using drydock::test::ScratchDir;
using drydock::test::source_dir;
using drydock::test::sqs_event;
using drydock::test::starbase_body;

TEST_SUITE("workers/transports") {
  namespace {

  constexpr const char* k_python = "/usr/bin/python3";

  InvocationContext context() {
    InvocationContext c;
    c.function_name = "FlakyWorkerShip";
    c.region = "eu-west-1";
    c.account_id = "123456789012";
    c.timeout = std::chrono::seconds(30);
    c.request_id = "req-1";
    c.environment = {{"PYTHONDONTWRITEBYTECODE", "1"}};  // no __pycache__ in examples/workers/
    return c;
  }

  const std::string k_event =
      sqs_event({{"m-1", starbase_body("000000000001")}, {"m-2", starbase_body("000000000002")}});

  std::vector<std::string> adapter(std::string_view handler) {
    return {k_python, (source_dir() / "examples/workers/starfleet_adapter.py").string(),
            std::string(handler)};
  }

  }  // namespace

  TEST_CASE("[process] a command worker sees the event, a Lambda's environment and the project root") {
    ScratchDir dir;
    RealProcessRunner runner;
    CommandTransport transport(
        {k_python, "-c",
         "import json, os, sys\n"
         "event = json.load(sys.stdin)\n"
         "e = os.environ\n"
         "print(len(event['Records']), e['AWS_LAMBDA_FUNCTION_NAME'], e['AWS_REGION'], "
         "e['AWS_LAMBDA_FUNCTION_TIMEOUT'],\n"
         "      e['STARFLEET_COMMIT'], e['AWS_ENDPOINT_URL'], os.getcwd() == sys.argv[1])\n",
         dir.path().string()},
        dir.path(), runner);
    auto c = context();
    c.commit = "True";
    c.environment.emplace_back("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
    auto result = transport.invoke(k_event, c);
    CHECK(result.succeeded);
    CHECK(result.output_tail == "2 FlakyWorkerShip eu-west-1 30 True http://127.0.0.1:4566 True\n");
  }

  TEST_CASE("[process] a command worker's exit status decides success") {
    ScratchDir dir;
    RealProcessRunner runner;
    CommandTransport failing({k_python, "-c", "import sys; print('bad'); sys.exit(3)"}, dir.path(), runner);
    auto result = failing.invoke(k_event, context());
    CHECK_FALSE(result.succeeded);
    CHECK(result.error == "exit status 3");
    CHECK(result.output_tail == "bad\n");

    CommandTransport missing({"drydock-no-such-worker"}, dir.path(), runner);
    auto not_started = missing.invoke(k_event, context());
    CHECK_FALSE(not_started.succeeded);
    CHECK(not_started.error.find("cannot run 'drydock-no-such-worker'") == 0);
  }

  TEST_CASE("[process] a command worker still running at its timeout is killed") {
    ScratchDir dir;
    RealProcessRunner runner;
    CommandTransport sleeper(
        {k_python, "-c", "import sys, time; print('waiting', flush=True); time.sleep(30)"}, dir.path(),
        runner);
    auto c = context();
    c.timeout = std::chrono::milliseconds(200);
    auto result = sleeper.invoke(k_event, c);
    CHECK_FALSE(result.succeeded);
    CHECK(result.timed_out);
    CHECK(result.error == "timed out after 0.2 s");
    CHECK(result.duration < std::chrono::seconds(10));
  }

  TEST_CASE("[process] the Starfleet adapter runs a handler as a command worker") {
    ScratchDir dir;
    RealProcessRunner runner;
    CommandTransport transport(adapter("flaky_worker:lambda_handler"), dir.path(), runner);
    auto c = context();
    SUBCASE("a handler that returns None succeeds") {
      auto result = transport.invoke(k_event, c);
      CHECK(result.succeeded);
      CHECK_FALSE(result.batch_item_failures.has_value());
    }
    SUBCASE("a handler that raises fails with its traceback") {
      c.environment.emplace_back("FAIL_ACCOUNTS", "000000000002");
      auto result = transport.invoke(k_event, c);
      CHECK_FALSE(result.succeeded);
      CHECK(result.error == "exit status 1");
      CHECK(
          result.output_tail.find("FlakyWorkerError: [💥] Account 000000000002 is listed in FAIL_ACCOUNTS") !=
          std::string::npos);
    }
    SUBCASE("a partial batch response returned by the handler passes through") {
      c.environment.emplace_back("FAIL_ACCOUNTS", "000000000002");
      c.environment.emplace_back("REPORT_FAILURES", "true");
      c.report_batch_item_failures = true;
      auto result = transport.invoke(k_event, c);
      CHECK(result.succeeded);
      CHECK(result.batch_item_failures == std::vector<std::string>{"m-2"});
    }
    SUBCASE("a module of the project root, with the context object") {
      dir.write("ship.py",
                "def handler(event, context):\n"
                "    return {'name': context.function_name, 'request': context.aws_request_id,\n"
                "            'arn': context.invoked_function_arn, 'left': "
                "context.get_remaining_time_in_millis() > 0}\n");
      CommandTransport own(adapter("ship:handler"), dir.path(), runner);
      auto result = own.invoke(k_event, c);
      CHECK(result.succeeded);
      CHECK(result.output_tail.find(
                R"({"name": "FlakyWorkerShip", "request": "req-1", )"
                R"("arn": "arn:aws:lambda:eu-west-1:123456789012:function:FlakyWorkerShip", )"
                R"("left": true})") != std::string::npos);
    }
    SUBCASE("a bad handler spec fails, saying why") {
      CommandTransport bad(adapter("no-colon"), dir.path(), runner);
      auto result = bad.invoke(k_event, c);
      CHECK_FALSE(result.succeeded);
      CHECK(result.error == "exit status 1");
      CHECK(result.output_tail.find("expected MODULE:FUNCTION") != std::string::npos);
    }
  }

}  // TEST_SUITE
