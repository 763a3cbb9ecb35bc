// Two Drydock processes on one state directory (issue: "Two Drydock processes on the same state dir
// never corrupt it"): concurrent senders lose nothing, and concurrent receivers never get the same
// message while it is in flight. Real processes (fork), loopback-free, bounded.

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <set>

#include "emulator/sqs/sqs_service.hpp"
#include "tests/support/test_support.hpp"

using namespace drydock::emulator;
using namespace std::chrono_literals;

namespace {

constexpr int k_per_process = 400;

// Runs `body` in a child process with its own connection; returns the child's pid.
template <typename Body>
pid_t spawn(Body body) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 9;
    try {
      code = body();
    } catch (...) {
    }
    _exit(code);
  }
  return pid;
}

bool exited_cleanly(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

TEST_SUITE("emulator/sqs") {
  TEST_CASE("two processes sending and receiving on one store lose, duplicate and corrupt nothing") {
    drydock::test::ScratchDir scratch;
    const auto dir = scratch.path() / ".drydock";
    const VirtualClock start(Instant(1'700'000'000'000ms));
    {
      auto store = StateStore::open(dir);
      REQUIRE(store);
      SqsService sqs(*store, start);
      REQUIRE(sqs.create_queue({.name = "q", .visibility_timeout = 300s}));
    }
    // Phase 1: both processes send k_per_process messages in batches of 10, at the same time.
    std::vector<pid_t> senders;
    for (int process = 0; process < 2; ++process) {
      senders.push_back(spawn([&, process] {
        auto store = StateStore::open(dir);
        if (!store) {
          return 3;
        }
        SqsService sqs(*store, start);
        for (int i = 0; i < k_per_process; i += 10) {
          std::vector<SendMessageEntry> batch;
          for (int j = i; j < i + 10; ++j) {
            batch.push_back(
                {.id = std::to_string(j), .body = std::to_string(process) + "-" + std::to_string(j)});
          }
          if (!sqs.send_message_batch("q", batch)) {
            return 4;
          }
        }
        return 0;
      }));
    }
    for (const pid_t pid : senders) {
      CHECK(exited_cleanly(pid));
    }

    // Phase 2: both receive until the queue is empty and report what they got on a pipe.
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    std::vector<pid_t> receivers;
    for (int process = 0; process < 2; ++process) {
      receivers.push_back(spawn([&] {
        ::close(fds[0]);
        auto store = StateStore::open(dir);
        if (!store) {
          return 3;
        }
        SqsService sqs(*store, start);
        for (;;) {
          auto got = sqs.receive_message("q", {.max_number_of_messages = 10});
          if (!got) {
            return 5;
          }
          if (got->empty()) {
            return 0;
          }
          for (const auto& message : *got) {
            const std::string line = message.body + "\n";
            if (::write(fds[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
              return 6;
            }
          }
        }
      }));
    }
    ::close(fds[1]);
    FILE* in = ::fdopen(fds[0], "r");
    REQUIRE(in != nullptr);
    std::multiset<std::string> received;
    char buffer[64];
    while (std::fgets(buffer, sizeof buffer, in) != nullptr) {
      received.insert(std::string(buffer, std::strlen(buffer) - 1));
    }
    std::fclose(in);
    for (const pid_t pid : receivers) {
      CHECK(exited_cleanly(pid));
    }
    CHECK(received.size() == 2 * k_per_process);  // every message, once: none lost, none twice
    CHECK(std::set<std::string>(received.begin(), received.end()).size() == 2 * k_per_process);

    auto store = StateStore::open(dir);
    REQUIRE(store);
    {
      const StatementScope scope(store->db());
      auto& integrity = store->db().statement("PRAGMA integrity_check");
      REQUIRE(integrity.step());
      CHECK(integrity.column_text(0) == "ok");
    }
    SqsService sqs(*store, start);
    CHECK(sqs.queue_attributes("q")->approximate_number_of_messages_not_visible == 2 * k_per_process);
  }
}
