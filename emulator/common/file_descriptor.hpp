#pragma once
// A file descriptor closed when it goes out of scope.

#include <unistd.h>

#include <cerrno>

namespace drydock::emulator {

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
  // The descriptor; negative when open(2) failed.
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

}  // namespace drydock::emulator
