// `drydock dlq list|show|export|import|purge` on the retries fixture project: `drydock fanout` leaves
// one dead letter (FlakyShip fails account 100000000003), whose attempts the test records as the
// dispatcher does, then each command runs against the same state directory.

#include "cli/dlq/dlq_commands.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/dispatch_commands.hpp"
#include "emulator/history/attempt_history.hpp"
#include "emulator/sqs/sqs_service.hpp"
#include "tests/cli/dlq/command_run.hpp"
#include "tests/support/test_support.hpp"

using namespace drydock;
using namespace std::chrono_literals;

TEST_SUITE("cli/dlq") {
  namespace {

  using test::Ran;
  using test::run;

  // A state directory holding one dead letter of FlakyShip with two recorded failed attempts.
  struct DeadLetterFixture {
    test::ScratchDir scratch;
    cli::CloudFlags cloud{.project_dir = (test::source_dir() / "tests/cli/projects/retries").string(),
                          .regions = std::nullopt,
                          .state_dir = (scratch.path() / "state").string(),
                          .write_through = false};
    std::string id;
    std::string body;

    DeadLetterFixture() {
      cli::FanoutOptions fanout;
      fanout.dispatch.cloud = cloud;
      fanout.worker = "FlakyShip";
      fanout.payload = (test::source_dir() / "tests/cli/projects/retries/templates/Flaky/all.yaml").string();
      const Ran fanned = run(cli::run_fanout, fanout);
      REQUIRE_MESSAGE(fanned.exit == 1, fanned.err);  // 1: a message was dead-lettered
      const Ran listed =
          run(cli::run_dlq_list, cli::DlqListOptions{.cloud = cloud, .worker = {}, .format = "json"});
      const auto letters = nlohmann::json::parse(listed.out);
      REQUIRE(letters.size() == 1);
      id = letters[0]["id"].get<std::string>();
      record_attempts();
    }

    // The fan-out recorded the dead letter's four failed attempts; they are replaced with two known
    // ones (an exit status with a second line, an HTTP failure) for the display checks.
    void record_attempts() {
      auto store = emulator::StateStore::open(scratch.path() / "state");
      REQUIRE(store);
      emulator::VirtualClock clock(emulator::Instant(0ms));
      emulator::SqsService sqs(*store, clock);
      auto location = emulator::find_message(sqs, id);
      REQUIRE(location);
      REQUIRE(location->has_value());
      body = sqs.peek_messages((*location)->queue)->front().body;
      const auto recorded = emulator::AttemptHistory(*store).attempts_of((*location)->seq, id);
      REQUIRE(recorded);
      REQUIRE(recorded->size() == 4);
      CHECK(recorded->back().attempt == 4);
      CHECK(recorded->back().error.starts_with("builtin ship 'flaky'"));
      store->db().exec("DELETE FROM attempts");
      std::vector<emulator::FailedAttempt> attempts(2);
      for (int k = 0; k < 2; ++k) {
        auto& a = attempts[static_cast<std::size_t>(k)];
        a.seq = (*location)->seq;
        a.message_id = id;
        a.queue = "flaky-queue";
        a.function = "FlakyShip";
        a.attempt = k + 1;
        a.virtual_time = emulator::Instant(1'795'849'688'456ms + k * 300'000ms);
        a.wall_time = std::chrono::system_clock::time_point(1'795'849'688'000ms);
        a.error = k == 0 ? "exit status 1\nsecond line" : "HTTP 502";
        a.exit_code = k == 0 ? std::optional(1) : std::nullopt;
        a.http_status = k == 1 ? std::optional(502) : std::nullopt;
        a.error_payload = k == 1 ? std::optional<std::string>(R"({"errorMessage": "boom"})") : std::nullopt;
        a.output_tail = "Traceback: boom\n";
      }
      REQUIRE(emulator::AttemptHistory(*store).record(attempts));
    }

    Ran list(std::optional<std::string> worker = {}, std::string format = "json") const {
      return run(cli::run_dlq_list, cli::DlqListOptions{.cloud = cloud, .worker = worker, .format = format});
    }
    Ran show(const std::string& which, std::string format = "text") const {
      return run(cli::run_dlq_show, cli::DlqShowOptions{.cloud = cloud, .id = which, .format = format});
    }
    std::size_t dead_letters() const { return nlohmann::json::parse(list().out).size(); }
  };

  Ran purge(const DeadLetterFixture& f, cli::DlqPurgeOptions options, bool interactive,
            std::string answer = "") {
    options.cloud = f.cloud;
    std::istringstream in(answer);
    std::ostringstream out;
    std::ostringstream err;
    const int exit = cli::run_dlq_purge(options, in, interactive, out, err);
    return {exit, out.str(), err.str()};
  }

  }  // namespace

  TEST_CASE("dlq list shows each dead letter's target, attempts and last failure reason") {
    DeadLetterFixture f;
    SUBCASE("json, every DLQ") {
      const auto letters = nlohmann::json::parse(f.list().out);
      CHECK(letters == nlohmann::json::parse(R"([{"id": ")" + f.id + R"(", "queue": "flaky-queue-dlq",
          "worker": "FlakyShip", "account": "100000000003", "region": null, "template": "EveryAccount",
          "attempts": 2, "last_error": "HTTP 502"}])"));
    }
    SUBCASE("text, one worker's DLQ") {
      const Ran listed = f.list("FlakyShip", "text");
      CHECK(listed.exit == 0);
      CHECK(listed.out.find("LAST ERROR") != std::string::npos);
      CHECK(listed.out.find(f.id + "  FlakyShip") != std::string::npos);
      CHECK(listed.out.find("EveryAccount") != std::string::npos);
      CHECK(listed.out.find("HTTP 502") != std::string::npos);
    }
    SUBCASE("another worker's DLQ is empty") {
      CHECK(f.list("PythonShip").out == "[]\n");
      CHECK(f.list("Starbase", "text").out == "No dead letters.\n");
    }
    SUBCASE("an unknown worker is a usage error naming the known ones") {
      const Ran listed = f.list("NoSuchShip");
      CHECK(listed.exit == 2);
      CHECK(listed.out.empty());
      CHECK(listed.err.find("unknown worker 'NoSuchShip'") != std::string::npos);
      CHECK(listed.err.find("FlakyShip, PythonShip") != std::string::npos);
    }
  }

  TEST_CASE("dlq show prints the body, the attributes with ISO times, the source queue and every attempt") {
    DeadLetterFixture f;
    SUBCASE("text") {
      const Ran shown = f.show(f.id);
      CHECK(shown.exit == 0);
      CHECK(shown.out.find("Dead letter " + f.id + " in flaky-queue-dlq (FlakyShip)") != std::string::npos);
      CHECK(shown.out.find("Redriven from: arn:aws:sqs:us-east-2:100000000002:flaky-queue") !=
            std::string::npos);
      CHECK(shown.out.find("    \"TemplateName\": \"EveryAccount\",\n") != std::string::npos);  // indented
      CHECK(shown.out.find("SentTimestamp") != std::string::npos);
      CHECK(shown.out.find("Z)\n") != std::string::npos);  // an ISO time next to a timestamp
      CHECK(shown.out.find("Attempts: 2 recorded") != std::string::npos);
      CHECK(shown.out.find("#1 at 2026-11-28T07:08:08.456Z (virtual time") != std::string::npos);
      CHECK(shown.out.find("reason: exit status 1\n") != std::string::npos);
      CHECK(shown.out.find("| second line") != std::string::npos);
      CHECK(shown.out.find("exit code 1") != std::string::npos);
      CHECK(shown.out.find("HTTP status 502") != std::string::npos);
      CHECK(shown.out.find("| {\"errorMessage\": \"boom\"}") != std::string::npos);
      CHECK(shown.out.find("| Traceback: boom") != std::string::npos);
    }
    SUBCASE("json") {
      const auto shown = nlohmann::json::parse(f.show(f.id, "json").out);
      CHECK(shown["id"] == f.id);
      CHECK(shown["body"] == f.body);
      CHECK(shown["source_arn"] == "arn:aws:sqs:us-east-2:100000000002:flaky-queue");
      CHECK(shown["attributes"]["ApproximateReceiveCount"] == "4");
      CHECK(shown["attribute_times"]["SentTimestamp"].get<std::string>().ends_with("Z"));
      REQUIRE(shown["recorded_attempts"].size() == 2);
      CHECK(shown["recorded_attempts"][0]["reason"] == "exit status 1");
      CHECK(shown["recorded_attempts"][0]["exit_code"] == 1);
      CHECK(shown["recorded_attempts"][1]["http_status"] == 502);
      CHECK(shown["recorded_attempts"][1]["error_payload"] == R"({"errorMessage": "boom"})");
      CHECK(shown["recorded_attempts"][1]["signal"].is_null());
    }
    SUBCASE("an id no DLQ holds is an error naming it") {
      const Ran shown = f.show("0000-missing");
      CHECK(shown.exit == 2);
      CHECK(shown.out.empty());
      CHECK(shown.err.find("no dead letter has the id 0000-missing") != std::string::npos);
    }
  }

  TEST_CASE("dlq export writes bodies byte for byte and never overwrites without --force") {
    DeadLetterFixture f;
    const auto dir = f.scratch.path() / "exported" / "nested";
    cli::DlqExportOptions options{.cloud = f.cloud, .ids = {f.id}, .directory = dir.string(), .force = false};
    const Ran first = run(cli::run_dlq_export, options);
    CHECK(first.exit == 0);
    const auto file = dir / (f.id + ".json");
    CHECK(test::read_file(file) == f.body);

    std::filesystem::resize_file(file, 0);
    const Ran again = run(cli::run_dlq_export, options);
    CHECK(again.exit == 2);
    CHECK(again.err.find("already exists") != std::string::npos);
    CHECK(test::read_file(file).empty());

    options.force = true;
    CHECK(run(cli::run_dlq_export, options).exit == 0);
    CHECK(test::read_file(file) == f.body);

    SUBCASE("with an unknown id nothing is written") {
      const auto other = f.scratch.path() / "other";
      const Ran bad =
          run(cli::run_dlq_export,
              cli::DlqExportOptions{
                  .cloud = f.cloud, .ids = {f.id, "nope"}, .directory = other.string(), .force = false});
      CHECK(bad.exit == 2);
      CHECK(bad.err.find("nope") != std::string::npos);
      CHECK_FALSE(std::filesystem::exists(other));
    }
  }

  TEST_CASE("dlq import takes aws-cli receive-message JSON and plain bodies, all or nothing") {
    DeadLetterFixture f;
    const std::string aws_json = R"({"Messages": [
      {"MessageId": "prod-1", "ReceiptHandle": "AQEB", "MD5OfBody": "x",
       "Body": "{\"TemplateName\": \"Prod\", \"StarbaseAssignedAccount\": \"100000000005\"}",
       "Attributes": {"ApproximateReceiveCount": "4"},
       "MessageAttributes": {"Origin": {"StringValue": "prod", "DataType": "String"}}},
      {"MessageId": "prod-2", "Body": "plain text"}]})";
    const auto aws_file = f.scratch.write("in/received.json", aws_json);
    SUBCASE("into the worker given") {
      const Ran imported =
          run(cli::run_dlq_import,
              cli::DlqImportOptions{.cloud = f.cloud, .files = {aws_file.string()}, .worker = "FlakyShip"});
      CHECK(imported.exit == 0);
      CHECK(imported.out.find("Messages[0] (MessageId prod-1): imported as ") != std::string::npos);
      CHECK(imported.out.find("into flaky-queue-dlq (FlakyShip)") != std::string::npos);
      const auto letters = nlohmann::json::parse(f.list("FlakyShip").out);
      REQUIRE(letters.size() == 3);
      CHECK(letters[1]["account"] == "100000000005");
      CHECK(letters[1]["template"] == "Prod");
      CHECK(letters[1]["attempts"] == 0);
      CHECK(letters[1]["last_error"].is_null());
      const auto shown = nlohmann::json::parse(f.show(letters[1]["id"].get<std::string>(), "json").out);
      CHECK(shown["message_attributes"]["Origin"]["StringValue"] == "prod");
      CHECK(shown["source_arn"].is_null());
    }
    SUBCASE("the worker inferred from the body, when only one worker fans out its kind") {
      const auto single = f.scratch.write("in/single.json", R"({"TemplateName": "Once"})");
      const Ran imported =
          run(cli::run_dlq_import,
              cli::DlqImportOptions{.cloud = f.cloud, .files = {single.string()}, .worker = {}});
      CHECK(imported.exit == 2);  // no SINGLE_INVOCATION worker in this project
      CHECK(imported.err.find("no worker of the project fans out SINGLE_INVOCATION") != std::string::npos);
      const auto fanout = f.scratch.write(
          "in/fanout.json", R"({"worker_ship": "FlakyShip", "template_prefix": "Flaky/all.yaml"})");
      const Ran starbase =
          run(cli::run_dlq_import,
              cli::DlqImportOptions{.cloud = f.cloud, .files = {fanout.string()}, .worker = {}});
      CHECK(starbase.exit == 0);
      const auto letters = nlohmann::json::parse(f.list("Starbase").out);
      REQUIRE(letters.size() == 1);
      CHECK(letters[0]["template"] == "Flaky/all.yaml");
    }
    SUBCASE("a body SQS refuses or a file that cannot be read imports nothing, not even the good ones") {
      const auto refused = f.scratch.write("in/refused.txt", std::string("bad \x01 byte"));
      const Ran bad = run(cli::run_dlq_import,
                          cli::DlqImportOptions{.cloud = f.cloud,
                                                .files = {aws_file.string(), refused.string(),
                                                          (f.scratch.path() / "missing.json").string()},
                                                .worker = "FlakyShip"});
      CHECK(bad.exit == 2);
      CHECK(bad.err.find("refused.txt: InvalidMessageContents") != std::string::npos);
      CHECK(bad.err.find("missing.json: cannot read the file") != std::string::npos);
      CHECK(bad.err.find("nothing was imported") != std::string::npos);
      CHECK(bad.out.empty());
      CHECK(f.dead_letters() == 1);
    }
    SUBCASE("a body that could be for several workers needs --worker") {
      const Ran bad =
          run(cli::run_dlq_import,
              cli::DlqImportOptions{.cloud = f.cloud, .files = {aws_file.string()}, .worker = {}});
      CHECK(bad.exit == 2);
      CHECK(bad.err.find("Messages[0] (MessageId prod-1): 2 workers fan out ACCOUNT messages like this one "
                         "(FlakyShip, PythonShip); give --worker") != std::string::npos);
      CHECK(bad.err.find("Messages[1] (MessageId prod-2): the body is not a JSON object") !=
            std::string::npos);
      CHECK(f.dead_letters() == 1);
    }
    SUBCASE("aws-cli JSON without messages is an error") {
      const auto empty = f.scratch.write("in/empty.json", R"({"Messages": []})");
      const Ran bad =
          run(cli::run_dlq_import,
              cli::DlqImportOptions{.cloud = f.cloud, .files = {empty.string()}, .worker = "FlakyShip"});
      CHECK(bad.exit == 2);
      CHECK(bad.err.find("\"Messages\" must be a non-empty list") != std::string::npos);
    }
  }

  TEST_CASE("dlq purge asks on a terminal, refuses without one, and deletes all or nothing") {
    DeadLetterFixture f;
    SUBCASE("stdin not a terminal and no --yes: refused, nothing deleted") {
      const Ran refused = purge(f, {.cloud = {}, .arguments = {f.id}, .all = false, .yes = false}, false);
      CHECK(refused.exit == 2);
      CHECK(refused.err.find("stdin is not a terminal (give --yes)") != std::string::npos);
      CHECK(f.dead_letters() == 1);
    }
    SUBCASE("a terminal answering no: nothing deleted") {
      const Ran declined = purge(f, {.cloud = {}, .arguments = {}, .all = true, .yes = false}, true, "n\n");
      CHECK(declined.exit == 1);
      CHECK(declined.err.find("Delete 1 dead letter from flaky-queue-dlq?") != std::string::npos);
      CHECK(f.dead_letters() == 1);
    }
    SUBCASE("a terminal answering yes: deleted, with its history") {
      const Ran purged =
          purge(f, {.cloud = {}, .arguments = {f.id, "FlakyShip"}, .all = false, .yes = false}, true, "y\n");
      CHECK(purged.exit == 0);
      CHECK(purged.out.find("1 dead letter deleted.") != std::string::npos);
      CHECK(f.dead_letters() == 0);
      auto store = emulator::StateStore::open(f.scratch.path() / "state");
      REQUIRE(store);
      auto& count = store->db().statement("SELECT count(*) FROM attempts");
      REQUIRE(count.step());
      CHECK(count.column_int(0) == 0);
      store->db().release_statements();
    }
    SUBCASE("an unknown id among known ones: an error naming it, nothing deleted") {
      const Ran bad =
          purge(f, {.cloud = {}, .arguments = {f.id, "nope-1", "nope-2"}, .all = false, .yes = true}, false);
      CHECK(bad.exit == 2);
      CHECK(bad.err.find("no dead letter has the ids nope-1, nope-2") != std::string::npos);
      CHECK(f.dead_letters() == 1);
    }
    SUBCASE("--all of another worker's DLQ leaves this one") {
      const Ran other = purge(f, {.cloud = {}, .arguments = {"PythonShip"}, .all = true, .yes = true}, false);
      CHECK(other.exit == 0);
      CHECK(other.out == "No dead letters to purge.\n");
      CHECK(f.dead_letters() == 1);
    }
    SUBCASE("neither ids nor --all, or both, is a usage error") {
      CHECK(purge(f, {.cloud = {}, .arguments = {}, .all = false, .yes = true}, false).exit == 2);
      CHECK(purge(f, {.cloud = {}, .arguments = {f.id}, .all = true, .yes = true}, false).exit == 2);
      CHECK(f.dead_letters() == 1);
    }
  }
}
