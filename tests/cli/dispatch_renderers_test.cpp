// The text report of a dispatcher run: dead letters listed up to a limit, the grid for small fan-outs.

#include "cli/render/dispatch_renderers.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <sstream>

using drydock::emulator::DispatchReport;
using drydock::emulator::MappingReport;
using drydock::emulator::MessageOutcome;
using drydock::emulator::MessageRecord;

namespace {

// A worker's report with `count` messages, one account each, in us-east-1; `dead` of them dead-lettered.
DispatchReport report_of(int count, int dead) {
  MappingReport worker{.queue_name = "worker-queue", .function_name = "WorkerShip", .dlq_name = "worker-dlq"};
  for (int k = 0; k < count; ++k) {
    worker.messages.put(
        MessageRecord{.message_id = fmt::format("m{:03}", k),
                      .account = fmt::format("{:012}", k),
                      .region = "us-east-1",
                      .receive_counts = {1},
                      .outcome = k < dead ? MessageOutcome::dead_lettered : MessageOutcome::succeeded,
                      .last_error = k < dead ? "exit status 1" : ""});
  }
  worker.totals = {.invocations = count, .succeeded = count - dead, .dead_lettered = dead};
  DispatchReport report;
  report.mappings.push_back(std::move(worker));
  return report;
}

std::string text_of(const DispatchReport& report, bool verbose) {
  const std::vector<drydock::emulator::StarbaseOutcome> starbase;
  const std::vector<std::string> unserved;
  std::ostringstream out;
  drydock::cli::render_dispatch_text({report, starbase, unserved, verbose}, out);
  return out.str();
}

std::size_t count_of(const std::string& text, std::string_view needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

}  // namespace

TEST_SUITE("cli/render") {
  TEST_CASE("at most 50 dead letters are listed per worker, and -v lists them all") {
    const DispatchReport report = report_of(80, 60);
    const std::string text = text_of(report, false);
    CHECK(count_of(text, "  dead_lettered ") == 50);
    CHECK(text.find("  ... and 10 more (-v lists them all; --format json reports every message)\n") !=
          std::string::npos);
    CHECK(text.find("WorkerShip (worker-queue): 80 messages") != std::string::npos);
    CHECK(count_of(text_of(report, true), "  dead_lettered ") == 60);
  }

  TEST_CASE("the account x region grid is drawn for up to 200 accounts") {
    const std::string small = text_of(report_of(3, 1), false);
    CHECK(small.find("  000000000000   D\n") != std::string::npos);
    CHECK(small.find("  000000000002   .\n") != std::string::npos);
    CHECK(small.find("regions: a=us-east-1") != std::string::npos);
    CHECK(text_of(report_of(201, 1), false).find("regions:") == std::string::npos);
  }
}
