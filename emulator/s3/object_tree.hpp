#pragma once
// One directory tree of objects: the object with key K is the file at the relative path K, so a project's
// templates/ directory is readable as a bucket as it is. S3 allows what a file system cannot: "a" and
// "a/b" can both be objects. Then "a" is a directory, and the object "a" lives in it under the reserved
// name a/.drydock~object; the folder-marker object "a/" lives at a/.drydock~folder. A put that needs
// "a" to become a directory while "a" is a file moves that file to a/.drydock~object first.
// Names starting with ".drydock~" (object_key.hpp) are never keys themselves.

#include <expected>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/clock.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// The file holding the object "a" when "a" is a directory (because "a/…" objects exist too).
inline constexpr std::string_view k_object_file_name = ".drydock~object";
// The file holding the folder-marker object "a/".
inline constexpr std::string_view k_folder_file_name = ".drydock~folder";

class ObjectTree {
 public:
  // A tree rooted at `root`. The directory need not exist: a missing root holds no objects and is
  // created by the first store().
  explicit ObjectTree(std::filesystem::path root);

  // The tree's directory (lexically normalised, without a trailing '/').
  const std::filesystem::path& root() const { return m_root; }

  // The file holding `key` (a key validate_object_key accepts). Returns nullopt when the tree has no
  // such object; fails with InternalError when the file system cannot answer (permission denied, I/O).
  std::expected<std::optional<std::filesystem::path>, S3Error> locate(std::string_view key) const;

  // Writes `bytes` as object `key` atomically (object_file.hpp), creating directories as needed and
  // moving a file that stands where a directory must go to its escaped name; the file's modification
  // time is set to `modified` when given. Returns the file written; fails with InternalError.
  std::expected<std::filesystem::path, S3Error> store(std::string_view key, std::string_view bytes,
                                                      std::optional<Instant> modified);

  // Deletes object `key` and then every directory this leaves empty (never the root). Returns false when
  // there was no such object; fails with InternalError.
  std::expected<bool, S3Error> remove(std::string_view key);

  // Adds to `out` (key → file) every object whose key starts with `prefix`. Files whose relative path is
  // not a valid key, Drydock's own files, and directories reached through symlinks are skipped. Fails
  // with InternalError when a directory cannot be read.
  std::expected<void, S3Error> collect(std::string_view prefix,
                                       std::map<std::string, std::filesystem::path>& out) const;

 private:
  std::expected<void, S3Error> make_directory(const std::filesystem::path& directory) const;

  std::filesystem::path m_root;
};

}  // namespace drydock::emulator
