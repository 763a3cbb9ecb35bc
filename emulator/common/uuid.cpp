#include "emulator/common/uuid.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace drydock::emulator {

std::string random_uuid(std::mt19937_64& random) {
  std::uint64_t high = random();
  std::uint64_t low = random();
  high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0xFFFF,
                     low >> 48, low & 0xFFFFFFFFFFFFULL);
}

}  // namespace drydock::emulator
