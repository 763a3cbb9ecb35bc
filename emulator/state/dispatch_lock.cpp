#include "emulator/state/dispatch_lock.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace drydock::emulator {
namespace {

// The pid the lock's holder wrote into the file; 0 when there is none yet.
pid_t holder_of(int fd) {
  std::array<char, 32> text{};
  const ssize_t n = ::pread(fd, text.data(), text.size() - 1, 0);
  pid_t pid = 0;
  if (n > 0) {
    std::from_chars(text.data(), text.data() + n, pid);
  }
  return pid;
}

std::expected<int, std::string> open_lock_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return std::unexpected(
        fmt::format("{}: cannot open the dispatch lock: {}", path.string(), std::strerror(errno)));
  }
  return fd;
}

// Who holds it, for the next process's message; the lock does not depend on it.
void record_holder(int fd) {
  const std::string pid = std::to_string(::getpid());
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const auto written = ::pwrite(fd, pid.data(), pid.size(), 0);
  }
}

}  // namespace

std::expected<DispatchLock, std::string> DispatchLock::acquire(const std::filesystem::path& state_dir,
                                                               const std::function<void(pid_t)>& on_wait) {
  auto tried = try_acquire(state_dir);
  if (!tried) {
    return std::unexpected(std::move(tried.error()));
  }
  if (*tried) {
    return std::move(**tried);
  }
  // Another process holds it: say who, then wait for it.
  const std::filesystem::path path = state_dir / "dispatch.lock";
  auto fd = open_lock_file(path);
  if (!fd) {
    return std::unexpected(std::move(fd.error()));
  }
  DispatchLock lock(*fd);
  on_wait(holder_of(*fd));
  int locked = 0;
  while ((locked = ::flock(*fd, LOCK_EX)) != 0 && errno == EINTR) {
  }
  if (locked != 0) {
    return std::unexpected(fmt::format("{}: cannot lock: {}", path.string(), std::strerror(errno)));
  }
  record_holder(*fd);
  return lock;
}

std::expected<std::optional<DispatchLock>, std::string> DispatchLock::try_acquire(
    const std::filesystem::path& state_dir) {
  const std::filesystem::path path = state_dir / "dispatch.lock";
  auto fd = open_lock_file(path);
  if (!fd) {
    return std::unexpected(std::move(fd.error()));
  }
  DispatchLock lock(*fd);
  if (::flock(*fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return std::optional<DispatchLock>();
    }
    return std::unexpected(fmt::format("{}: cannot lock: {}", path.string(), std::strerror(errno)));
  }
  record_holder(*fd);
  return std::optional<DispatchLock>(std::move(lock));
}

DispatchLock::~DispatchLock() {
  if (m_fd >= 0) {
    ::close(m_fd);  // releases the flock
  }
}

}  // namespace drydock::emulator
