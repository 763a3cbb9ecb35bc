#include "emulator/s3/object_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <ostream>
#include <random>
#include <streambuf>

#include <fmt/format.h>

#include "emulator/s3/object_key.hpp"

namespace drydock::emulator {
namespace {

std::string errno_text(int error) {
  return std::strerror(error);
}

FileStat to_file_stat(const struct stat& st) {
  const std::int64_t ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  FileStat out;
  out.size = static_cast<std::uint64_t>(st.st_size);
  out.modified_ns = ns;
  out.changed_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  out.inode = static_cast<std::uint64_t>(st.st_ino);
  // Floor division, so instants before 1970 round down like sys_time does.
  const std::int64_t ms = ns >= 0 ? ns / 1'000'000 : -((-ns + 999'999) / 1'000'000);
  out.modified = Instant(std::chrono::milliseconds(ms));
  return out;
}

bool is_missing(int error) {
  return error == ENOENT || error == ENOTDIR;
}

// Closes `fd` on scope exit.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  ~FileDescriptor() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return m_fd; }
  // Closes now and reports close(2)'s errno (0 on success): a failed close can mean lost writes.
  int close() {
    const int result = ::close(m_fd);
    m_fd = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int m_fd;
};

std::expected<void, S3Error> write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return std::unexpected(internal_error("cannot write", path, errno_text(errno)));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

std::expected<void, S3Error> write_temp_file(int fd, const std::string& path, std::string_view bytes,
                                             std::optional<Instant> modified) {
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
      return std::unexpected(internal_error("cannot set the modification time of", path, errno_text(errno)));
    }
  }
  if (::fsync(fd) != 0) {
    return std::unexpected(internal_error("cannot fsync", path, errno_text(errno)));
  }
  return {};
}

}  // namespace

std::expected<std::optional<FileStat>, S3Error> stat_regular_file(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (is_missing(errno)) {
      return std::optional<FileStat>();
    }
    return std::unexpected(internal_error("cannot stat", path.string(), errno_text(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return std::optional<FileStat>();
  }
  return to_file_stat(st);
}

std::expected<std::optional<FileContents>, S3Error> read_regular_file(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (is_missing(errno) || errno == EISDIR) {
      return std::optional<FileContents>();
    }
    return std::unexpected(internal_error("cannot open", path.string(), errno_text(errno)));
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return std::unexpected(internal_error("cannot stat", path.string(), errno_text(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    return std::optional<FileContents>();
  }
  FileContents contents;
  contents.stat = to_file_stat(st);
  contents.bytes.resize(static_cast<std::size_t>(st.st_size));
  std::size_t filled = 0;
  while (true) {
    if (filled == contents.bytes.size()) {
      // The file may have grown since fstat: keep reading until end of file.
      contents.bytes.resize(filled + 65536);
    }
    const ssize_t got = ::read(fd.get(), contents.bytes.data() + filled, contents.bytes.size() - filled);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      return std::unexpected(internal_error("cannot read", path.string(), errno_text(errno)));
    }
    if (got == 0) {
      break;
    }
    filled += static_cast<std::size_t>(got);
  }
  contents.bytes.resize(filled);
  contents.stat.size = filled;
  return contents;
}

std::string temp_file_name() {
  static std::mutex mutex;
  static std::mt19937_64 random(std::random_device{}());
  std::uint64_t value = 0;
  {
    const std::lock_guard lock(mutex);
    value = random();
  }
  return fmt::format("{}tmp-{}-{:016x}", k_reserved_name_prefix, ::getpid(), value);
}

namespace {

// A stream buffer over a file descriptor that keeps the first write error.
class DescriptorBuffer final : public std::streambuf {
 public:
  DescriptorBuffer(int fd, const std::string& path) : m_fd(fd), m_path(path) {
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
  }
  DescriptorBuffer(const DescriptorBuffer&) = delete;
  DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;
  const std::optional<S3Error>& error() const { return m_error; }

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
  std::optional<S3Error> m_error;
};

// Creates a temp file next to `target`, lets `fill` write it, renames it over `target` and makes the
// rename durable; on failure removes the temp file and leaves `target` as it was.
template <class Fill>
std::expected<void, S3Error> replace_file(const std::filesystem::path& target, Fill&& fill) {
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
  const std::filesystem::path temp = directory / temp_file_name();
  FileDescriptor fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (fd.get() < 0) {
    return std::unexpected(internal_error("cannot create", temp.string(), errno_text(errno)));
  }
  std::expected<void, S3Error> written = fill(fd.get(), temp.string());
  const int close_error = fd.close();
  if (written && close_error != 0) {
    written = std::unexpected(internal_error("cannot close", temp.string(), errno_text(close_error)));
  }
  if (written && ::rename(temp.c_str(), target.c_str()) != 0) {
    written =
        std::unexpected(internal_error("cannot rename a temp file to", target.string(), errno_text(errno)));
  }
  if (!written) {
    ::unlink(temp.c_str());
    return written;
  }
  // The rename is durable only once the directory entry is on disk.
  FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) {
    ::fsync(dir.get());
  }
  return {};
}

}  // namespace

std::expected<void, S3Error> write_file_atomically(const std::filesystem::path& target,
                                                   std::string_view bytes, std::optional<Instant> modified) {
  return replace_file(
      target, [&](int fd, const std::string& temp) { return write_temp_file(fd, temp, bytes, modified); });
}

std::expected<void, S3Error> write_file_atomically(const std::filesystem::path& target,
                                                   const std::function<void(std::ostream&)>& write) {
  return replace_file(target, [&](int fd, const std::string& temp) -> std::expected<void, S3Error> {
    DescriptorBuffer buffer(fd, temp);
    std::ostream stream(&buffer);
    write(stream);
    stream.flush();
    if (buffer.error()) {
      return std::unexpected(*buffer.error());
    }
    if (::fsync(fd) != 0) {
      return std::unexpected(internal_error("cannot fsync", temp, errno_text(errno)));
    }
    return {};
  });
}

}  // namespace drydock::emulator
