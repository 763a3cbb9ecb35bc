// The provisioned cloud of the quickstart project: queues in the state store, the template bucket as
// an overlay over templates/ notifying the fan-out queue, and the virtual clock carried across runs.

#include "emulator/cloud/cloud.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/emulator/cloud/cloud_fixture.hpp"

using drydock::emulator::Cloud;
using drydock::emulator::CloudOptions;
using drydock::emulator::Instant;
using namespace std::chrono_literals;

namespace {

constexpr Instant k_start{std::chrono::milliseconds(1'767'225'600'000)};  // 2026-01-01T00:00:00Z

std::unique_ptr<Cloud> open_quickstart(const std::filesystem::path& state, bool write_through = false,
                                       const std::filesystem::path& templates = {}) {
  auto project = drydock::test::load_project(drydock::test::quickstart());
  auto layout = drydock::emulator::plan_cloud_layout(*project.model, nullptr);
  CloudOptions options{.state_dir = state,
                       .templates_dir = templates.empty() ? project.file.templates : templates,
                       .write_through = write_through,
                       .clock_start = k_start};
  auto cloud = Cloud::open(std::move(layout), options);
  REQUIRE_MESSAGE(cloud.has_value(), (cloud ? "" : cloud.error()));
  return std::move(*cloud);
}

}  // namespace

TEST_SUITE("emulator/cloud") {
  TEST_CASE("opening the cloud creates every queue and DLQ with their settings") {
    drydock::test::ScratchDir scratch;
    auto cloud = open_quickstart(scratch.path() / ".drydock");
    auto names = cloud->sqs().list_queues();
    REQUIRE(names);
    CHECK(names->size() == 10);  // the fan-out queue and four workers, each with a DLQ
    auto iam = cloud->sqs().queue_attributes("starfleet-iam-role-worker");
    REQUIRE(iam);
    CHECK(iam->arn == "arn:aws:sqs:us-east-2:100000000002:starfleet-iam-role-worker");
    CHECK(iam->config.visibility_timeout == 300s);
    CHECK(iam->config.redrive_policy->dead_letter_queue == "starfleet-iam-role-worker-dlq");
    CHECK(cloud->clock().now() == k_start);
  }

  TEST_CASE("a template put into the bucket reaches the fan-out queue as an S3 event record") {
    drydock::test::ScratchDir scratch;
    auto cloud = open_quickstart(scratch.path() / ".drydock");
    auto put =
        cloud->s3().put_object("starfleet-templates-100000000002", "IAM/Roles/new role+x.yaml", "Body: 1\n");
    REQUIRE(put);
    CHECK(put->failed_deliveries.empty());
    auto received = cloud->sqs().receive_message("starbase-fanout-queue");
    REQUIRE(received);
    REQUIRE(received->size() == 1);
    const auto record = nlohmann::json::parse(received->at(0).body).at("Records").at(0);
    CHECK(record.at("eventName") == "ObjectCreated:Put");
    CHECK(record.at("eventVersion") == "2.1");
    CHECK(record.at("awsRegion") == "us-east-2");
    CHECK(record.at("eventTime") == "2026-01-01T00:00:00.000Z");
    CHECK(record.at("s3").at("bucket").at("name") == "starfleet-templates-100000000002");
    CHECK(record.at("s3").at("object").at("key") == "IAM/Roles/new+role%2Bx.yaml");
    CHECK(record.at("s3").at("object").at("size") == 8);
    // The project's templates/ is untouched: the object lives in the state dir's overlay.
    CHECK_FALSE(std::filesystem::exists(drydock::test::source_dir() /
                                        "examples/quickstart/templates/IAM/Roles/new role+x.yaml"));
    CHECK(std::filesystem::exists(
        scratch.path() / ".drydock/buckets/starfleet-templates-100000000002/IAM/Roles/new role+x.yaml"));
  }

  TEST_CASE("with write-through the template bucket writes into the templates directory") {
    drydock::test::ScratchDir scratch;
    scratch.write("templates/keep.yaml", "A: 1\n");
    auto cloud =
        open_quickstart(scratch.path() / ".drydock", /*write_through=*/true, scratch.path() / "templates");
    REQUIRE(cloud->s3().put_object("starfleet-templates-100000000002", "new.yaml", "B: 2\n"));
    CHECK(drydock::test::read_file(scratch.path() / "templates/new.yaml") == "B: 2\n");
  }

  TEST_CASE("the virtual clock and the messages carry over to the next command") {
    drydock::test::ScratchDir scratch;
    {
      auto cloud = open_quickstart(scratch.path() / ".drydock");
      REQUIRE(cloud->sqs().send_message("starfleet-iam-role-worker", {.body = "{}"}));
      REQUIRE(cloud->sqs().receive_message("starfleet-iam-role-worker"));
      cloud->advance_to(k_start + 100s);
    }
    auto cloud = open_quickstart(scratch.path() / ".drydock");
    CHECK(cloud->clock().now() == k_start + 100s);
    auto attributes = cloud->sqs().queue_attributes("starfleet-iam-role-worker");
    CHECK(attributes->approximate_number_of_messages_not_visible == 1);
    cloud->advance_to(k_start + 300s);  // the 300 s visibility timeout started at k_start
    CHECK(cloud->sqs().queue_attributes("starfleet-iam-role-worker")->approximate_number_of_messages == 1);
  }

  TEST_CASE("a simulated day fires the four enabled Starfleet rules, anchored at the state's creation") {
    drydock::test::ScratchDir scratch;
    auto cloud = open_quickstart(scratch.path() / ".drydock");
    const auto firings = cloud->advance(24h);
    std::map<std::string, int> per_rule;
    for (const auto& firing : firings) {
      ++per_rule[firing.input];
    }
    CHECK(per_rule[R"({"name": "HOURLY"})"] == 24);
    CHECK(per_rule[R"({"name": "SIX_HOURLY"})"] == 4);
    CHECK(per_rule[R"({"name": "TWELVE_HOURLY"})"] == 2);
    CHECK(per_rule[R"({"name": "DAILY"})"] == 1);
    CHECK(per_rule.size() == 4);  // FIVE_MIN, FIFTEEN_MIN, THIRTY_MIN are disabled upstream
    CHECK(cloud->store().saved_clock() == k_start + 24h);
  }
}
