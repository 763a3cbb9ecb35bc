#pragma once
// A whole file mapped read-only into memory, for large inputs read once from start to end (the
// account index: 23 MB for 10,000 accounts). Mapping with the pages populated up front costs one
// system call, where reading into a buffer would zero it, copy into it and fault in every page.

#include <cstddef>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

namespace drydock::emulator {

class MappedFile {
 public:
  // Maps `path`. Errors: the system's message ("No such file or directory"), or the size when it is
  // over `limit` bytes ("N bytes, more than the M bytes Drydock reads"). An empty file maps to "".
  static std::expected<MappedFile, std::string> open(const std::filesystem::path& path, std::size_t limit);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // The file's bytes, valid while this object lives.
  std::string_view text() const { return {static_cast<const char*>(m_data), m_size}; }

 private:
  MappedFile(void* data, std::size_t size) : m_data(data), m_size(size) {}
  void* m_data = nullptr;
  std::size_t m_size = 0;
};

}  // namespace drydock::emulator
