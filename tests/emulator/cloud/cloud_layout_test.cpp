// Which queues, DLQs, mappings and rules a project gets, and where each setting comes from.

#include "emulator/cloud/cloud_layout.hpp"

#include <doctest/doctest.h>

#include "tests/emulator/cloud/cloud_fixture.hpp"

using drydock::emulator::CloudLayout;
using drydock::emulator::plan_cloud_layout;
using drydock::emulator::SettingOrigin;
using namespace std::chrono_literals;

namespace {

const drydock::emulator::QueuePair* worker(const CloudLayout& layout, std::string_view owner) {
  for (const auto& pair : layout.workers) {
    if (pair.owner == owner) {
      return &pair;
    }
  }
  return nullptr;
}

}  // namespace

TEST_SUITE("emulator/cloud") {
  TEST_CASE("queue names and the account come from the queue URLs") {
    using drydock::emulator::account_from_queue_url;
    using drydock::emulator::queue_name_from_url;
    CHECK(queue_name_from_url("https://sqs.us-east-2.amazonaws.com/123456789012/starbase-fanout-queue") ==
          "starbase-fanout-queue");
    CHECK(queue_name_from_url("https://sqs.us-east-2.amazonaws.com/123456789012/q/") == "q");
    CHECK_FALSE(queue_name_from_url("https://sqs.us-east-2.amazonaws.com/").has_value());
    CHECK_FALSE(queue_name_from_url("no-slash").has_value());
    CHECK(account_from_queue_url("https://sqs.us-east-2.amazonaws.com/123456789012/q") == "123456789012");
    CHECK_FALSE(
        account_from_queue_url("https://sqs.us-east-2.amazonaws.com/DEPLOYMENT-ACCOUNT-ID/q").has_value());
  }

  TEST_CASE("without a SAM template every queue gets upstream's defaults and a <name>-dlq") {
    auto project = drydock::test::load_project(drydock::test::quickstart());
    const CloudLayout layout = plan_cloud_layout(*project.model, nullptr);
    CHECK(layout.diagnostics.empty());
    CHECK(layout.region == "us-east-2");
    CHECK(layout.account_id == "100000000002");
    CHECK(layout.template_bucket == "starfleet-templates-100000000002");
    REQUIRE(layout.fan_out);
    CHECK(layout.fan_out->queue.name == "starbase-fanout-queue");
    CHECK(layout.fan_out->dlq.name == "starbase-fanout-queue-dlq");
    CHECK(layout.fan_out->mapping.batch_size == 1);
    REQUIRE(layout.workers.size() == 4);
    const auto* iam = worker(layout, "IamRoleWorkerShip");
    REQUIRE(iam != nullptr);
    CHECK(iam->queue.name == "starfleet-iam-role-worker");
    CHECK(iam->queue.visibility_timeout == 300s);
    CHECK(iam->queue.message_retention == 345'600s);
    REQUIRE(iam->queue.redrive_policy);
    CHECK(iam->queue.redrive_policy->dead_letter_queue == "starfleet-iam-role-worker-dlq");
    CHECK(iam->queue.redrive_policy->max_receive_count == 4);
    CHECK(iam->mapping.batch_size == 2);
    CHECK(iam->mapping.function_timeout == 300s);
    CHECK(iam->visibility_origin == SettingOrigin::upstream_default);
    CHECK(layout.rules == drydock::emulator::default_starfleet_rules());
  }

  DRYDOCK_STARFLEET_FILES_TEST(sam_layout, "the SAM template names the DLQs and sets the batch sizes") {
    drydock::test::ScratchDir scratch;
    const auto config = tree / "src/starfleet/configuration_files";
    scratch.write("templates/README", "");
    scratch.write("drydock.yaml", "starfleet:\n  configuration: " + config.string() +
                                      "\n  templates: templates/\n  sam_template: " +
                                      (tree / "test_sam_template.yaml").string() + "\n");
    auto project = drydock::test::load_project(scratch.path() / "drydock.yaml");
    auto sam = drydock::emulator::load_sam_template(*project.file.sam_template);
    REQUIRE(sam);
    const CloudLayout layout = plan_cloud_layout(*project.model, &*sam);
    REQUIRE(layout.fan_out);
    CHECK(layout.fan_out->dlq.name == "starbase-fanout-dlq");
    CHECK(layout.fan_out->mapping.batch_size == 1);
    CHECK(layout.fan_out->visibility_origin == SettingOrigin::sam_template);
    const auto* generator = worker(layout, "AccountIndexGeneratorShip");
    REQUIRE(generator != nullptr);
    CHECK(generator->queue.name == "starfleet-account-index-generator");
    CHECK(generator->dlq.name == "starfleet-account-index-generator-dlq");
    CHECK(generator->queue.redrive_policy->max_receive_count == 4);
    CHECK(generator->mapping.batch_size == 2);
    CHECK(generator->mapping.function_timeout == 300s);
    CHECK(generator->mapping_origin == SettingOrigin::sam_template);
    CHECK(layout.rules == drydock::emulator::schedule_rules(*sam));
    // The placeholder URL has no 12-digit account: the default account is kept.
    CHECK(layout.account_id == "123456789012");
  }

  TEST_CASE("drydock.yaml settings win over the SAM template and the defaults") {
    drydock::test::ScratchDir scratch;
    scratch.write("configuration/starfleet.yaml",
                  "STARFLEET:\n  DeploymentRegion: us-east-1\n  TemplateBucket: templates-bucket\n"
                  "  FanOutQueueUrl: https://sqs.us-east-1.amazonaws.com/111111111111/fanout\n"
                  "  AccountIndex: StarfleetDefaultAccountIndex\n"
                  "StarfleetDefaultAccountIndex:\n  IndexBucket: index-bucket\n  BucketRegion: us-east-1\n"
                  "Ship:\n  Enabled: True\n  TemplatePrefix: Ship/\n"
                  "  InvocationQueueUrl: https://sqs.us-east-1.amazonaws.com/111111111111/ship-queue\n"
                  "  InvocationSources:\n    - S3\n");
    scratch.write("templates/README", "");
    scratch.write("drydock.yaml",
                  "starfleet:\n  configuration: configuration/\n  templates: templates/\n"
                  "workers:\n  Ship:\n    fan_out: ACCOUNT\n    timeout: 60s\n    max_receive_count: 2\n"
                  "    batch_size: 5\n    concurrency: 3\n");
    auto project = drydock::test::load_project(scratch.path() / "drydock.yaml");
    const CloudLayout layout = plan_cloud_layout(*project.model, nullptr);
    const auto* ship = worker(layout, "Ship");
    REQUIRE(ship != nullptr);
    CHECK(ship->queue.visibility_timeout == 60s);  // = the timeout when no visibility_timeout is given
    CHECK(ship->queue.redrive_policy->max_receive_count == 2);
    CHECK(ship->mapping.batch_size == 5);
    CHECK(ship->mapping.concurrency == 3);
    CHECK(ship->mapping.function_timeout == 60s);
    CHECK(ship->redrive_origin == SettingOrigin::project_file);
    CHECK(layout.account_id == "111111111111");
  }

  TEST_CASE("two workers on one queue are reported and the second is left out") {
    drydock::test::ScratchDir scratch;
    std::string config =
        "STARFLEET:\n  DeploymentRegion: us-east-1\n  TemplateBucket: templates-bucket\n"
        "  FanOutQueueUrl: https://sqs.us-east-1.amazonaws.com/111111111111/fanout\n"
        "  AccountIndex: StarfleetDefaultAccountIndex\n"
        "StarfleetDefaultAccountIndex:\n  IndexBucket: index-bucket\n  BucketRegion: us-east-1\n";
    for (const char* ship : {"ShipA", "ShipB"}) {
      config += std::string(ship) +
                ":\n  Enabled: True\n  TemplatePrefix: X/\n"
                "  InvocationQueueUrl: https://sqs.us-east-1.amazonaws.com/111111111111/shared\n"
                "  InvocationSources:\n    - S3\n";
    }
    scratch.write("configuration/starfleet.yaml", config);
    scratch.write("templates/README", "");
    scratch.write("drydock.yaml", "starfleet:\n  configuration: configuration/\n  templates: templates/\n");
    auto project = drydock::test::load_project(scratch.path() / "drydock.yaml");
    const CloudLayout layout = plan_cloud_layout(*project.model, nullptr);
    CHECK(layout.workers.size() == 1);
    REQUIRE(layout.diagnostics.size() == 1);
    CHECK(layout.diagnostics[0].message.find("queue shared is already used by") != std::string::npos);
    CHECK(layout.diagnostics[0].mark.line > 0);
  }
}
