#include "workers/process/process_runner.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <map>
#include <string_view>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX declares it nowhere in a header

namespace drydock::workers {
namespace {

// The child's environment as NAME=value strings: ours, with every name `overrides` sets replaced by
// its last value there. Built before fork because the child may only make async-signal-safe calls.
std::expected<std::vector<std::string>, std::string> child_environment(
    const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::map<std::string_view, std::string_view> set;
  for (const auto& [name, value] : overrides) {
    if (name.empty() || name.find('=') != std::string::npos || name.find('\0') != std::string::npos) {
      return std::unexpected("invalid environment variable name '" + name + "'");
    }
    set.insert_or_assign(name, value);
  }
  std::vector<std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    if (!set.contains(text.substr(0, text.find('=')))) {
      out.emplace_back(text);
    }
  }
  for (const auto& [name, value] : set) {
    out.push_back(std::string(name) + "=" + std::string(value));
  }
  return out;
}

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  bool open() {
    std::array<int, 2> fds{};
    if (::pipe2(fds.data(), O_CLOEXEC) != 0) {
      return false;
    }
    read_end = fds[0];
    write_end = fds[1];
    return true;
  }
  void close_read() {
    if (read_end >= 0) {
      ::close(read_end);
      read_end = -1;
    }
  }
  void close_write() {
    if (write_end >= 0) {
      ::close(write_end);
      write_end = -1;
    }
  }
  ~Pipe() {
    close_read();
    close_write();
  }
};

// In the child: wire the pipes to fds 0-2 (those `stdio` does not leave as ours) and exec. Only
// async-signal-safe calls here. `envp` is null to inherit our environment unchanged.
[[noreturn]] void exec_child(const ProcessRequest& request, std::vector<char*>& argv, char** envp, Pipe& in,
                             Pipe& out, Pipe& err, int error_fd) {
  if (request.stdio != ChildStdio::attached) {
    ::setpgid(0, 0);
    ::dup2(in.read_end, 0);
  }
  if (request.stdio == ChildStdio::captured) {
    ::dup2(out.write_end, 1);
    ::dup2(err.write_end, 2);
  }
  if (!request.cwd.empty() && ::chdir(request.cwd.c_str()) != 0) {
    int e = errno;
    [[maybe_unused]] auto n = ::write(error_fd, &e, sizeof e);
    ::_exit(127);
  }
  ::signal(SIGPIPE, SIG_DFL);
  if (envp != nullptr) {
    ::execvpe(argv[0], argv.data(), envp);
  } else {
    ::execvp(argv[0], argv.data());
  }
  int e = errno;
  [[maybe_unused]] auto n = ::write(error_fd, &e, sizeof e);
  ::_exit(127);
}

// A descriptor that becomes readable when `pid` exits, so a child whose output is not captured can
// be waited for with a timeout; -1 when the kernel has no pidfd_open (then waiting has no timeout).
// (glibc 2.36's <sys/pidfd.h> declares pidfd_open without C linkage, so the system call is made directly.)
int exit_watch(pid_t pid) {
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

}  // namespace

std::expected<ProcessResult, std::string> RealProcessRunner::run(const ProcessRequest& request) {
  if (request.argv.empty()) {
    return std::unexpected("empty command");
  }
  // A child that exits without reading all of its stdin must not kill us with SIGPIPE.
  static const bool sigpipe_ignored = [] {
    ::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)sigpipe_ignored;
  Pipe in;
  Pipe out;
  Pipe err;
  Pipe exec_error;  // CLOEXEC: closes on a successful exec, carries errno otherwise
  if (!in.open() || !out.open() || !err.open() || !exec_error.open()) {
    return std::unexpected(std::string("cannot create pipes: ") + std::strerror(errno));
  }
  std::vector<std::string> args = request.argv;
  std::vector<char*> argv;
  for (auto& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  std::vector<char*> envp;
  if (!request.environment.empty()) {
    auto built = child_environment(request.environment);
    if (!built) {
      return std::unexpected(built.error());
    }
    environment = std::move(*built);
    for (auto& entry : environment) {
      envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
  }

  const pid_t pid = ::fork();
  if (pid < 0) {
    return std::unexpected(std::string("cannot fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    exec_child(request, argv, envp.empty() ? nullptr : envp.data(), in, out, err, exec_error.write_end);
  }
  const bool own_group = request.stdio != ChildStdio::attached;
  if (own_group) {
    ::setpgid(pid, pid);  // also in the parent, so the kill below cannot race the child's own call
  }
  in.close_read();
  out.close_write();
  err.close_write();
  exec_error.close_write();
  if (request.stdio != ChildStdio::captured) {
    out.close_read();  // the child has its own copies of ours
    err.close_read();
  }
  if (request.stdio == ChildStdio::attached) {
    in.close_write();
  }

  int exec_errno = 0;
  if (::read(exec_error.read_end, &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return std::unexpected("cannot run '" + request.argv[0] + "': " + std::strerror(exec_errno));
  }

  ProcessResult result;
  std::size_t written = 0;
  if (request.stdin_data.empty()) {
    in.close_write();
  } else if (in.write_end >= 0) {
    ::fcntl(in.write_end, F_SETFL, O_NONBLOCK);
  }
  // Captured output ends when both pipes close; otherwise the child's exit is watched instead.
  const int exit_fd = request.stdio == ChildStdio::captured ? -1 : exit_watch(pid);
  bool exited = false;
  const auto deadline = std::chrono::steady_clock::now() + request.timeout;
  std::array<char, 65536> buffer{};
  while (out.read_end >= 0 || err.read_end >= 0 || (exit_fd >= 0 && !exited)) {
    std::array<pollfd, 4> fds{};
    nfds_t count = 0;
    for (int fd : {out.read_end, err.read_end, exited ? -1 : exit_fd}) {
      if (fd >= 0) {
        fds[count++] = {fd, POLLIN, 0};
      }
    }
    if (in.write_end >= 0) {
      fds[count++] = {in.write_end, POLLOUT, 0};
    }
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(own_group ? -pid : pid, SIGKILL);
      break;
    }
    const auto wait_ms = std::min<std::chrono::milliseconds::rep>(left.count(), 60'000);
    if (::poll(fds.data(), count, static_cast<int>(wait_ms)) < 0 && errno != EINTR) {
      break;
    }
    for (nfds_t i = 0; i < count; ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      if (fds[i].fd == exit_fd) {
        exited = true;
        continue;
      }
      if (fds[i].fd == in.write_end) {
        auto n =
            ::write(in.write_end, request.stdin_data.data() + written, request.stdin_data.size() - written);
        if (n > 0) {
          written += static_cast<std::size_t>(n);
        }
        if (n < 0 && errno != EAGAIN) {
          in.close_write();  // the child closed its stdin: it does not want the rest
        } else if (written == request.stdin_data.size()) {
          in.close_write();
        }
        continue;
      }
      const bool is_out = fds[i].fd == out.read_end;
      auto n = ::read(fds[i].fd, buffer.data(), buffer.size());
      if (n <= 0) {
        (is_out ? out : err).close_read();
        continue;
      }
      auto& sink = is_out ? result.stdout_data : result.stderr_data;
      if (sink.size() < request.max_output_bytes) {
        sink.append(buffer.data(),
                    std::min(static_cast<std::size_t>(n), request.max_output_bytes - sink.size()));
      }
    }
  }
  if (exit_fd >= 0) {
    ::close(exit_fd);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (own_group) {
    ::kill(-pid, SIGKILL);  // grandchildren that kept running after the child exited
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

}  // namespace drydock::workers
