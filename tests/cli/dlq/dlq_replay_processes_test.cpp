// `drydock dlq replay` as real processes (CONVENTIONS.md 16): killed with SIGKILL in the middle of its
// drain, and two of them racing on one DLQ. A generated organization's every account is dead-lettered
// by a flaky worker failing every attempt; the worker is then "fixed" into a noop recording every body
// it is given, so the test counts deliveries per account.

#include <doctest/doctest.h>
#include <signal.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "emulator/sqs/sqs_service.hpp"
#include "tests/support/drydock_process.hpp"
#include "tests/support/test_support.hpp"

using drydock::test::run_drydock;
using drydock::test::spawn_drydock;
using drydock::test::Spawned;
using drydock::test::wait_exit;

TEST_SUITE("cli/dlq") {
  namespace {

  constexpr const char* k_configuration =
      "STARFLEET:\n  DeploymentRegion: us-east-2\n  TemplateBucket: replay-templates\n"
      "  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000001/replay-fanout\n"
      "  AccountIndex: StarfleetDefaultAccountIndex\n"
      "StarfleetDefaultAccountIndex:\n  IndexBucket: replay-index\n  BucketRegion: us-east-2\n"
      "Ship:\n  Enabled: True\n  TemplatePrefix: Ship/\n"
      "  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000001/ship-queue\n"
      "  InvocationSources:\n    - S3\n";

  // A project whose Ship has dead-lettered one message per account of an `accounts`-account
  // organization, and has since been fixed: a noop appending each body it gets to delivered.jsonl.
  struct DeadLetteredProject {
    drydock::test::ScratchDir scratch;
    std::filesystem::path root = scratch.path();
    std::filesystem::path delivered = root / "delivered.jsonl";
    std::set<std::string> ids;  // the dead letters

    explicit DeadLetteredProject(int accounts) {
      scratch.write("configuration/starfleet.yaml", k_configuration);
      scratch.write("templates/Ship/all.yaml",
                    "TemplateName: All\nTemplateDescription: d\nIncludeAccounts:\n  AllAccounts: True\n"
                    "OperateInOrgRoot: True\n");
      write_project("builtin: flaky\n    options:\n      fail_attempts: [1, 2, 3, 4]\n");
      REQUIRE(
          run_drydock("org generate --accounts " + std::to_string(accounts) + " --seed 11 -o org.json", root)
              .first == 0);
      REQUIRE(run_drydock("fanout Ship --payload templates/Ship/all.yaml", root).first == 1);
      const auto letters = nlohmann::json::parse(run_drydock("dlq list Ship --format json", root).second);
      for (const auto& letter : letters) {
        ids.insert(letter.at("id").get<std::string>());
      }
      REQUIRE(ids.size() == static_cast<std::size_t>(accounts));
      write_project("builtin: noop\n    options:\n      record_to: " + delivered.string() + "\n");  // the fix
    }

    void write_project(const std::string& transport) const {
      scratch.write("drydock.yaml",
                    "starfleet:\n  configuration: configuration/\n  templates: templates/\n"
                    "  account_index: org.json\nworkers:\n  Ship:\n    fan_out: ACCOUNT\n    " +
                        transport);
    }

    // How many times each account's body was delivered.
    std::map<std::string, int> deliveries() const {
      std::map<std::string, int> count;
      std::ifstream in(delivered);
      for (std::string body; std::getline(in, body);) {
        ++count[nlohmann::json::parse(body).at("StarbaseAssignedAccount").get<std::string>()];
      }
      return count;
    }

    // Every message of the ship's queue and DLQ, by id, with the queue holding it (an id held twice
    // is counted twice).
    std::multimap<std::string, std::string> held() const {
      auto store = drydock::emulator::StateStore::open(root / ".drydock");
      REQUIRE(store);
      drydock::emulator::VirtualClock clock(drydock::emulator::Instant(std::chrono::milliseconds(0)));
      drydock::emulator::SqsService sqs(*store, clock);
      std::multimap<std::string, std::string> where;
      for (const std::string queue : {"ship-queue", "ship-queue-dlq"}) {
        const auto messages = sqs.peek_messages(queue);
        REQUIRE(messages);
        for (const auto& message : *messages) {
          where.emplace(message.message_id, queue);
        }
      }
      return where;
    }
  };

  }  // namespace

  TEST_CASE(
      "a replay killed with SIGKILL loses and duplicates nothing, and drain finishes it (real processes)") {
    DeadLetteredProject project(3000);

    // 1. Replay, and kill the run after its first progress line (100 invocations), wherever it is.
    const Spawned replay = spawn_drydock({"dlq", "replay", "--all", "Ship", "--progress"}, project.root);
    REQUIRE(replay.stderr_stream != nullptr);
    char line[512];
    bool progressed = false;
    while (!progressed && std::fgets(line, sizeof line, replay.stderr_stream) != nullptr) {
      progressed = std::string(line).starts_with("[drydock] ");
    }
    REQUIRE(progressed);
    ::kill(replay.pid, SIGKILL);
    CHECK(wait_exit(replay.pid) == 128 + SIGKILL);  // killed mid-run, not finished
    std::fclose(replay.stderr_stream);

    // 2. Every dead letter is exactly once in the queue (the move was one transaction: none is left
    //    in the DLQ), or gone after its worker got it; no message was copied.
    const auto held = project.held();
    const auto delivered = project.deliveries();
    std::size_t gone = 0;
    for (const std::string& id : project.ids) {
      CAPTURE(id);
      const auto count = held.count(id);
      CHECK(count <= 1);
      if (count == 1) {
        CHECK(held.find(id)->second == "ship-queue");
      }
      gone += count == 0 ? 1 : 0;
    }
    CHECK(held.size() + gone == project.ids.size());
    CHECK(gone <= delivered.size());  // a message is deleted only after its delivery was recorded

    // 3. drain finishes the job: every account delivered, nothing left anywhere.
    const auto drained = run_drydock("drain Ship --format json", project.root);
    CHECK(drained.first == 0);
    CHECK(nlohmann::json::parse(drained.second).at("dead_lettered") == 0);
    CHECK(project.deliveries().size() == project.ids.size());
    CHECK(project.held().empty());
  }

  TEST_CASE("two processes replaying the same DLQ at once deliver each message once (real processes)") {
    DeadLetteredProject project(500);
    const Spawned first = spawn_drydock({"dlq", "replay", "--all", "Ship"}, project.root);
    const Spawned second = spawn_drydock({"dlq", "replay", "--all", "Ship"}, project.root);
    const int first_exit = wait_exit(first.pid);
    const int second_exit = wait_exit(second.pid);
    std::fclose(first.stderr_stream);
    std::fclose(second.stderr_stream);
    // One moved them all and drained (0). The other found the DLQ empty (0, nothing to replay) or
    // found its ids gone when it tried to move them (2, nothing moved) — and so drained nothing.
    CHECK((first_exit == 0 || second_exit == 0));
    CHECK((first_exit == 0 || first_exit == 2));
    CHECK((second_exit == 0 || second_exit == 2));
    const auto delivered = project.deliveries();
    CHECK(delivered.size() == project.ids.size());
    for (const auto& [account, times] : delivered) {
      CAPTURE(account);
      CHECK(times == 1);
    }
    CHECK(project.held().empty());
  }
}
