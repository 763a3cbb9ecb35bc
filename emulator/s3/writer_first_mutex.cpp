#include "emulator/s3/writer_first_mutex.hpp"

#include <system_error>

namespace drydock::emulator {
namespace {

void check(int error, const char* what) {
  if (error != 0) {
    throw std::system_error(error, std::generic_category(), what);
  }
}

}  // namespace

WriterFirstMutex::WriterFirstMutex() {
  pthread_rwlockattr_t attributes;
  check(pthread_rwlockattr_init(&attributes), "pthread_rwlockattr_init");
  // The only kind under which a waiting writer holds back new readers (the other writer kind is ignored).
  pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  const int error = pthread_rwlock_init(&m_lock, &attributes);
  pthread_rwlockattr_destroy(&attributes);
  check(error, "pthread_rwlock_init");
}

WriterFirstMutex::~WriterFirstMutex() {
  pthread_rwlock_destroy(&m_lock);
}

void WriterFirstMutex::lock() {
  check(pthread_rwlock_wrlock(&m_lock), "pthread_rwlock_wrlock");
}

bool WriterFirstMutex::try_lock() {
  return pthread_rwlock_trywrlock(&m_lock) == 0;
}

void WriterFirstMutex::unlock() {
  pthread_rwlock_unlock(&m_lock);
}

void WriterFirstMutex::lock_shared() {
  // EAGAIN (too many readers) cannot happen with the few threads of a server; retrying would spin.
  check(pthread_rwlock_rdlock(&m_lock), "pthread_rwlock_rdlock");
}

bool WriterFirstMutex::try_lock_shared() {
  return pthread_rwlock_tryrdlock(&m_lock) == 0;
}

void WriterFirstMutex::unlock_shared() {
  pthread_rwlock_unlock(&m_lock);
}

}  // namespace drydock::emulator
