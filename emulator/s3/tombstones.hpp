#pragma once
// The keys deleted in an overlay whose base directory still has them. The base is never written, so a
// delete is recorded here instead and hides the base object until the key is put again. Kept as a JSON
// array of keys in the overlay's .drydock~tombstones.json, rewritten atomically on every change.

#include <expected>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// The tombstone file's name inside the overlay directory.
inline constexpr std::string_view k_tombstones_file_name = ".drydock~tombstones.json";

class Tombstones {
 public:
  // Reads the tombstones of the overlay at `overlay_root`. A missing file means none. Fails with
  // InternalError when the file cannot be read or is not a JSON array of strings.
  static std::expected<Tombstones, S3Error> load(const std::filesystem::path& overlay_root);

  // True when `key` was deleted and not put since.
  bool contains(std::string_view key) const { return m_keys.find(key) != m_keys.end(); }

  // Records `key` as deleted and saves the file (creating the overlay directory if needed). Fails with
  // InternalError, leaving the file and this set as they were.
  std::expected<void, S3Error> add(std::string_view key);

  // Forgets `key` (it was put again) and saves the file if it changed. Fails with InternalError,
  // leaving the file and this set as they were.
  std::expected<void, S3Error> remove(std::string_view key);

 private:
  explicit Tombstones(std::filesystem::path file) : m_file(std::move(file)) {}
  std::expected<void, S3Error> save(const std::set<std::string, std::less<>>& keys) const;

  std::filesystem::path m_file;
  std::set<std::string, std::less<>> m_keys;
};

}  // namespace drydock::emulator
