// Workers dispatched while serving (emulator/run/live_dispatch): a pass invokes what is visible now
// and returns without waiting for what is in flight, fires the timed rules the clock has passed, and
// steps aside while another drydock command dispatches from the same state.

#include "emulator/run/live_dispatch.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>

#include "emulator/run/project_cloud.hpp"
#include "emulator/state/dispatch_lock.hpp"
#include "tests/support/test_support.hpp"
#include "workers/regions/region_universe.hpp"

using namespace drydock;
using namespace drydock::emulator;

namespace {

constexpr std::string_view k_configuration = R"(STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: live-templates
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/live-fanout
  AccountIndex: StarfleetDefaultAccountIndex
StarfleetDefaultAccountIndex:
  IndexBucket: live-index
  BucketRegion: us-east-2
NoopShip:
  Enabled: True
  TemplatePrefix: Noop/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/noop-queue
  InvocationSources: [S3, EVENTBRIDGE_TIMED_EVENT]
  EventBridgeTimedFrequency: HOURLY
FlakyShip:
  Enabled: True
  TemplatePrefix: Flaky/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/flaky-queue
  InvocationSources: [S3]
IdleShip:
  Enabled: True
  TemplatePrefix: Idle/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/idle-queue
  InvocationSources: [S3]
)";

// NoopShip (noop, and HOURLY), FlakyShip (fails each message's first receive; 30 s visibility
// timeout) and IdleShip (no transport), over the quickstart's organization.
struct LiveProject {
  test::ScratchDir scratch;
  workers::ProjectFile file;
  workers::RegionUniverse regions = workers::default_region_universe();
  ProjectCloud cloud;
  std::unique_ptr<LiveDispatch> live;

  LiveProject() {
    const auto index = test::source_dir() / "examples/quickstart/fixtures/org.json";
    scratch.write("project/drydock.yaml", fmt::format(R"(starfleet:
  configuration: configuration/
  templates: templates/
  account_index: {}
workers:
  NoopShip:
    fan_out: SINGLE_INVOCATION
    builtin: noop
  FlakyShip:
    fan_out: SINGLE_INVOCATION
    builtin: flaky
    options:
      fail_attempts: [1]
    visibility_timeout: 30s
  IdleShip:
    fan_out: SINGLE_INVOCATION
state: .drydock/
)",
                                                      index.string()));
    scratch.write("project/configuration/starfleet.yaml", k_configuration);
    scratch.write("project/templates/Noop/hourly.yaml", "TemplateName: Hourly\nTemplateDescription: d\n");
    file = test::require_loaded(workers::load_project_file(scratch.path() / "project/drydock.yaml"));
    auto opened = open_project_cloud(file, regions, {});
    REQUIRE_MESSAGE(opened.has_value(), (opened ? "" : opened.error().message));
    cloud = std::move(*opened);
    auto made = LiveDispatch::open({*cloud.cloud, *cloud.model, file, regions});
    REQUIRE_MESSAGE(made.has_value(), (made ? "" : made.error().message));
    live = std::move(*made);
  }

  void send(std::string_view queue, std::string body) {
    REQUIRE(cloud.cloud->sqs().send_message(queue, {.body = std::move(body)}));
  }
  QueueAttributes attributes(std::string_view queue) {
    auto attributes = cloud.cloud->sqs().queue_attributes(queue);
    REQUIRE(attributes);
    return *attributes;
  }
  const MappingReport& mapping(const LivePass& pass, std::string_view function) {
    for (const auto& mapping : pass.report.mappings) {
      if (mapping.function_name == function) {
        return mapping;
      }
    }
    FAIL("no mapping for ", function);
    throw std::logic_error("unreachable");
  }
};

}  // namespace

TEST_SUITE("emulator/run") {
  TEST_CASE("a live pass invokes what a client sent and leaves the unserved worker's messages queued") {
    LiveProject project;
    CHECK(project.live->unserved() == std::vector<std::string>{"IdleShip"});
    const LivePass idle = project.live->pass();
    CHECK_FALSE(idle.active());
    CHECK_FALSE(idle.skipped);

    project.send("noop-queue", R"({"TemplateName": "Hourly"})");
    project.send("idle-queue", R"({"TemplateName": "Idle"})");
    const LivePass pass = project.live->pass();
    CHECK(pass.active());
    CHECK_FALSE(pass.error);
    CHECK(project.mapping(pass, "NoopShip").totals == DispatchTotals{1, 1, 0, 0});
    CHECK(pass.report.totals.invocations == 1);
    CHECK(project.attributes("noop-queue").approximate_number_of_messages == 0);
    CHECK(project.attributes("idle-queue").approximate_number_of_messages == 1);
  }

  TEST_CASE("a live pass does not wait for a failed message: a later pass retries it once it is visible") {
    LiveProject project;
    project.send("flaky-queue", R"({"TemplateName": "Flaky"})");
    const LivePass first = project.live->pass();
    CHECK(project.mapping(first, "FlakyShip").totals == DispatchTotals{1, 0, 1, 0});
    CHECK(project.attributes("flaky-queue").approximate_number_of_messages_not_visible == 1);

    // Still in flight: nothing to do, and the pass returns at once.
    CHECK_FALSE(project.live->pass().active());
    project.cloud.cloud->clock().advance_by(std::chrono::seconds(31));
    const LivePass retried = project.live->pass();
    CHECK(project.mapping(retried, "FlakyShip").totals == DispatchTotals{1, 1, 0, 0});
    CHECK(project.attributes("flaky-queue").approximate_number_of_messages_not_visible == 0);
  }

  TEST_CASE("a live pass fires the timed rules the clock has passed, then dispatches what they sent") {
    LiveProject project;
    CHECK(project.live->pass().firings.empty());
    project.cloud.cloud->clock().advance_by(std::chrono::minutes(61));
    const LivePass pass = project.live->pass();
    REQUIRE(pass.firings.size() == 1);
    CHECK(pass.firings[0].firing.rule == "StarfleetHourly");
    CHECK(pass.firings[0].firing.input == R"({"name": "HOURLY"})");
    CHECK_FALSE(pass.firings[0].outcome.failure);
    CHECK(pass.firings[0].outcome.fanout_messages_sent == 1);  // the one HOURLY template of NoopShip
    CHECK(project.mapping(pass, "Starbase").totals.succeeded == 1);
    CHECK(project.mapping(pass, "NoopShip").totals == DispatchTotals{1, 1, 0, 0});
    // Each firing once: the next pass has nothing due.
    CHECK(project.live->pass().firings.empty());
  }

  TEST_CASE("a live pass steps aside while another process holds the dispatch lock") {
    LiveProject project;
    project.send("noop-queue", R"({"TemplateName": "Hourly"})");
    {
      auto other = DispatchLock::acquire(project.cloud.cloud->store().dir(), [](pid_t) {});
      REQUIRE(other);
      const LivePass skipped = project.live->pass();
      CHECK(skipped.skipped);
      CHECK_FALSE(skipped.active());
      CHECK(project.attributes("noop-queue").approximate_number_of_messages == 1);
    }
    CHECK(project.mapping(project.live->pass(), "NoopShip").totals.succeeded == 1);
  }
}
