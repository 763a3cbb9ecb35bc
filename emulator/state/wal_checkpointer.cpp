#include "emulator/state/wal_checkpointer.hpp"

#include <sqlite3.h>

namespace drydock::emulator {

WalCheckpointer::WalCheckpointer(const std::filesystem::path& path) {
  if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(m_db);
    m_db = nullptr;
    return;
  }
  sqlite3_busy_timeout(m_db, 1000);
  m_thread = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
  if (m_thread.joinable()) {
    {
      const std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
  }
  sqlite3_close(m_db);
}

void WalCheckpointer::request() {
  {
    const std::lock_guard lock(m_mutex);
    m_requested = true;
  }
  m_wake.notify_one();
}

void WalCheckpointer::run() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_requested || m_stopping; });
    const bool stopping = m_stopping;
    m_requested = false;
    lock.unlock();
    // A failed or partial checkpoint (a reader holds old frames, the store is busy) is harmless: the
    // log is kept and the next request or SQLite's checkpoint on close finishes the work.
    sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    if (stopping) {
      return;
    }
    lock.lock();
  }
}

}  // namespace drydock::emulator
