// The emulated cloud in process. Durable SQS on the state store (SQLite WAL): batched sends, full
// send → receive → delete cycles (batches of 10, as the dispatcher works, and one message at a
// time), and bytes of disk per queued message; issue targets on a 2-core machine: >= 200,000
// sends/s batched and >= 50,000 cycles/s (ElasticMQ publishes 21-26k messages/s in memory).
// EventBridge: 24 simulated hours of all seven Starfleet rules, enabled (target: well under 50 ms).
//
// usage: drydock_cloud_bench [MESSAGES] [BODY_BYTES]   (defaults 200000 and 512, the size of a
// typical Starfleet ACCOUNT_REGION message body)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "emulator/eventbridge/schedule.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace fs = std::filesystem;
using namespace drydock::emulator;
using Seconds = std::chrono::duration<double>;

namespace {

struct Fixture {
  fs::path dir;
  StateStore store;
  VirtualClock clock{Instant(std::chrono::milliseconds(1'700'000'000'000))};
  SqsService sqs{store, clock, SqsOptions{.seed = 1}};
};

fs::path fresh_dir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / (std::string("drydock-sqs-bench-") + name);
  fs::remove_all(dir);
  return dir;
}

StateStore open_or_die(const fs::path& dir) {
  auto store = StateStore::open(dir);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().c_str());
    std::exit(3);
  }
  return std::move(*store);
}

template <typename T>
T must(std::expected<T, SqsError> result) {
  if (!result) {
    std::fprintf(stderr, "%s: %s\n", result.error().code.c_str(), result.error().message.c_str());
    std::exit(3);
  }
  return std::move(*result);
}

void must(std::expected<void, SqsError> result) {
  if (!result) {
    std::fprintf(stderr, "%s: %s\n", result.error().code.c_str(), result.error().message.c_str());
    std::exit(3);
  }
}

std::vector<SendMessageEntry> batch_of(const std::string& body, std::size_t count) {
  std::vector<SendMessageEntry> batch;
  for (std::size_t i = 0; i < count; ++i) {
    batch.push_back({.id = std::to_string(i), .body = body});
  }
  return batch;
}

std::uintmax_t store_bytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    total += entry.is_regular_file() ? entry.file_size() : 0;
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  const long messages = argc > 1 ? std::max(10L, std::atol(argv[1])) / 10 * 10 : 200'000;
  const std::size_t body_bytes = argc > 2 ? static_cast<std::size_t>(std::max(1L, std::atol(argv[2]))) : 512;
  const std::string body(body_bytes, 'x');
  const auto batch = batch_of(body, 10);

  // 1. Batched sends.
  const fs::path send_dir = fresh_dir("send");
  {
    Fixture f{send_dir, open_or_die(send_dir)};
    must(f.sqs.create_queue({.name = "q"}));
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < messages / 10; ++i) {
      must(f.sqs.send_message_batch("q", batch));
    }
    const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();
    std::printf("batched sends:        %ld messages in %.3f s = %.0f messages/s\n", messages, seconds,
                static_cast<double>(messages) / seconds);
    f.store.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    std::printf("disk per message:     %.0f bytes (%zu-byte bodies, %ld queued, after a checkpoint)\n",
                static_cast<double>(store_bytes(send_dir)) / static_cast<double>(messages), body_bytes,
                messages);
  }

  // 2. Cycles in batches of 10: send 10, receive 10, delete 10.
  const fs::path cycle_dir = fresh_dir("cycle");
  {
    Fixture f{cycle_dir, open_or_die(cycle_dir)};
    must(f.sqs.create_queue({.name = "q", .visibility_timeout = std::chrono::seconds(300)}));
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < messages / 10; ++i) {
      must(f.sqs.send_message_batch("q", batch));
      const auto received = must(f.sqs.receive_message("q", {.max_number_of_messages = 10}));
      std::vector<ReceiptEntry> receipts;
      for (const auto& message : received) {
        receipts.push_back({std::to_string(receipts.size()), message.receipt_handle});
      }
      must(f.sqs.delete_message_batch("q", receipts));
    }
    const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();
    std::printf("cycles, batches of 10: %ld send+receive+delete in %.3f s = %.0f cycles/s\n", messages,
                seconds, static_cast<double>(messages) / seconds);
  }

  // 3. Cycles one message at a time.
  const fs::path single_dir = fresh_dir("single");
  {
    Fixture f{single_dir, open_or_die(single_dir)};
    must(f.sqs.create_queue({.name = "q", .visibility_timeout = std::chrono::seconds(300)}));
    const long singles = messages / 4;
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < singles; ++i) {
      must(f.sqs.send_message("q", {.body = body}));
      const auto received = must(f.sqs.receive_message("q"));
      must(f.sqs.delete_message("q", received.at(0).receipt_handle));
    }
    const double seconds = Seconds(std::chrono::steady_clock::now() - start).count();
    std::printf("cycles, one at a time: %ld send+receive+delete in %.3f s = %.0f cycles/s\n", singles,
                seconds, static_cast<double>(singles) / seconds);
  }
  // 4. EventBridge: a simulated day of the seven rules, all enabled, best of 20.
  {
    double best = 1e9;
    std::size_t firings = 0;
    for (int round = 0; round < 20; ++round) {
      Scheduler scheduler;
      const Instant epoch(std::chrono::milliseconds(1'767'225'600'000));
      for (auto rule : default_starfleet_rules()) {
        rule.enabled = true;
        (void)scheduler.add(rule, epoch);
      }
      VirtualClock clock(epoch);
      const auto start = std::chrono::steady_clock::now();
      firings = scheduler.advance(clock, std::chrono::hours(24)).size();
      best = std::min(best, Seconds(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("eventbridge:          24 h of 7 rules = %zu firings in %.3f ms\n", firings, best * 1000);
  }
  for (const auto& dir : {send_dir, cycle_dir, single_dir}) {
    fs::remove_all(dir);
  }
  return 0;
}
