#include "emulator/common/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include <fmt/format.h>

namespace drydock::emulator {

std::expected<MappedFile, std::string> MappedFile::open(const std::filesystem::path& path,
                                                        std::size_t limit) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::unexpected(std::strerror(errno));
  }
  struct stat info {};
  std::expected<MappedFile, std::string> result = std::unexpected(std::string());
  if (::fstat(fd, &info) != 0) {
    result = std::unexpected(std::strerror(errno));
  } else if (S_ISDIR(info.st_mode)) {
    result = std::unexpected(std::strerror(EISDIR));
  } else if (static_cast<std::size_t>(info.st_size) > limit) {
    result =
        std::unexpected(fmt::format("{} bytes, more than the {} bytes Drydock reads", info.st_size, limit));
  } else if (info.st_size == 0) {
    result = MappedFile(nullptr, 0);
  } else {
    const auto size = static_cast<std::size_t>(info.st_size);
    void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (data == MAP_FAILED) {
      result = std::unexpected(std::strerror(errno));
    } else {
      result = MappedFile(data, size);
    }
  }
  ::close(fd);  // the mapping keeps the file
  return result;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (m_data != nullptr) {
      ::munmap(m_data, m_size);
    }
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (m_data != nullptr) {
    ::munmap(m_data, m_size);
  }
}

}  // namespace drydock::emulator
