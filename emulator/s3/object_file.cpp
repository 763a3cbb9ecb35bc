#include "emulator/s3/object_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "emulator/common/file_descriptor.hpp"

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

}  // namespace drydock::emulator
