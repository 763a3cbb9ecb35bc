// Kill a process hammering the queues with SIGKILL at random instants, many times, and check after
// each restart that no message was lost or duplicated (issue: "a process killed with SIGKILL at any
// instant leaves every message exactly once in some queue ... or deleted").
//
// The child announces each operation on a pipe before it starts it and again when it returns; the
// parent lets it run for a random number of announcements, kills it, reopens the store and checks
// every body it ever asked to be sent: present exactly once across all queues, or deleted. Operations
// that were under way at the kill may have happened or not, but never half, and never twice.

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "emulator/sqs/sqs_service.hpp"
#include "tests/support/test_support.hpp"

using namespace drydock::emulator;
using namespace std::chrono_literals;

namespace {

void announce(int fd, const std::string& line) {
  const std::string text = line + "\n";
  [[maybe_unused]] const auto written = ::write(fd, text.data(), text.size());
}

// The child: sends batches of numbered bodies, receives, deletes some, lets the rest time out into
// the DLQ, and moves the DLQ back, forever. Never returns.
[[noreturn]] void hammer(const std::filesystem::path& dir, int fd, std::int64_t next_body,
                         std::uint64_t seed) {
  try {
    auto store = StateStore::open(dir);
    if (!store) {
      _exit(3);
    }
    VirtualClock clock(store->saved_clock().value_or(Instant(1'700'000'000'000ms)));
    SqsService sqs(*store, clock, {.seed = seed});
    std::mt19937_64 random(seed);
    for (;;) {
      const auto op = random() % 10;
      if (op < 4) {
        std::vector<SendMessageEntry> batch;
        const auto count = static_cast<std::int64_t>(1 + random() % 10);
        for (std::int64_t i = 0; i < count; ++i) {
          batch.push_back({.id = std::to_string(i), .body = "m" + std::to_string(next_body + i)});
        }
        announce(fd, "send " + std::to_string(next_body) + " " + std::to_string(count));
        if (!sqs.send_message_batch("q", batch)) {
          _exit(4);
        }
        next_body += count;
      } else if (op < 8) {
        auto got = sqs.receive_message(op < 6 ? "q" : "q-dlq", {.max_number_of_messages = 10});
        if (!got) {
          _exit(5);
        }
        for (const auto& message : *got) {
          if (random() % 2 == 0) {
            announce(fd, "delete " + message.body.substr(1));
            if (!sqs.delete_message(op < 6 ? "q" : "q-dlq", message.receipt_handle)) {
              _exit(6);
            }
            announce(fd, "deleted");
          }
        }
      } else if (op == 8) {
        clock.advance_by(30s);
        store->save_clock(clock.now());
      } else {
        (void)sqs.start_message_move_task(sqs.queue_arn("q-dlq"), std::nullopt);  // may already run
        if (!sqs.run_move_tasks()) {
          _exit(7);
        }
      }
      announce(fd, "tick");
    }
  } catch (...) {
    _exit(8);
  }
}

struct Ledger {
  std::int64_t next_body = 0;                 // every body below this was asked to be sent
  std::set<std::int64_t> maybe_sent;          // bodies of the batch under way at the kill
  std::set<std::int64_t> deleted;             // delete returned
  std::optional<std::int64_t> maybe_deleted;  // delete under way at the kill
};

// Reads up to `limit` announcements (all that are left when SIZE_MAX).
std::vector<std::string> read_lines(FILE* in, std::size_t limit) {
  std::vector<std::string> lines;
  char buffer[256];
  while (lines.size() < limit && std::fgets(buffer, sizeof buffer, in) != nullptr) {
    lines.emplace_back(buffer);
  }
  return lines;
}

// Replays the child's announcements into the ledger; the operations announced but not finished when
// it was killed become the uncertain ones.
void apply_announcements(const std::vector<std::string>& lines, Ledger& ledger) {
  std::optional<std::int64_t> deleting;
  std::set<std::int64_t> sending;
  for (const auto& text : lines) {
    std::istringstream line(text);
    std::string word;
    line >> word;
    if (word == "send") {
      std::int64_t first = 0;
      std::int64_t count = 0;
      line >> first >> count;
      sending.clear();
      for (std::int64_t b = first; b < first + count; ++b) {
        sending.insert(b);
      }
      ledger.next_body = first + count;
    } else if (word == "delete") {
      std::int64_t body = 0;
      line >> body;
      deleting = body;
    } else if (word == "deleted") {
      ledger.deleted.insert(*deleting);
      deleting.reset();
    } else if (word == "tick") {
      sending.clear();
    }
  }
  ledger.maybe_sent = sending;
  ledger.maybe_deleted = deleting;
}

}  // namespace

TEST_SUITE("emulator/sqs") {
  TEST_CASE("SIGKILL at random instants never loses or duplicates a message (crash test, real processes)") {
    drydock::test::ScratchDir scratch;
    const auto dir = scratch.path() / ".drydock";
    {
      auto store = StateStore::open(dir);
      REQUIRE(store);
      VirtualClock clock(Instant(1'700'000'000'000ms));
      SqsService sqs(*store, clock);
      REQUIRE(sqs.create_queue({.name = "q-dlq"}));
      REQUIRE(sqs.create_queue(
          {.name = "q", .visibility_timeout = 30s, .redrive_policy = RedrivePolicy{"q-dlq", 2}}));
    }
    std::mt19937_64 random(20261128);
    Ledger ledger;
    int kills = 0;
    for (int round = 0; round < 25; ++round) {
      int fds[2];
      REQUIRE(::pipe(fds) == 0);
      const pid_t child = ::fork();
      REQUIRE(child >= 0);
      if (child == 0) {
        ::close(fds[0]);
        hammer(dir, fds[1], ledger.next_body, random());
      }
      ::close(fds[1]);
      FILE* in = ::fdopen(fds[0], "r");
      REQUIRE(in != nullptr);
      // Let the child get going for a random number of operations, kill it wherever it is, then read
      // everything it announced before it died.
      std::vector<std::string> lines = read_lines(in, 1 + random() % 300);
      ::kill(child, SIGKILL);
      int status = 0;
      ::waitpid(child, &status, 0);
      for (auto& line : read_lines(in, SIZE_MAX)) {
        lines.push_back(std::move(line));
      }
      std::fclose(in);
      apply_announcements(lines, ledger);
      CHECK_MESSAGE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL),
                    "the child stopped on its own (exit ", WEXITSTATUS(status), ")");
      kills += WIFSIGNALED(status) ? 1 : 0;

      // Reopen (SQLite replays the WAL) and count every body across both queues.
      auto store = StateStore::open(dir);
      REQUIRE(store);
      VirtualClock clock(store->saved_clock().value_or(Instant(0ms)));
      SqsService sqs(*store, clock);
      std::map<std::int64_t, int> copies;
      for (const char* queue : {"q", "q-dlq"}) {
        auto messages = sqs.peek_messages(queue);
        REQUIRE(messages);
        for (const auto& message : *messages) {
          ++copies[std::stoll(message.body.substr(1))];
        }
      }
      for (const auto& [body, count] : copies) {
        CAPTURE(body);
        CHECK(count == 1);  // never duplicated
        CHECK(body < ledger.next_body);
        CHECK(ledger.deleted.count(body) == 0);  // a confirmed delete is final
      }
      for (std::int64_t body = 0; body < ledger.next_body; ++body) {
        const bool uncertain = ledger.maybe_sent.count(body) > 0 || ledger.maybe_deleted == body;
        if (!uncertain && ledger.deleted.count(body) == 0) {
          CAPTURE(body);
          CHECK(copies.count(body) == 1);  // never lost
        }
      }
      // Settle the uncertain ones so the next round starts from known facts.
      for (const std::int64_t body : ledger.maybe_sent) {
        if (copies.count(body) == 0) {
          ledger.deleted.insert(body);  // never sent: treat as gone
        }
      }
      if (ledger.maybe_deleted && copies.count(*ledger.maybe_deleted) == 0) {
        ledger.deleted.insert(*ledger.maybe_deleted);
      }
      ledger.maybe_sent.clear();
      ledger.maybe_deleted.reset();
    }
    CHECK(kills == 25);
    CHECK(ledger.next_body > 0);
  }
}
