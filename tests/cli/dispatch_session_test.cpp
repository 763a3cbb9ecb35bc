// The reports for CI of the commands that run workers (DispatchSession::finish): `fanout`, `drain`,
// `run` and `dlq replay` with --format junit or github, and --output FILE; run in process on a scratch
// project of builtin ships (virtual clock: four 300-second retries take milliseconds).

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <string>

#include "cli/dispatch_commands.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "cli/run_command.hpp"
#include "tests/cli/dlq/command_run.hpp"
#include "tests/support/test_support.hpp"

using namespace drydock;

TEST_SUITE("cli") {
  namespace {

  using test::Ran;
  using test::run;

  // Two ACCOUNT ships on the quickstart's organization (7 accounts fanned out), one message per
  // invocation: FlakyShip fails in 100000000003 on every attempt (dead-lettered after 4), RetryShip
  // fails every message's first two attempts (each passes on the third).
  constexpr std::string_view k_configuration = R"(STARFLEET:
  DeploymentRegion: us-east-2
  TemplateBucket: ci-templates
  FanOutQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/ci-fanout
  AccountIndex: StarfleetDefaultAccountIndex
StarfleetDefaultAccountIndex:
  IndexBucket: ci-index
  BucketRegion: us-east-2
FlakyShip:
  Enabled: True
  TemplatePrefix: Flaky/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/flaky-queue
  InvocationSources: [S3]
RetryShip:
  Enabled: True
  TemplatePrefix: Retry/
  InvocationQueueUrl: https://sqs.us-east-2.amazonaws.com/100000000002/retry-queue
  InvocationSources: [S3]
)";

  constexpr std::string_view k_template = R"(TemplateName: EveryAccount
TemplateDescription: Runs in every account but the org root.
IncludeAccounts:
  AllAccounts: True
)";

  struct CiProject {
    test::ScratchDir scratch;
    cli::CloudFlags cloud;
    std::filesystem::path flaky_template;
    std::filesystem::path retry_template;

    CiProject() {
      const auto index = test::source_dir() / "examples/quickstart/fixtures/org.json";
      scratch.write("project/drydock.yaml", fmt::format(R"(starfleet:
  configuration: configuration/
  templates: templates/
  account_index: {}
workers:
  FlakyShip:
    fan_out: ACCOUNT
    builtin: flaky
    options:
      fail_accounts: ['100000000003']
    batch_size: 1
  RetryShip:
    fan_out: ACCOUNT
    builtin: flaky
    options:
      fail_attempts: [1, 2]
    batch_size: 1
state: .drydock/
)",
                                                        index.string()));
      scratch.write("project/configuration/starfleet.yaml", k_configuration);
      flaky_template = scratch.write("project/templates/Flaky/all.yaml", k_template);
      retry_template = scratch.write("project/templates/Retry/all.yaml", k_template);
      cloud = {.project_dir = (scratch.path() / "project").string(),
               .regions = std::nullopt,
               .state_dir = (scratch.path() / "state").string(),
               .write_through = false};
    }

    cli::DispatchFlags flags(std::string format) const {
      cli::DispatchFlags flags;
      flags.cloud = cloud;
      flags.format = std::move(format);
      return flags;
    }
    Ran fanout(const std::string& worker, cli::DispatchFlags flags) const {
      cli::FanoutOptions options{
          .dispatch = std::move(flags),
          .worker = worker,
          .payload = (worker == "FlakyShip" ? flaky_template : retry_template).string()};
      return run(cli::run_fanout, options);
    }
  };

  bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
  }

  }  // namespace

  TEST_CASE("fanout --format junit: a case per message, the dead letter a failure naming its DLQ") {
    CiProject p;
    const Ran ran = p.fanout("FlakyShip", p.flags("junit"));
    CHECK_MESSAGE(ran.exit == 1, ran.err);  // dead letters: as for the text report
    CHECK(
        ran.out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"drydock fanout\" "
                            "tests=\"8\" failures=\"1\" errors=\"0\" skipped=\"0\""));
    CHECK(ran.out.ends_with("</testsuites>\n"));
    CHECK(contains(ran.out, R"(<testsuite name="Starbase" tests="1" failures="0")"));
    CHECK(contains(ran.out, R"(<testcase classname="Starbase" name="Flaky/all.yaml")"));
    CHECK(contains(ran.out, R"(<testsuite name="FlakyShip" tests="7" failures="1" errors="0" skipped="0")"));
    CHECK(contains(ran.out, R"(<property name="dlq" value="flaky-queue-dlq"/>)"));
    CHECK(contains(ran.out, R"(<testcase classname="FlakyShip" name="100000000002 EveryAccount" time=")"));
    CHECK(contains(ran.out, R"(<testcase classname="FlakyShip" name="100000000003 EveryAccount" time=")"));
    CHECK(contains(
        ran.out,
        R"(<failure message="dead-lettered in flaky-queue-dlq after 4 attempts: builtin ship &apos;flaky&apos;: 1 of 1 messages match its fail options)"));
    CHECK(contains(ran.out, "4 attempts (receive counts 1, 2, 3, 4)"));
    CHECK(contains(ran.out, "template: Flaky/all.yaml (" + p.flaky_template.string() + ")\n"));
    CHECK_FALSE(contains(ran.out, "FlakyShip (flaky-queue): 7 messages"));  // stdout is the report alone
  }

  TEST_CASE("fanout --format junit: messages that passed after retries pass, their retries in system-out") {
    CiProject p;
    const Ran ran = p.fanout("RetryShip", p.flags("junit"));
    CHECK_MESSAGE(ran.exit == 0, ran.err);
    CHECK(contains(ran.out, R"(<testsuite name="RetryShip" tests="7" failures="0" errors="0" skipped="0")"));
    CHECK(contains(ran.out, R"(<property name="failed_attempts" value="14"/>)"));
    CHECK(contains(ran.out,
                   "<system-out>succeeded after 3 attempts (2 retries); last failed attempt: builtin ship "
                   "&apos;flaky&apos;: 1 of 1 messages match its fail options"));
    CHECK_FALSE(contains(ran.out, "<failure"));
  }

  TEST_CASE("fanout --format github: an ::error per dead letter on the template's file, and a ::notice") {
    CiProject p;
    const Ran ran = p.fanout("FlakyShip", p.flags("github"));
    CHECK(ran.exit == 1);
    CHECK(ran.out.starts_with(
        "::error file=" + p.flaky_template.string() +
        ",title=FlakyShip 100000000003 EveryAccount::dead-lettered in flaky-queue-dlq after 4 "
        "attempts: builtin ship 'flaky': 1 of 1 messages match its fail options"));
    CHECK(ran.out.ends_with(
        "::notice title=drydock fanout::8 test cases: 7 passed, 1 failed, 0 still queued; 11 "
        "invocations, 4 failed attempts, 1 dead-lettered\n"));
  }

  TEST_CASE("--output FILE gets the report, atomically, and stdout the text report") {
    CiProject p;
    const auto file = p.scratch.path() / "reports" / "fanout.xml";
    std::filesystem::create_directories(file.parent_path());
    p.scratch.write("reports/fanout.xml", "an older report");
    auto flags = p.flags("junit");
    flags.output = file.string();
    const Ran ran = p.fanout("FlakyShip", flags);
    CHECK(ran.exit == 1);
    CHECK(contains(ran.out,
                   "FlakyShip (flaky-queue): 7 messages, 10 invocations: 6 succeeded, 4 failed attempts, "
                   "1 dead-lettered (in flaky-queue-dlq)\n"));
    const std::string report = test::read_file(file);
    CHECK(report.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    CHECK(contains(report, R"(<testsuite name="FlakyShip" tests="7" failures="1")"));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(file.parent_path())) {
      ++entries;
    }
    CHECK(entries == 1);  // no temp file left beside it

    SUBCASE("not with --format text") {
      auto text = p.flags("text");
      text.output = file.string();
      const Ran refused = p.fanout("FlakyShip", text);
      CHECK(refused.exit == 2);
      CHECK(contains(refused.err, "--output writes a json, junit or github report"));
    }
    SUBCASE("a directory that does not exist is an error, after the run") {
      auto missing = p.flags("junit");
      missing.output = (p.scratch.path() / "nowhere" / "report.xml").string();
      const Ran failed = p.fanout("FlakyShip", missing);
      CHECK(failed.exit == 2);
      CHECK(contains(failed.err, "cannot write the junit report"));
    }
  }

  TEST_CASE("drain --format junit reports the messages it ran") {
    CiProject p;
    auto stopped = p.flags("text");
    stopped.max_invocations = 1;  // the Starbase's one: the 7 messages stay queued
    REQUIRE(p.fanout("FlakyShip", stopped).exit == 1);
    const Ran drained =
        run(cli::run_drain, cli::DrainOptions{.dispatch = p.flags("junit"), .worker = std::nullopt});
    CHECK(drained.exit == 1);
    CHECK(drained.out.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"drydock drain\" "
        "tests=\"7\" failures=\"1\""));
    CHECK_FALSE(contains(drained.out, R"(<testsuite name="Starbase")"));  // it had nothing to do
    CHECK(contains(drained.out, R"(<testcase classname="FlakyShip" name="100000000003 EveryAccount")"));
  }

  TEST_CASE("run --format junit gives one test case: passed, failed, or refused") {
    CiProject p;
    cli::RunOptions options{.dispatch = p.flags("junit"),
                            .worker = "FlakyShip",
                            .payload = p.flaky_template.string(),
                            .account_id = "100000000002"};
    SUBCASE("the worker succeeds") {
      const Ran ran = run(cli::run_worker, options);
      CHECK_MESSAGE(ran.exit == 0, ran.err);
      CHECK(contains(ran.out, R"(<testsuites name="drydock run" tests="1" failures="0")"));
      CHECK(contains(ran.out, R"(<testcase classname="FlakyShip" name="100000000002 EveryAccount" time=")"));
      CHECK(contains(ran.err, "[🆗] Template OK: Executing worker: FlakyShip..."));  // stdout is the report
    }
    SUBCASE("the worker fails") {
      options.account_id = "100000000003";
      const Ran ran = run(cli::run_worker, options);
      CHECK(ran.exit == 1);
      CHECK(contains(ran.out, R"(<testsuites name="drydock run" tests="1" failures="1")"));
      CHECK(contains(ran.out, R"(<failure message="failed after 1 attempt: builtin ship &apos;flaky&apos;)"));
    }
    SUBCASE("the payload is refused: the account is not one the template targets") {
      options.account_id = "999999999999";
      const Ran ran = run(cli::run_worker, options);
      CHECK(ran.exit == 1);
      CHECK(contains(ran.out,
                     R"(<testcase classname="FlakyShip" name="999999999999 EveryAccount" time="0.000">)"));
      CHECK(contains(
          ran.out,
          R"(<failure message="refused: [🙅‍♂️] The account provided is not applicable for this template. Not doing anything." type="failed">)"));
    }
  }

  TEST_CASE(
      "dlq replay --format junit reports the replayed messages' run, and the replayed lines go to stderr") {
    CiProject p;
    REQUIRE(p.fanout("FlakyShip", p.flags("text")).exit == 1);
    cli::DlqReplayOptions options{.dispatch = p.flags("junit"), .arguments = {"FlakyShip"}, .all = true};
    const Ran replayed = run(cli::run_dlq_replay, options);
    CHECK(replayed.exit == 1);  // FlakyShip still fails there: dead-lettered again
    CHECK(contains(replayed.err, "from flaky-queue-dlq to flaky-queue (FlakyShip)"));
    CHECK(
        replayed.out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"drydock dlq "
                                 "replay\" tests=\"1\" failures=\"1\""));
    CHECK(contains(replayed.out, R"(<failure message="dead-lettered in flaky-queue-dlq after 4 attempts)"));

    const Ran empty =
        run(cli::run_dlq_replay,
            cli::DlqReplayOptions{.dispatch = p.flags("github"), .arguments = {"RetryShip"}, .all = true});
    CHECK(empty.exit == 0);
    CHECK(empty.err == "No dead letters to replay.\n");
    CHECK(empty.out ==
          "::notice title=drydock dlq replay::0 test cases: 0 passed, 0 failed, 0 still queued; 0 "
          "invocations, 0 failed attempts, 0 dead-lettered\n");
  }
}
