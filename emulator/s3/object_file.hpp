#pragma once
// The file operations behind a bucket directory: reading an object's file with its size and modification
// time, and replacing a file atomically (temp file in the same directory, fsync, rename, fsync of the
// directory) so a reader never sees half an object and a crash leaves the old or the new bytes.

#include <cstdint>
#include <expected>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/eventbridge/clock.hpp"
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

// Replaces `target` with `bytes`: writes a temp file named k_reserved_name_prefix + "tmp-…" next to it,
// sets its modification time to `modified` when given, fsyncs it, renames it over `target` and fsyncs
// the directory. The directory must exist. On failure the temp file is removed, `target` is unchanged
// and the error is InternalError naming the path.
std::expected<void, S3Error> write_file_atomically(const std::filesystem::path& target,
                                                   std::string_view bytes, std::optional<Instant> modified);
// The same with the bytes `write` puts on the stream it is given, written through as they come (for
// files too large to hold, such as the report of a 330,000-message run). A directory-less `target`
// is in the working directory. When a write fails, the stream goes bad and the error is reported.
std::expected<void, S3Error> write_file_atomically(const std::filesystem::path& target,
                                                   const std::function<void(std::ostream&)>& write);

// A fresh name for a temp file: k_reserved_name_prefix + "tmp-" + pid + random hex. Unique enough that
// O_EXCL never collides in practice.
std::string temp_file_name();

}  // namespace drydock::emulator
