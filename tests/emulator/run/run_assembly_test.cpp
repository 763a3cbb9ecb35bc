// The assembly of a run (emulator/run/): the project's cloud opened from drydock.yaml, the Starbase
// and every worker's transport, the mappings added to a dispatcher, and the problems reported as
// RunErrors instead of printed.

#include "emulator/run/run_assembly.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

#include "emulator/run/project_cloud.hpp"
#include "emulator/run/project_index.hpp"
#include "tests/support/test_support.hpp"
#include "workers/regions/region_universe.hpp"

using namespace drydock;
using namespace drydock::emulator;

namespace {

constexpr std::string_view k_configuration = R"(STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: run-templates
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/run-fanout
  AccountIndex: StarfleetDefaultAccountIndex
StarfleetDefaultAccountIndex:
  IndexBucket: run-index
  BucketRegion: us-east-2
NoopShip:
  Enabled: True
  TemplatePrefix: Noop/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/noop-queue
  InvocationSources: [S3]
IdleShip:
  Enabled: True
  TemplatePrefix: Idle/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/idle-queue
  InvocationSources: [S3]
AccountIndexGeneratorShip:
  Enabled: True
  TemplatePrefix: AccountIndexGenerator/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/index-queue
  InvocationSources: [EVENTBRIDGE_TIMED_EVENT]
  EventBridgeTimedFrequency: HOURLY
  OrgAccountAssumeRole: starfleet-worker-basic-role
  OrgAccountId: "100000000001"
  OrgRootId: r-a1b2
  DescribeRegionsAssumeRole: starfleet-worker-basic-role
)";

// A project of three ships: NoopShip (builtin noop), IdleShip (no transport: its messages stay
// queued) and the account-index generator; `account_index` adds the quickstart's organization.
struct RunProject {
  test::ScratchDir scratch;
  workers::ProjectFile file;
  workers::RegionUniverse regions = workers::default_region_universe();

  explicit RunProject(bool account_index) {
    const auto index = test::source_dir() / "examples/quickstart/fixtures/org.json";
    scratch.write("project/drydock.yaml",
                  fmt::format(R"(starfleet:
  configuration: configuration/
  templates: templates/
{}
workers:
  NoopShip:
    fan_out: ACCOUNT
    builtin: noop
  IdleShip:
    fan_out: ACCOUNT
  AccountIndexGeneratorShip:
    fan_out: SINGLE_INVOCATION
    builtin: account-index-generator
state: .drydock/
)",
                              account_index ? fmt::format("  account_index: {}", index.string()) : ""));
    scratch.write("project/configuration/starfleet.yaml", k_configuration);
    scratch.write("project/templates/Noop/all.yaml",
                  "TemplateName: All\nTemplateDescription: d\nIncludeAccounts:\n  AllAccounts: True\n");
    file = test::require_loaded(workers::load_project_file(scratch.path() / "project/drydock.yaml"));
  }

  ProjectCloud open_cloud() const {
    auto cloud = open_project_cloud(file, regions, {});
    REQUIRE_MESSAGE(cloud.has_value(), (cloud ? "" : cloud.error().message));
    return std::move(*cloud);
  }
};

}  // namespace

TEST_SUITE("emulator/run") {
  TEST_CASE("a run makes each worker's transport and maps every queue whose worker has one") {
    const RunProject project(/*account_index=*/true);
    ProjectCloud cloud = project.open_cloud();
    CHECK(cloud.cloud->store().dir() == project.scratch.path() / "project/.drydock/");
    auto run = RunAssembly::open({*cloud.cloud, *cloud.model, project.file, project.regions}, {});
    REQUIRE_MESSAGE(run.has_value(), (run ? "" : run.error().message));
    auto& assembly = **run;
    REQUIRE(assembly.index() != nullptr);
    CHECK(assembly.index()->organization().accounts.size() == 8);
    CHECK(assembly.transport("NoopShip") != nullptr);
    CHECK(assembly.transport("AccountIndexGeneratorShip") != nullptr);
    CHECK(assembly.transport("IdleShip") == nullptr);
    CHECK(assembly.transport("NoSuchShip") == nullptr);
    CHECK(assembly.starbase().index == assembly.index());
    CHECK(assembly.starbase().sqs == &cloud.cloud->sqs());  // phase 1 runs on the cloud's connection

    Dispatcher dispatcher(cloud.cloud->sqs(), cloud.cloud->clock(), {});
    const auto unserved = assembly.add_mappings(dispatcher);
    REQUIRE_MESSAGE(unserved.has_value(), (unserved ? "" : unserved.error()));
    CHECK(*unserved == std::vector<std::string>{"IdleShip"});
    // A queue can be mapped once: a second assembly's mappings on the same dispatcher are refused.
    const auto again = assembly.add_mappings(dispatcher);
    REQUIRE_FALSE(again);
    CHECK(again.error().find("run-fanout") != std::string::npos);
  }

  TEST_CASE("only_queue maps the Starbase and that queue alone") {
    const RunProject project(/*account_index=*/true);
    ProjectCloud cloud = project.open_cloud();
    auto run = RunAssembly::open({*cloud.cloud, *cloud.model, project.file, project.regions}, {});
    REQUIRE(run);
    Dispatcher dispatcher(cloud.cloud->sqs(), cloud.cloud->clock(), {});
    const auto unserved = (*run)->add_mappings(dispatcher, std::string("idle-queue"));
    REQUIRE(unserved);
    CHECK(*unserved == std::vector<std::string>{"IdleShip"});
    // noop-queue was left out, so it can still be mapped.
    Dispatcher other(cloud.cloud->sqs(), cloud.cloud->clock(), {});
    const auto noop = (*run)->add_mappings(other, std::string("noop-queue"));
    REQUIRE(noop);
    CHECK(noop->empty());
  }

  TEST_CASE("the account-index generator without an organization to write is a RunError naming it") {
    const RunProject project(/*account_index=*/false);
    ProjectCloud cloud = project.open_cloud();
    auto run = RunAssembly::open({*cloud.cloud, *cloud.model, project.file, project.regions}, {});
    REQUIRE_FALSE(run);
    CHECK(run.error().diagnostics.empty());
    CHECK(run.error().message ==
          "worker 'AccountIndexGeneratorShip': the account-index-generator builtin writes the project's "
          "organization: set starfleet.account_index in drydock.yaml");
  }

  TEST_CASE("an account index that cannot be read is a RunError naming the file, with its problems") {
    test::ScratchDir scratch;
    const auto bad = scratch.write("index.json", "{\"accounts\": [1, 2");
    const auto index = load_account_index(bad, workers::default_region_universe());
    REQUIRE_FALSE(index);
    CHECK(index.error().message == "cannot load the account index " + bad.string());
    REQUIRE_FALSE(index.error().diagnostics.empty());
    CHECK(index.error().diagnostics.front().file.find("index.json") != std::string::npos);
  }

  TEST_CASE("a state directory that cannot be created is a RunError naming it") {
    RunProject project(/*account_index=*/true);
    project.scratch.write("blocker", "a file where the state directory would go");
    ProjectCloudOptions options;
    options.state_dir = project.scratch.path() / "blocker/state";
    const auto cloud = open_project_cloud(project.file, project.regions, options);
    REQUIRE_FALSE(cloud);
    CHECK(cloud.error().message.find("blocker") != std::string::npos);
  }
}
