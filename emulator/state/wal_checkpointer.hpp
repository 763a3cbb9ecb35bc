#pragma once
// Checkpoints the state store's write-ahead log on a background thread. SQLite's automatic
// checkpoint runs inside the COMMIT that crosses the threshold and fsyncs there, which made every
// ~1000th SQS operation wait for the disk; measured, the fsyncs cost 40 % of batched send throughput
// (docs/BENCHMARKS.md). Here commits only signal, and a second connection copies the log into the
// database (PASSIVE: it never blocks a writer) while the caller carries on.

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

struct sqlite3;

namespace drydock::emulator {

class WalCheckpointer {
 public:
  // Opens its own connection to `path`; when that fails the checkpointer is inert and SQLite's own
  // checkpoints (at the next open or close) still bound the log.
  explicit WalCheckpointer(const std::filesystem::path& path);
  // Stops the thread after a last checkpoint.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Asks for a checkpoint soon; returns at once.
  void request();

 private:
  void run();
  sqlite3* m_db = nullptr;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_requested = false;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace drydock::emulator
