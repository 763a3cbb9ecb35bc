// `drydock dlq replay` and `drydock run --from-dlq` on the retries fixture project: a fan-out leaves
// one dead letter (account 100000000003) of FlakyShip (builtin, fails it by configuration) or of
// PythonShip (a command worker failing the accounts in $FAIL_ACCOUNTS, which the test switches off
// between the fan-out and the replay: the "fix").

#include <doctest/doctest.h>
#include <stdlib.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/dispatch_commands.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "cli/run_command.hpp"
#include "emulator/history/attempt_history.hpp"
#include "emulator/sqs/sqs_service.hpp"
#include "tests/cli/dlq/command_run.hpp"
#include "tests/support/test_support.hpp"

using namespace drydock;

TEST_SUITE("cli/dlq") {
  namespace {

  using test::Ran;
  using test::run;

  // Sets an environment variable for the scope's life (the command worker inherits Drydock's).
  class ScopedEnv {
   public:
    ScopedEnv(const char* name, const std::string& value) : m_name(name) { ::setenv(name, value.c_str(), 1); }
    ~ScopedEnv() { ::unsetenv(m_name); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

   private:
    const char* m_name;
  };

  // One dead letter of `worker` in a fresh state directory.
  struct ReplayFixture {
    test::ScratchDir scratch;
    std::filesystem::path project = test::source_dir() / "tests/cli/projects/retries";
    cli::CloudFlags cloud{.project_dir = project.string(),
                          .regions = std::nullopt,
                          .state_dir = (scratch.path() / "state").string(),
                          .write_through = false};
    std::string worker;
    std::string id;
    std::string body;

    explicit ReplayFixture(std::string ship) : worker(std::move(ship)) {
      const ScopedEnv fail("FAIL_ACCOUNTS", "100000000003");  // PythonShip's failure, on for the fan-out
      const ScopedEnv no_bytecode("PYTHONDONTWRITEBYTECODE", "1");
      cli::FanoutOptions fanout;
      fanout.dispatch.cloud = cloud;
      fanout.worker = worker;
      fanout.payload =
          (project / "templates" / (worker == "FlakyShip" ? "Flaky" : "Python") / "all.yaml").string();
      const Ran fanned = run(cli::run_fanout, fanout);
      REQUIRE_MESSAGE(fanned.exit == 1, fanned.err);  // 1: a message was dead-lettered
      const auto letters = list();
      REQUIRE(letters.size() == 1);
      id = letters[0]["id"].get<std::string>();
      body = show()["body"].get<std::string>();
    }

    nlohmann::json list() const {
      const Ran listed =
          run(cli::run_dlq_list, cli::DlqListOptions{.cloud = cloud, .worker = worker, .format = "json"});
      REQUIRE(listed.exit == 0);
      return nlohmann::json::parse(listed.out);
    }
    nlohmann::json show() const {
      const Ran shown =
          run(cli::run_dlq_show, cli::DlqShowOptions{.cloud = cloud, .id = id, .format = "json"});
      REQUIRE_MESSAGE(shown.exit == 0, shown.err);
      return nlohmann::json::parse(shown.out);
    }
    Ran replay(cli::DlqReplayOptions options) const {
      options.dispatch.cloud = cloud;
      const ScopedEnv no_bytecode("PYTHONDONTWRITEBYTECODE", "1");
      return run(cli::run_dlq_replay, options);
    }
    // The worker's queue, counted as `drydock queues` counts it.
    std::size_t queued() const {
      auto store = emulator::StateStore::open(scratch.path() / "state");
      REQUIRE(store);
      emulator::VirtualClock clock(emulator::Instant(std::chrono::milliseconds(0)));
      emulator::SqsService sqs(*store, clock);
      return sqs.peek_messages(worker == "FlakyShip" ? "flaky-queue" : "python-queue")->size();
    }
  };

  cli::DlqReplayOptions ids(std::vector<std::string> arguments) {
    cli::DlqReplayOptions options;
    options.arguments = std::move(arguments);
    return options;
  }

  }  // namespace

  TEST_CASE("dlq replay after the worker is fixed succeeds and empties the DLQ") {
    ReplayFixture f("PythonShip");
    const std::size_t recorded = f.show()["recorded_attempts"].size();
    cli::DlqReplayOptions options;
    options.all = true;
    options.arguments = {"PythonShip"};
    SUBCASE("still broken: dead-lettered again, with the new attempts added to its history") {
      const ScopedEnv fail("FAIL_ACCOUNTS", "100000000003");
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 1);
      CHECK(replayed.out.find("replayed " + f.id + " from python-queue-dlq to python-queue (PythonShip)") !=
            std::string::npos);
      CHECK(replayed.out.find("1 dead-lettered") != std::string::npos);
      const auto shown = f.show();
      CHECK(shown["attributes"]["ApproximateReceiveCount"] == "4");  // counted again from 0
      CHECK(shown["recorded_attempts"].size() == recorded + 4);      // the history followed it
    }
    SUBCASE("fixed (FAIL_ACCOUNTS unset): it succeeds and nothing is left") {
      const Ran replayed = f.replay(options);
      CHECK_MESSAGE(replayed.exit == 0, replayed.err);
      CHECK(replayed.out.find("PythonShip (python-queue): 1 message, 1 invocation: 1 succeeded") !=
            std::string::npos);
      CHECK(f.list().empty());
      CHECK(f.queued() == 0);
    }
  }

  TEST_CASE("dlq replay of ids that do not exist names them and changes nothing") {
    ReplayFixture f("FlakyShip");
    const Ran replayed = f.replay(ids({f.id, "0000-missing"}));
    CHECK(replayed.exit == 2);
    CHECK(replayed.err.find("no dead letter has the id 0000-missing") != std::string::npos);
    CHECK(replayed.err.find("nothing was changed") != std::string::npos);
    CHECK(replayed.out.find("replayed") == std::string::npos);
    CHECK(f.list().size() == 1);
    CHECK(f.queued() == 0);
  }

  TEST_CASE("dlq replay --dry-run says what would move and changes nothing") {
    ReplayFixture f("FlakyShip");
    auto options = ids({f.id});
    options.dry_run = true;
    const Ran replayed = f.replay(options);
    CHECK(replayed.exit == 0);
    CHECK(replayed.out.find("would replay " + f.id + " from flaky-queue-dlq to flaky-queue (FlakyShip)") !=
          std::string::npos);
    CHECK(replayed.out.find("nothing was moved") != std::string::npos);
    CHECK(f.list().size() == 1);
    CHECK(f.show()["attributes"]["ApproximateReceiveCount"] == "4");
    CHECK(f.queued() == 0);
  }

  TEST_CASE("dlq replay --payload checks the new body first and replays it") {
    ReplayFixture f("FlakyShip");
    auto options = ids({f.id});
    SUBCASE("a body that is not a valid template is refused with its positions, and nothing moves") {
      options.payload = f.scratch
                            .write("bad.json",
                                   "{\"TemplateName\": \"EveryAccount\", \"TemplateDescription\": \"d\",\n"
                                   " \"IncludeAccounts\": {\"AllAccounts\": \"maybe\"}}")
                            .string();
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 2);
      CHECK(replayed.err.find("bad.json:2:") != std::string::npos);
      CHECK(replayed.err.find("IncludeAccounts.AllAccounts: Not a valid boolean.") != std::string::npos);
      CHECK(replayed.err.find("nothing was moved") != std::string::npos);
    }
    SUBCASE("a body that is not JSON is refused at its line and column") {
      options.payload = f.scratch.write("bad.json", "{\"TemplateName\": \"x\",\n ,}").string();
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 2);
      CHECK(replayed.err.find("bad.json:2:2: error: the body is not JSON") != std::string::npos);
    }
    SUBCASE("a body SQS would refuse") {
      options.payload = f.scratch.write("bad.json", std::string("{\"a\": \"\x01\"}")).string();
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 2);
      CHECK(replayed.err.find("InvalidMessageContents") != std::string::npos);
    }
    SUBCASE("--payload needs exactly one id") {
      options.arguments = {f.id, f.id + "x"};
      options.payload = "any.json";
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 2);
      CHECK(replayed.err.find("give exactly one id") != std::string::npos);
    }
    CHECK(f.list().size() == 1);
    CHECK(f.show()["body"] == f.body);
    CHECK(f.queued() == 0);
  }

  TEST_CASE("dlq replay --payload with a fixed body delivers the new body") {
    ReplayFixture f("FlakyShip");
    auto options = ids({f.id});
    // FlakyShip fails 100000000003: the "fix" sends the payload to another account.
    std::string fixed = f.body;
    fixed.replace(fixed.find("100000000003"), 12, "100000000004");
    options.payload = f.scratch.write("fixed.json", fixed).string();
    const Ran replayed = f.replay(options);
    CHECK_MESSAGE(replayed.exit == 0, replayed.err);
    CHECK(replayed.out.find("1 succeeded") != std::string::npos);
    CHECK(f.list().empty());
  }

  TEST_CASE("dlq replay --edit runs $EDITOR on the body and replays what it saved") {
    ReplayFixture f("FlakyShip");
    auto options = ids({f.id});
    options.edit = true;
    SUBCASE("an editor that changes nothing gives up") {
      const ScopedEnv editor("EDITOR", "true");
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 1);
      CHECK(replayed.err.find("was not changed; nothing was replayed") != std::string::npos);
      CHECK(f.list().size() == 1);
    }
    SUBCASE("an editor that empties the file gives up") {
      const ScopedEnv editor("EDITOR", "cp /dev/null");
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 1);
      CHECK(replayed.err.find("is empty; nothing was replayed") != std::string::npos);
      CHECK(f.list().size() == 1);
    }
    SUBCASE("an editor that saves a broken body: refused, and the edit is kept") {
      const auto broken = f.scratch.write("broken.json", "{\"TemplateName\": ");
      const ScopedEnv editor("EDITOR", "cp " + broken.string());
      const Ran replayed = f.replay(options);
      CHECK(replayed.exit == 2);
      CHECK(replayed.err.find("the edit is kept in") != std::string::npos);
      CHECK(f.list().size() == 1);
    }
    SUBCASE("an editor that saves a fixed body (VISUAL when EDITOR is unset)") {
      std::string fixed = f.body;
      fixed.replace(fixed.find("100000000003"), 12, "100000000005");
      const auto saved = f.scratch.write("fixed.json", fixed);
      ::unsetenv("EDITOR");
      const ScopedEnv visual("VISUAL", "cp " + saved.string());
      const Ran replayed = f.replay(options);
      CHECK_MESSAGE(replayed.exit == 0, replayed.err);
      CHECK(f.list().empty());
    }
  }

  TEST_CASE("run --from-dlq runs the dead letter's body through its worker and leaves it in the DLQ") {
    SUBCASE("a builtin worker that still fails it") {
      ReplayFixture f("FlakyShip");
      cli::RunOptions options;
      options.dispatch.cloud = f.cloud;
      options.from_dlq = f.id;
      const Ran ran = run(cli::run_worker, options);
      CHECK(ran.exit == 1);
      CHECK(ran.out.find("Running dead letter " + f.id + " (from flaky-queue-dlq) through FlakyShip") !=
            std::string::npos);
      CHECK(ran.err.find("FlakyShip failed: builtin ship 'flaky'") != std::string::npos);
      CHECK(f.list().size() == 1);
      CHECK(f.show()["attributes"]["ApproximateReceiveCount"] == "4");
    }
    SUBCASE("a fixed command worker succeeds; its output went to the terminal, not the report") {
      ReplayFixture f("PythonShip");
      cli::RunOptions options;
      options.dispatch.cloud = f.cloud;
      options.from_dlq = f.id;
      const ScopedEnv no_bytecode("PYTHONDONTWRITEBYTECODE", "1");
      const Ran ran = run(cli::run_worker, options);
      CHECK_MESSAGE(ran.exit == 0, ran.err);
      CHECK(ran.out.find("[✅] PythonShip succeeded") != std::string::npos);
      CHECK(ran.out.find("EveryAccount: done for 100000000003") == std::string::npos);  // not captured
      CHECK(f.list().size() == 1);
    }
    SUBCASE("an id no DLQ holds, and a WORKER that is not the dead letter's") {
      ReplayFixture f("FlakyShip");
      cli::RunOptions options;
      options.dispatch.cloud = f.cloud;
      options.from_dlq = "0000-missing";
      CHECK(run(cli::run_worker, options).err.find("no dead letter has the id 0000-missing") !=
            std::string::npos);
      options.from_dlq = f.id;
      options.worker = "PythonShip";
      const Ran ran = run(cli::run_worker, options);
      CHECK(ran.exit == 2);
      CHECK(ran.err.find("belongs to FlakyShip") != std::string::npos);
    }
  }
}
