#include <doctest/doctest.h>

#include "tests/workers/transports/test_events.hpp"
#include "workers/transports/builtin_transport.hpp"
#include "workers/transports/command_transport.hpp"
#include "workers/transports/http_transport.hpp"
#include "workers/transports/transport_factory.hpp"

using namespace drydock::workers;

TEST_SUITE("workers/transports") {
  namespace {

  // Never expected to run anything: the factory only builds transports.
  class UnusedRunner final : public ProcessRunner {
   public:
    std::expected<ProcessResult, std::string> run(const ProcessRequest& request) override {
      last_argv = request.argv;
      return ProcessResult{0, false, {}, {}};
    }
    std::vector<std::string> last_argv;
  };

  WorkerSettings worker() {
    WorkerSettings w;
    w.name = "Ship";
    return w;
  }

  std::string error_for(const WorkerSettings& w) {
    UnusedRunner runner;
    auto made = make_transport(w, "/project", runner);
    REQUIRE_FALSE(made.has_value());
    return made.error();
  }

  }  // namespace

  TEST_CASE("the factory builds the transport a worker's settings name") {
    UnusedRunner runner;
    SUBCASE("builtin, with its options") {
      auto w = worker();
      w.builtin = "flaky";
      w.builtin_options = {{"fail_attempts", {1}}};
      auto made = make_transport(w, "/project", runner);
      REQUIRE(made.has_value());
      auto result = (*made)->invoke(drydock::test::sqs_event({{"m-1", "{}", 1}}), {});
      CHECK_FALSE(result.succeeded);  // flaky, not noop: the options reached the ship
    }
    SUBCASE("command, run through the given runner") {
      auto w = worker();
      w.command = {"python3", "ship.py"};
      auto made = make_transport(w, "/project", runner);
      REQUIRE(made.has_value());
      CHECK(dynamic_cast<CommandTransport*>(made->get()) != nullptr);
      CHECK((*made)->invoke("{}", {}).succeeded);
      CHECK(runner.last_argv == w.command);
    }
    SUBCASE("http") {
      auto w = worker();
      w.http = "http://127.0.0.1:9000/2015-03-31/functions/function/invocations";
      auto made = make_transport(w, "/project", runner);
      REQUIRE(made.has_value());
      CHECK(dynamic_cast<HttpTransport*>(made->get()) != nullptr);
    }
  }

  TEST_CASE("the factory explains settings it cannot build a transport from") {
    auto w = worker();
    CHECK(error_for(w) ==
          "worker 'Ship': no transport: give one of builtin, command or http in drydock.yaml");

    w.runtime_api = {"python3", "-m", "awslambdaric", "ship.handler"};
    CHECK(error_for(w) ==
          "worker 'Ship': the runtime_api transport is not supported yet (use command or http)");

    w.builtin = "noop";
    CHECK(error_for(w) == "worker 'Ship': give only one of builtin, command, http, runtime_api");

    w.runtime_api.clear();
    w.builtin = "nope";
    CHECK(error_for(w) == "worker 'Ship': unknown builtin ship 'nope' (known: flaky, noop)");

    w.builtin = "flaky";
    CHECK(error_for(w).starts_with("worker 'Ship': builtin ship 'flaky': give at least one"));

    w.builtin.reset();
    w.http = "https://example.com/";
    CHECK(error_for(w).starts_with(
        "worker 'Ship': invalid http URL 'https://example.com/': https is not supported"));
  }

}  // TEST_SUITE
