#pragma once
// A shared mutex that lets a waiting writer in before new readers (glibc's rwlock "prefer writer"
// kind). std::shared_mutex is glibc's default rwlock, which prefers readers: under a steady stream of
// GETs a put into the same bucket could wait for as long as the stream lasts. Meets the SharedMutex
// requirements, so std::unique_lock and std::shared_lock take it; not recursive, in either mode.

#include <pthread.h>

namespace drydock::emulator {

class WriterFirstMutex {
 public:
  WriterFirstMutex();
  ~WriterFirstMutex();
  WriterFirstMutex(const WriterFirstMutex&) = delete;
  WriterFirstMutex& operator=(const WriterFirstMutex&) = delete;

  void lock();  // exclusive
  bool try_lock();
  void unlock();
  void lock_shared();
  bool try_lock_shared();
  void unlock_shared();

 private:
  pthread_rwlock_t m_lock;
};

}  // namespace drydock::emulator
