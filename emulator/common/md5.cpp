#include "emulator/common/md5.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace drydock::emulator {

std::string md5_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_md5(), nullptr) != 1) {
    // Only possible if libcrypto itself is broken (no default provider): an internal failure.
    throw std::runtime_error("libcrypto could not compute an MD5 digest");
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(std::size_t{length} * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(k_hex[digest[i] >> 4]);
    hex.push_back(k_hex[digest[i] & 0xF]);
  }
  return hex;
}

}  // namespace drydock::emulator
