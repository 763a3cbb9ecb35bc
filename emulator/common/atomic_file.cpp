#include "emulator/common/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <ostream>
#include <random>
#include <streambuf>

#include <fmt/format.h>

#include "emulator/common/file_descriptor.hpp"

namespace drydock::emulator {
namespace {

std::string failure(std::string_view what, std::string_view path, int error) {
  return fmt::format("{} {}: {}", what, path, std::strerror(error));
}

std::expected<void, std::string> write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return std::unexpected(failure("cannot write", path, errno));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

std::expected<void, std::string> write_temp_file(int fd, const std::string& path, std::string_view bytes,
                                                 std::optional<Instant> modified, Durability durability) {
  if (auto written = write_all(fd, bytes, path); !written) {
    return written;
  }
  if (modified) {
    const auto ms = modified->time_since_epoch().count();
    const auto sec = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    struct timespec times[2];
    times[0].tv_sec = 0;
    times[0].tv_nsec = UTIME_OMIT;
    times[1].tv_sec = static_cast<time_t>(sec);
    times[1].tv_nsec = static_cast<long>((ms - sec * 1000) * 1'000'000);
    if (::futimens(fd, times) != 0) {
      return std::unexpected(failure("cannot set the modification time of", path, errno));
    }
  }
  if (durability == Durability::power_loss && ::fsync(fd) != 0) {
    return std::unexpected(failure("cannot fsync", path, errno));
  }
  return {};
}

// A stream buffer over a file descriptor that keeps the first write error.
class DescriptorBuffer final : public std::streambuf {
 public:
  DescriptorBuffer(int fd, const std::string& path) : m_fd(fd), m_path(path) {
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
  }
  DescriptorBuffer(const DescriptorBuffer&) = delete;
  DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;
  const std::optional<std::string>& error() const { return m_error; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) {
      return traits_type::eof();
    }
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    if (!m_error && pptr() > pbase()) {
      if (auto written =
              write_all(m_fd, std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())), m_path);
          !written) {
        m_error = written.error();
      }
    }
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    return !m_error;
  }

  int m_fd;
  const std::string& m_path;
  std::array<char, 65536> m_buffer{};
  std::optional<std::string> m_error;
};

// Creates a temp file next to `target`, lets `fill` write it, renames it over `target` and, for
// power_loss, makes the rename durable; on failure removes the temp file and leaves `target` as it was.
template <class Fill>
std::expected<void, std::string> replace_file(const std::filesystem::path& target, Durability durability,
                                              Fill&& fill) {
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
  const std::filesystem::path temp = directory / temp_file_name();
  FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) {
    return std::unexpected(failure("cannot create", temp.string(), errno));
  }
  std::expected<void, std::string> written = fill(fd.get(), temp.string());
  const int close_error = fd.close();
  if (written && close_error != 0) {
    written = std::unexpected(failure("cannot close", temp.string(), close_error));
  }
  if (written && ::rename(temp.c_str(), target.c_str()) != 0) {
    written = std::unexpected(failure("cannot rename a temp file to", target.string(), errno));
  }
  if (!written) {
    ::unlink(temp.c_str());
    return written;
  }
  if (durability == Durability::process_crash) {
    return {};
  }
  // The rename is durable only once the directory entry is on disk.
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) {
    ::fsync(dir.get());
  }
  return {};
}

}  // namespace

std::string temp_file_name() {
  static std::mutex mutex;
  static std::mt19937_64 random(std::random_device{}());
  std::uint64_t value = 0;
  {
    const std::lock_guard lock(mutex);
    value = random();
  }
  return fmt::format("{}{}-{:016x}", k_temp_file_prefix, ::getpid(), value);
}

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& target,
                                                       std::string_view bytes,
                                                       std::optional<Instant> modified,
                                                       Durability durability) {
  return replace_file(target, durability, [&](int fd, const std::string& temp) {
    return write_temp_file(fd, temp, bytes, modified, durability);
  });
}

std::expected<void, std::string> write_file_atomically(const std::filesystem::path& target,
                                                       const std::function<void(std::ostream&)>& write) {
  return replace_file(target, Durability::power_loss,
                      [&](int fd, const std::string& temp) -> std::expected<void, std::string> {
                        DescriptorBuffer buffer(fd, temp);
                        std::ostream stream(&buffer);
                        write(stream);
                        stream.flush();
                        if (buffer.error()) {
                          return std::unexpected(*buffer.error());
                        }
                        if (::fsync(fd) != 0) {
                          return std::unexpected(failure("cannot fsync", temp, errno));
                        }
                        return {};
                      });
}

}  // namespace drydock::emulator
