// How the dispatcher drives its mappings: concurrency without changing outcomes, batches larger than
// one ReceiveMessage, messages that one function sends to another's queue, the runaway guards, the
// progress callback and what each invocation is told.

#include <doctest/doctest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <set>

#include "emulator/lambda/dispatcher.hpp"
#include "tests/emulator/lambda/dispatcher_fixture.hpp"

using drydock::emulator::Dispatcher;
using drydock::emulator::DispatcherOptions;
using drydock::emulator::DispatchLimit;
using drydock::emulator::DispatchProgress;
using drydock::emulator::DispatchReport;
using drydock::emulator::DispatchTotals;
using drydock::emulator::MessageOutcome;
using drydock::emulator::SqsService;
using drydock::emulator::StateStore;
using drydock::test::DispatcherFixture;
using drydock::test::FakeTransport;
using drydock::test::RecordedCall;
using namespace std::chrono_literals;

namespace {

// Bodies "fail…" always fail; "flaky<N>…" fail until their N-th receive; the rest succeed. A batch fails
// when any of its messages does.
drydock::workers::InvocationResult by_body(const RecordedCall& call) {
  for (const auto& record : call.records) {
    if (record.body.starts_with("fail")) {
      return drydock::test::failed("exit status 1");
    }
    if (record.body.starts_with("flaky") && record.receive_count < record.body[5] - '0') {
      return drydock::test::failed("exit status 2");
    }
  }
  return drydock::test::succeeded();
}

struct ConcurrencyRun {
  std::map<std::string, std::pair<MessageOutcome, int>> outcomes;  // body → (outcome, attempts)
  DispatchTotals totals;
  int max_in_flight = 0;
  drydock::emulator::Instant::duration virtual_time{};
};

// 16 messages, batch size 1, maxReceiveCount 3: some succeed, some need retries, some dead-letter.
ConcurrencyRun run_with_concurrency(int concurrency) {
  DispatcherFixture f;
  f.create_with_dlq("q", 3);
  std::map<std::string, std::string> bodies;  // message id → body
  for (int i = 0; i < 16; ++i) {
    const std::string n = std::to_string(i);
    const std::string body = i % 5 == 0   ? "fail-" + n
                             : i % 3 == 0 ? "flaky" + std::to_string(i % 4 + 1) + "-" + n
                                          : "ok-" + n;
    bodies[f.send("q", body)] = body;
  }
  FakeTransport worker(by_body);
  if (concurrency > 1) {
    worker.require_overlap(concurrency);
  }
  Dispatcher dispatcher(f.sqs, f.clock);
  REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 1, .concurrency = concurrency})));
  const auto start = f.clock.now();
  const auto report = f.run(dispatcher);
  ConcurrencyRun run{.totals = report.totals,
                     .max_in_flight = worker.max_in_flight(),
                     .virtual_time = f.clock.now() - start};
  report.mappings.at(0).messages.for_each([&](const drydock::emulator::MessageRecord& record) {
    run.outcomes[bodies.at(record.message_id)] = {record.outcome, record.attempts()};
  });
  return run;
}

// Everything a report says except the wall time, one line per message, for comparing two runs.
std::string describe(const DispatchReport& report) {
  std::string text =
      fmt::format("virtual {} ms, limit {}\n", (report.finished_at - report.started_at).count(),
                  report.limit_hit.has_value());
  for (const auto& mapping : report.mappings) {
    const auto& t = mapping.totals;
    text += fmt::format("{} → {}: {} invocations, {} succeeded, {} failed attempts, {} dead-lettered\n",
                        mapping.queue_name, mapping.function_name, t.invocations, t.succeeded,
                        t.failed_attempts, t.dead_lettered);
    std::vector<std::string> lines;  // by message id: the order messages were first seen may differ
    mapping.messages.for_each([&](const drydock::emulator::MessageRecord& record) {
      lines.push_back(fmt::format("  {} {}/{} {} counts {} first {} last {} error '{}'\n", record.message_id,
                                  record.account.value_or("?"), record.region.value_or("?"),
                                  drydock::emulator::to_string(record.outcome),
                                  fmt::join(record.receive_counts, ","),
                                  record.first_attempt->time_since_epoch().count(),
                                  record.last_attempt->time_since_epoch().count(), record.last_error));
    });
    std::sort(lines.begin(), lines.end());
    text += fmt::format("{}", fmt::join(lines, ""));
  }
  const auto& t = report.totals;
  text += fmt::format("total {} {} {} {}\n", t.invocations, t.succeeded, t.failed_attempts, t.dead_lettered);
  return text;
}

struct PrefetchRun {
  std::string report;
  std::multiset<std::string> batches;  // "queue: body@count body@count", one per invocation
};

// 120 messages for 12 accounts on q (batch 2, concurrency 1, maxReceiveCount 3), whose function sends 2
// messages to r (batch 2, concurrency 3) for every 4th one, through its own connection as the Starbase
// does. Accounts ≡ 0 (mod 5) always fail and dead-letter; accounts ≡ 1 (mod 5) fail their first receive.
PrefetchRun run_with_prefetch(int prefetch) {
  DispatcherFixture f;
  f.create_with_dlq("q", 3);
  f.create_with_dlq("r", 3);
  const auto body = [](int n, int account) {
    return nlohmann::json{{"StarbaseAssignedAccount", fmt::format("1000000000{:02}", account)},
                          {"StarbaseAssignedRegion", "us-east-1"},
                          {"n", n}}
        .dump();
  };
  for (int n = 0; n < 120; ++n) {
    f.send("q", body(n, n % 12));
  }
  StateStore other_store = DispatcherFixture::open_store(f.scratch.path() / ".drydock");
  SqsService other(other_store, f.clock, {.seed = 7});
  std::mutex other_mutex;
  std::mutex batches_mutex;
  PrefetchRun run;
  const auto flaky = [&](const std::string& queue, const RecordedCall& call) {
    std::string batch = queue + ":";
    bool fails = false;
    for (const auto& record : call.records) {
      batch += fmt::format(" {}@{}", record.body, record.receive_count);
      const auto parsed = nlohmann::json::parse(record.body);
      const int account = std::stoi(parsed.at("StarbaseAssignedAccount").get<std::string>().substr(10));
      fails = fails || account % 5 == 0 || (account % 5 == 1 && record.receive_count < 2);
      if (queue == "q" && parsed.at("n").get<int>() % 4 == 0) {
        const std::scoped_lock lock(other_mutex);
        for (int k = 0; k < 2; ++k) {
          REQUIRE(
              other.send_message("r", {.body = body(1000 + parsed.at("n").get<int>() * 2 + k, account + k)}));
        }
      }
    }
    const std::scoped_lock lock(batches_mutex);
    run.batches.insert(batch);
    return fails ? drydock::test::failed("exit status 1") : drydock::test::succeeded();
  };
  FakeTransport q_worker([&](const RecordedCall& call) { return flaky("q", call); });
  FakeTransport r_worker([&](const RecordedCall& call) { return flaky("r", call); });
  Dispatcher dispatcher(f.sqs, f.clock, DispatcherOptions{.prefetch = prefetch, .seed = 3});
  REQUIRE(dispatcher.add_mapping(f.mapping("q", q_worker, {.batch_size = 2})));
  REQUIRE(dispatcher.add_mapping(f.mapping("r", r_worker, {.batch_size = 2, .concurrency = 3})));
  run.report = describe(f.run(dispatcher));
  return run;
}

}  // namespace

TEST_SUITE("emulator/lambda") {
  TEST_CASE("concurrency 4 runs invocations at once and gives the same outcomes as concurrency 1") {
    const ConcurrencyRun serial = run_with_concurrency(1);
    const ConcurrencyRun parallel = run_with_concurrency(4);
    CHECK(serial.max_in_flight == 1);
    CHECK(parallel.max_in_flight == 4);
    CHECK(parallel.outcomes == serial.outcomes);
    CHECK(parallel.totals == serial.totals);
    CHECK(parallel.virtual_time == serial.virtual_time);
    CHECK(serial.outcomes.size() == 16);
    CHECK(serial.outcomes.at("fail-0") == std::pair{MessageOutcome::dead_lettered, 3});
    CHECK(serial.outcomes.at("flaky4-3") == std::pair{MessageOutcome::dead_lettered, 3});
    CHECK(serial.outcomes.at("flaky3-6") == std::pair{MessageOutcome::succeeded, 3});
    CHECK(serial.outcomes.at("flaky2-9") == std::pair{MessageOutcome::succeeded, 2});
    CHECK(serial.outcomes.at("flaky1-12") == std::pair{MessageOutcome::succeeded, 1});
    CHECK(serial.outcomes.at("ok-1") == std::pair{MessageOutcome::succeeded, 1});
    CHECK(serial.totals.dead_lettered == 5);  // fail-0, -5, -10, -15 and flaky4-3
  }

  TEST_CASE("a batch size of 25 is received in several ReceiveMessage calls and delivered whole") {
    DispatcherFixture f;
    f.create_with_dlq("q");
    for (int i = 0; i < 60; ++i) {
      f.send("q", "m" + std::to_string(i));
    }
    FakeTransport worker([](const RecordedCall&) { return drydock::test::succeeded(); });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 25})));

    const auto report = f.run(dispatcher);

    CHECK(worker.batch_sizes() == std::vector<std::size_t>{25, 25, 10});
    CHECK(report.totals == DispatchTotals{.invocations = 3, .succeeded = 60});
    CHECK(f.ids_in("q").empty());
  }

  TEST_CASE("messages an invocation sends to another mapped queue are followed until idle") {
    DispatcherFixture f;
    f.create_with_dlq("fanout");
    f.create_with_dlq("worker");
    f.send("fanout", R"({"worker_ship": "W", "template_prefix": "t.yaml"})");
    // The fan-out function writes through its own connection, as a Starbase transport would: the
    // dispatcher's SqsService is not thread-safe.
    StateStore second_store = DispatcherFixture::open_store(f.scratch.path() / ".drydock");
    SqsService second(second_store, f.clock, {.seed = 7});
    FakeTransport starbase([&](const RecordedCall&) {
      for (const char* region : {"us-east-1", "eu-west-1"}) {
        const std::string body = std::string(R"({"StarbaseAssignedAccount": "123456789012", )") +
                                 R"("StarbaseAssignedRegion": ")" + region + R"("})";
        if (!second.send_message("worker", {.body = body})) {
          return drydock::test::failed("send failed");
        }
      }
      return drydock::test::succeeded();
    });
    FakeTransport worker([](const RecordedCall& call) {
      return call.has_body(
                 R"({"StarbaseAssignedAccount": "123456789012", "StarbaseAssignedRegion": "eu-west-1"})")
                 ? drydock::test::failed("exit status 1")
                 : drydock::test::succeeded();
    });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("fanout", starbase, {.batch_size = 1})));
    REQUIRE(dispatcher.add_mapping(f.mapping("worker", worker, {.batch_size = 1})));

    const auto report = f.run(dispatcher);

    CHECK(starbase.calls().size() == 1);
    CHECK(worker.calls().size() == 5);  // us-east-1 once, eu-west-1 four times
    REQUIRE(report.mappings.size() == 2);
    CHECK(report.mappings[0].totals == DispatchTotals{.invocations = 1, .succeeded = 1});
    CHECK(report.mappings[1].totals ==
          DispatchTotals{.invocations = 5, .succeeded = 1, .failed_attempts = 4, .dead_lettered = 1});
    std::set<std::tuple<std::string, std::string, MessageOutcome>> grid;
    report.mappings[1].messages.for_each([&](const drydock::emulator::MessageRecord& record) {
      grid.emplace(record.account.value_or("?"), record.region.value_or("?"), record.outcome);
    });
    CHECK(grid == std::set<std::tuple<std::string, std::string, MessageOutcome>>{
                      {"123456789012", "eu-west-1", MessageOutcome::dead_lettered},
                      {"123456789012", "us-east-1", MessageOutcome::succeeded}});
    CHECK(f.ids_in("fanout").empty());
    CHECK(f.ids_in("worker").empty());
  }

  TEST_CASE("max_invocations stops a run that would go on, and says so") {
    DispatcherFixture f;
    REQUIRE(f.sqs.create_queue({.name = "q", .visibility_timeout = 300s}));  // no DLQ: retried for days
    const std::string id = f.send("q", "fail");
    FakeTransport worker(by_body);
    Dispatcher dispatcher(f.sqs, f.clock, DispatcherOptions{.max_invocations = 3});
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));

    const auto report = f.run(dispatcher);

    CHECK(report.limit_hit == DispatchLimit::max_invocations);
    CHECK(report.totals.invocations == 3);
    CHECK(f.record(report, "q", id).outcome == MessageOutcome::pending);
    CHECK(f.record(report, "q", id).receive_counts == std::vector<int>{1, 2, 3});
    CHECK(f.ids_in("q") == std::vector<std::string>{id});
  }

  TEST_CASE("a run that ends exactly at max_invocations did not hit the limit") {
    DispatcherFixture f;
    f.create_with_dlq("q");
    f.send("q", "ok");
    FakeTransport worker(by_body);
    Dispatcher dispatcher(f.sqs, f.clock, DispatcherOptions{.max_invocations = 1});
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));
    CHECK_FALSE(f.run(dispatcher).limit_hit);
  }

  TEST_CASE("max_virtual_time stops a run before the clock passes it") {
    DispatcherFixture f;
    f.create_with_dlq("q", 4);
    const auto start = f.clock.now();
    const std::string id = f.send("q", "fail");
    FakeTransport worker(by_body);
    Dispatcher dispatcher(f.sqs, f.clock, DispatcherOptions{.max_virtual_time = 10min});
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));

    const auto report = f.run(dispatcher);

    CHECK(report.limit_hit == DispatchLimit::max_virtual_time);
    CHECK(f.record(report, "q", id).receive_counts == std::vector<int>{1, 2, 3});  // at 0, 300 and 600 s
    CHECK(f.record(report, "q", id).outcome == MessageOutcome::pending);
    CHECK(f.elapsed_since(start) == 600s);
  }

  TEST_CASE("progress is reported after every invocation with running totals, and once at the end") {
    DispatcherFixture f;
    f.create_with_dlq("q", 2);
    f.send("q", "fail");
    std::vector<DispatchProgress> seen;
    // `function` views the mapping's name, which lives as long as the dispatcher.
    DispatcherOptions options{
        .on_progress = [&](const DispatchProgress& progress) { seen.push_back(progress); }};
    FakeTransport worker(by_body);
    Dispatcher dispatcher(f.sqs, f.clock, options);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));

    f.run(dispatcher);

    REQUIRE(seen.size() == 3);
    CHECK(seen[0].totals == DispatchTotals{.invocations = 1, .failed_attempts = 1});
    CHECK(seen[0].function == "q-function");
    CHECK_FALSE(seen[0].finished);
    CHECK(seen[1].totals == DispatchTotals{.invocations = 2, .failed_attempts = 2});
    CHECK(seen[2].finished);
    CHECK(seen[2].totals == DispatchTotals{.invocations = 2, .failed_attempts = 2, .dead_lettered = 1});
  }

  TEST_CASE("each invocation is told its function, region, account, timeout and a fresh request id") {
    DispatcherFixture f;
    f.create_with_dlq("q");
    f.send("q", "a");
    f.send("q", "b");
    FakeTransport worker([](const RecordedCall&) { return drydock::test::succeeded(); });
    Dispatcher dispatcher(f.sqs, f.clock, DispatcherOptions{.seed = 1, .commit = "true"});
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 1, .function_timeout = 120s})));

    f.run(dispatcher);

    const auto calls = worker.calls();
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].context.function_name == "q-function");
    CHECK(calls[0].context.region == "us-east-1");
    CHECK(calls[0].context.account_id == "123456789012");
    CHECK(calls[0].context.timeout == 120s);
    CHECK(calls[0].context.commit == "true");
    CHECK(calls[0].context.request_id.size() == 36);
    CHECK(calls[0].context.request_id != calls[1].context.request_id);
    CHECK(calls[0].event.at("Records")[0].at("eventSourceARN") == "arn:aws:sqs:us-east-1:123456789012:q");
    CHECK(calls[0].event.at("Records")[0].at("awsRegion") == "us-east-1");
  }

  TEST_CASE("messages already in the DLQ before the run are not reported as dead-lettered by it") {
    DispatcherFixture f;
    f.create_with_dlq("q", 1);
    f.send("q", "old");
    f.receive("q");
    f.clock.advance_by(300s);
    CHECK(f.receive("q").empty());  // moved to q-dlq now
    REQUIRE(f.ids_in("q-dlq").size() == 1);
    f.send("q", "new-failure");
    FakeTransport worker([](const RecordedCall&) { return drydock::test::failed("exit status 1"); });
    Dispatcher dispatcher(f.sqs, f.clock);
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));

    const auto report = f.run(dispatcher);

    CHECK(report.totals.dead_lettered == 1);
    CHECK(report.mappings[0].messages.size() == 1);
    CHECK(f.ids_in("q-dlq").size() == 2);
  }

  TEST_CASE("a mapping needs an existing queue of its own and settings Lambda accepts") {
    DispatcherFixture f;
    f.create_with_dlq("q");
    FakeTransport worker([](const RecordedCall&) { return drydock::test::succeeded(); });
    Dispatcher dispatcher(f.sqs, f.clock);
    CHECK_FALSE(dispatcher.add_mapping(f.mapping("missing", worker)));
    CHECK_FALSE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 0})));
    CHECK_FALSE(dispatcher.add_mapping(f.mapping("q", worker, {.batch_size = 10'001})));
    CHECK_FALSE(dispatcher.add_mapping(f.mapping("q", worker, {.concurrency = 0})));
    CHECK_FALSE(dispatcher.add_mapping(f.mapping("q", worker, {.function_timeout = 0s})));
    REQUIRE(dispatcher.add_mapping(f.mapping("q", worker)));
    const auto again = dispatcher.add_mapping(f.mapping("q", worker));
    REQUIRE_FALSE(again);
    CHECK(again.error().message == "queue q already has an event-source mapping");
  }

  TEST_CASE("receiving 32 batches ahead gives the same report and batches as receiving them round by round") {
    const PrefetchRun ahead = run_with_prefetch(32);
    const PrefetchRun round_by_round = run_with_prefetch(1);
    CHECK(ahead.report == round_by_round.report);
    CHECK(ahead.batches == round_by_round.batches);
    CHECK(ahead.report.find("q → q-function: ") != std::string::npos);
    CHECK(ahead.report.find(" dead_lettered ") != std::string::npos);
    CHECK(ahead.report.find(" succeeded counts 1,2 ") != std::string::npos);  // flaky, then fine
    CHECK(ahead.batches.size() > 100);
  }
}
