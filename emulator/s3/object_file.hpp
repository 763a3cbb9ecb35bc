#pragma once
// Reading an object's file with its size and modification time. Objects are written with
// common/atomic_file's write_file_atomically, so a reader never sees half an object.

#include <cstdint>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>

#include "emulator/common/clock.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// What stat(2) says about an object's file.
struct FileStat {
  std::uint64_t size = 0;
  Instant modified;              // st_mtim truncated to milliseconds (S3's LastModified precision)
  std::int64_t modified_ns = 0;  // st_mtim in nanoseconds, to notice rewrites within a millisecond
  std::int64_t changed_ns = 0;   // st_ctim: moves on every write or rename, and cannot be set back
  std::uint64_t inode = 0;       // a rename over the file gives it a new inode
  friend bool operator==(const FileStat&, const FileStat&) = default;
};

// Stats `path` (following symlinks). Returns nullopt when it does not exist or is not a regular file;
// fails with InternalError on any other error (permission denied, I/O).
std::expected<std::optional<FileStat>, S3Error> stat_regular_file(const std::filesystem::path& path);

struct FileContents {
  std::string bytes;
  FileStat stat;
};

// Reads all of `path`, with the stat of the opened file. Returns nullopt when it does not exist or is
// not a regular file; fails with InternalError otherwise.
std::expected<std::optional<FileContents>, S3Error> read_regular_file(const std::filesystem::path& path);

}  // namespace drydock::emulator
