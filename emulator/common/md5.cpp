#include "emulator/common/md5.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "emulator/common/hex_digit.hpp"

namespace drydock::emulator {
namespace {

// OpenSSL 3 looks an algorithm up by name on every EVP_Digest(EVP_md5(), ...) call ("implicit
// fetch"), which costs more than hashing a small message; fetch once and reuse a context per thread.
struct Md5Context {
  std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md{EVP_MD_fetch(nullptr, "MD5", nullptr), &EVP_MD_free};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
};

[[noreturn]] void broken() {
  // Only possible if libcrypto itself is broken (no default provider): an internal failure.
  throw std::runtime_error("libcrypto could not compute an MD5 digest");
}

}  // namespace

std::string md5_hex(std::string_view bytes) {
  thread_local Md5Context context;
  if (!context.md || !context.ctx) {
    broken();
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestInit_ex2(context.ctx.get(), context.md.get(), nullptr) != 1 ||
      EVP_DigestUpdate(context.ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.ctx.get(), digest.data(), &length) != 1) {
    broken();
  }
  return lower_hex(std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

}  // namespace drydock::emulator
