#pragma once
// For the large values a command holds until it returns (a 10,000-account index, its plans): handing
// them here skips their destructors. Freeing such a value piece by piece takes longer than most of
// the command (12 ms of `plan`'s ~120 ms for 10,000 accounts), while the kernel takes the whole heap
// back at exit at once. Only for memory: nothing with a file, lock or child process to release.
//
// The values stay reachable from static storage, so leak checkers (LeakSanitizer) do not report them.

#include <memory>
#include <utility>
#include <vector>

namespace drydock::cli {

template <class T>
void keep_until_exit(T&& value) {
  static auto* kept = new std::vector<void*>();  // never destroyed, on purpose
  kept->push_back(new std::decay_t<T>(std::forward<T>(value)));
}

}  // namespace drydock::cli
