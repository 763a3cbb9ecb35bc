// SIGKILL in the middle of a fan-out, then `drydock drain` (issue: "every message processed at least
// once, none lost, DLQ empty"). Real processes: the drydock binary on a generated organization, a noop
// worker recording every body it is given; the run is killed after its 5th progress line (500
// invocations), wherever it is. 10,000 messages by default; DRYDOCK_KILL_TEST_ACCOUNTS=3449 gives the
// issue's 100,000 (29 regions per account).

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/drydock_process.hpp"
#include "tests/support/test_support.hpp"

using drydock::test::run_drydock;
using drydock::test::spawn_drydock;
using drydock::test::Spawned;
using drydock::test::wait_exit;

TEST_SUITE("cli") {
  TEST_CASE(
      "a fan-out killed with SIGKILL and then drained delivers every message at least once (real "
      "processes)") {
    const int accounts = std::getenv("DRYDOCK_KILL_TEST_ACCOUNTS") != nullptr
                             ? std::atoi(std::getenv("DRYDOCK_KILL_TEST_ACCOUNTS"))
                             : 345;  // x 29 regions = 10,005 messages
    drydock::test::ScratchDir scratch;
    const auto root = scratch.path();
    const auto delivered = root / "delivered.jsonl";
    scratch.write("configuration/starfleet.yaml",
                  "STARFLEET:\n  DeploymentRegion: us-east-2\n  TemplateBucket: kill-templates\n"
                  "  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000001/kill-fanout\n"
                  "  AccountIndex: StarfleetDefaultAccountIndex\n"
                  "StarfleetDefaultAccountIndex:\n  IndexBucket: kill-index\n  BucketRegion: us-east-2\n"
                  "Ship:\n  Enabled: True\n  TemplatePrefix: Ship/\n"
                  "  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000001/ship-queue\n"
                  "  InvocationSources:\n    - S3\n");
    scratch.write("drydock.yaml",
                  "starfleet:\n  configuration: configuration/\n  templates: templates/\n"
                  "  account_index: org.json\nworkers:\n  Ship:\n    fan_out: ACCOUNT_REGION\n"
                  "    builtin: noop\n    options:\n      record_to: " +
                      delivered.string() + "\n");
    scratch.write("templates/Ship/all.yaml",
                  "TemplateName: All\nTemplateDescription: d\nIncludeAccounts:\n  AllAccounts: True\n"
                  "OperateInOrgRoot: True\nIncludeRegions:\n  - ALL\n");
    const auto generated = run_drydock(
        "org generate --accounts " + std::to_string(accounts) + " --all-regions --seed 7 -o org.json", root);
    REQUIRE(generated.first == 0);

    // 1. Fan out, and kill the run after its 5th progress line.
    const Spawned run = spawn_drydock(
        {"fanout", "Ship", "--payload", (root / "templates/Ship/all.yaml").string(), "--progress"}, root);
    REQUIRE(run.stderr_stream != nullptr);
    char line[512];
    int progress_lines = 0;
    while (progress_lines < 5 && std::fgets(line, sizeof line, run.stderr_stream) != nullptr) {
      progress_lines += std::string(line).starts_with("[drydock] ") ? 1 : 0;
    }
    ::kill(run.pid, SIGKILL);
    CHECK(wait_exit(run.pid) == 128 + SIGKILL);  // killed mid-run, not finished
    std::fclose(run.stderr_stream);

    // 2. Drain what is left.
    const auto drained = run_drydock("drain --format json", root);
    CHECK(drained.first == 0);
    const auto report = nlohmann::json::parse(drained.second);
    CHECK(report.at("dead_lettered") == 0);

    // 3. Every (account, region) pair was delivered at least once; nothing is left anywhere.
    std::ifstream in(delivered);
    std::set<std::string> pairs;
    std::size_t deliveries = 0;
    for (std::string body; std::getline(in, body);) {
      const auto json = nlohmann::json::parse(body);
      pairs.insert(json.at("StarbaseAssignedAccount").get<std::string>() + "/" +
                   json.at("StarbaseAssignedRegion").get<std::string>());
      ++deliveries;
    }
    CHECK(pairs.size() == static_cast<std::size_t>(accounts) * 29);
    CHECK(deliveries >= pairs.size());
    const auto queues = nlohmann::json::parse(run_drydock("queues --format json", root).second);
    for (const auto& queue : queues.at("queues")) {
      CAPTURE(queue.at("name"));
      CHECK(queue.at("visible") == 0);
      CHECK(queue.at("in_flight") == 0);
      CHECK(queue.at("dlq").at("visible") == 0);
    }
  }
}
