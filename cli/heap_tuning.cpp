#include "cli/heap_tuning.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace drydock::cli {
namespace {

constexpr std::uintptr_t k_huge_page = 2U << 20;
constexpr std::size_t k_heap_step = 64U << 20;  // reserved, not resident: only touched pages count

}  // namespace

void tune_heap() {
  // Grow the main heap 64 MiB at a time, then ask for huge pages over what is reserved now. Pages
  // are still allocated on first touch; the kernel just hands them out 2 MiB at a time.
  // Blocks up to 32 MiB (glibc's maximum) come from that heap too, rather than from mappings of
  // their own that would not get huge pages.
  if (mallopt(M_TOP_PAD, static_cast<int>(k_heap_step)) == 0 || mallopt(M_MMAP_THRESHOLD, 32 << 20) == 0) {
    return;
  }
  // A block bigger than what the heap holds yet makes it grow now, by the new step.
  void* probe = std::malloc(1U << 20);
  const auto start = (reinterpret_cast<std::uintptr_t>(probe) + k_huge_page - 1) & ~(k_huge_page - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(k_huge_page - 1);
  if (end > start) {
    madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
  }
  std::free(probe);
}

}  // namespace drydock::cli
