#pragma once
// One dispatching process per state directory at a time. Two dispatchers on one store would each move
// their own virtual clock to the next visibility when idle, and that can be a message the other holds
// in flight: both would deliver it. So `fanout`, `put`, `tick`, `drain` and `dlq replay` hold this
// lock while they dispatch, and a second one waits for the first; `serve` takes it for each of its
// dispatch passes and skips a pass while another command holds it. It is an flock(2) on
// `<state>/dispatch.lock`, which the kernel releases when its holder dies (SIGKILL included), so a
// killed run never blocks the `drydock drain` that finishes its work.

#include <sys/types.h>

#include <expected>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace drydock::emulator {

class DispatchLock {
 public:
  // Takes the lock of the state in `state_dir`. When another process holds it, calls `on_wait` with
  // that process's pid (0 when it cannot be read) and then waits. Fails when the lock file cannot be
  // opened or locked.
  static std::expected<DispatchLock, std::string> acquire(const std::filesystem::path& state_dir,
                                                          const std::function<void(pid_t holder)>& on_wait);
  // Takes the lock only when it is free; nullopt when another process holds it (`drydock serve`
  // dispatches between the other commands' runs instead of waiting for them).
  static std::expected<std::optional<DispatchLock>, std::string> try_acquire(
      const std::filesystem::path& state_dir);
  DispatchLock(DispatchLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
  DispatchLock& operator=(DispatchLock&&) = delete;
  DispatchLock(const DispatchLock&) = delete;
  DispatchLock& operator=(const DispatchLock&) = delete;
  ~DispatchLock();

 private:
  explicit DispatchLock(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

}  // namespace drydock::emulator
