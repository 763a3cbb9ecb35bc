// One dispatching process per state directory (emulator/state/dispatch_lock.hpp): a second one waits,
// says whom for, and then dispatches from where the first left the queues; a dead holder never blocks.

#include "emulator/state/dispatch_lock.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/drydock_process.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::DispatchLock;

namespace {

std::string retries_project() {
  return (drydock::test::source_dir() / "tests/cli/projects/retries").string();
}

}  // namespace

TEST_SUITE("cli/dispatch") {
  TEST_CASE("the dispatch lock is taken without waiting when free, and names its holder") {
    drydock::test::ScratchDir scratch;
    int waits = 0;
    {
      auto lock = DispatchLock::acquire(scratch.path(), [&](pid_t) { ++waits; });
      REQUIRE(lock.has_value());
      CHECK(drydock::test::read_file(scratch.path() / "dispatch.lock") == std::to_string(::getpid()));
    }
    auto again = DispatchLock::acquire(scratch.path(), [&](pid_t) { ++waits; });
    CHECK(again.has_value());
    CHECK(waits == 0);
    CHECK_FALSE(DispatchLock::acquire(scratch.path() / "missing", [](pid_t) {}).has_value());
  }

  TEST_CASE("a second dispatching process waits for the first, then dispatches (real processes)") {
    drydock::test::ScratchDir scratch;
    const std::string state = (scratch.path() / "state").string();
    const std::string project = retries_project();
    // One dead letter of FlakyShip (it fails account 100000000003 every time).
    REQUIRE(drydock::test::run_drydock("fanout FlakyShip --payload templates/Flaky/all.yaml --state " + state,
                                       project)
                .first == 1);
    const auto letters = nlohmann::json::parse(
        drydock::test::run_drydock("dlq list FlakyShip --format json --state " + state, project).second);
    REQUIRE(letters.size() == 1);

    // This test process holds the lock; a replay moves the letter back, then waits to dispatch it.
    std::optional<DispatchLock> held = *DispatchLock::acquire(state, [](pid_t) {});
    auto replay =
        drydock::test::spawn_drydock({"dlq", "replay", "--all", "FlakyShip", "--state", state}, project);
    std::string said;
    char line[512];
    while (said.find("waiting for") == std::string::npos &&
           std::fgets(line, sizeof line, replay.stderr_stream) != nullptr) {
      said += line;
    }
    CHECK(said.find("drydock: waiting for process " + std::to_string(::getpid()) +
                    " to finish dispatching") != std::string::npos);
    // While it waits the letter is back in its queue, not dispatched: the DLQ is empty.
    CHECK(drydock::test::run_drydock("dlq list FlakyShip --format json --state " + state, project).second ==
          "[]\n");

    held.reset();                                      // the first dispatcher is done
    CHECK(drydock::test::wait_exit(replay.pid) == 1);  // dispatched: dead-lettered again after 4 attempts
    std::fclose(replay.stderr_stream);
    const auto after = nlohmann::json::parse(
        drydock::test::run_drydock("dlq list FlakyShip --format json --state " + state, project).second);
    REQUIRE(after.size() == 1);
    CHECK(after[0].at("attempts") == 8);  // the 4 failures before and the 4 of the replay
  }
}
