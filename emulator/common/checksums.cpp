#include "emulator/common/checksums.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "emulator/common/base64.hpp"
#include "emulator/common/hex_digit.hpp"

namespace drydock::emulator {
namespace {

struct AlgorithmInfo {
  ChecksumAlgorithm algorithm;
  std::string_view name;
  std::string_view header;
  std::size_t digest_bytes;
};

constexpr std::array k_algorithms = {
    AlgorithmInfo{ChecksumAlgorithm::crc32, "CRC32", "x-amz-checksum-crc32", 4},
    AlgorithmInfo{ChecksumAlgorithm::crc32c, "CRC32C", "x-amz-checksum-crc32c", 4},
    AlgorithmInfo{ChecksumAlgorithm::sha1, "SHA1", "x-amz-checksum-sha1", 20},
    AlgorithmInfo{ChecksumAlgorithm::sha256, "SHA256", "x-amz-checksum-sha256", 32},
};

constexpr bool indexed_by_enum() {
  for (std::size_t i = 0; i < k_algorithms.size(); ++i) {
    if (static_cast<std::size_t>(k_algorithms[i].algorithm) != i) {
      return false;
    }
  }
  return true;
}
static_assert(indexed_by_enum(), "info() indexes k_algorithms by the enum's value");

const AlgorithmInfo& info(ChecksumAlgorithm algorithm) {
  return k_algorithms[static_cast<std::size_t>(algorithm)];
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

// Slicing-by-8 tables for a reflected CRC-32: tables[0] is the classic byte-at-a-time table,
// tables[k] advances a byte through k further zero bytes, so one step folds in 8 bytes with 8 lookups.
using CrcTables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr CrcTables make_crc_tables(std::uint32_t reflected_polynomial) {
  CrcTables tables{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t crc = i;
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc >> 1) ^ ((crc & 1U) != 0 ? reflected_polynomial : 0U);
    }
    tables[0][i] = crc;
  }
  for (std::size_t k = 1; k < tables.size(); ++k) {
    for (std::size_t i = 0; i < 256; ++i) {
      const std::uint32_t previous = tables[k - 1][i];
      tables[k][i] = (previous >> 8) ^ tables[0][previous & 0xFF];
    }
  }
  return tables;
}

constexpr CrcTables k_crc32_tables = make_crc_tables(0xEDB88320);   // IEEE 802.3
constexpr CrcTables k_crc32c_tables = make_crc_tables(0x82F63B78);  // Castagnoli

std::uint32_t load_le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// `state` is the CRC register before the final complement (all ones for an empty body).
std::uint32_t crc_update(const CrcTables& t, std::uint32_t state, std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  for (; n >= 8; p += 8, n -= 8) {
    const std::uint32_t low = state ^ load_le32(p);
    const std::uint32_t high = load_le32(p + 4);
    state = t[7][low & 0xFF] ^ t[6][(low >> 8) & 0xFF] ^ t[5][(low >> 16) & 0xFF] ^ t[4][low >> 24] ^
            t[3][high & 0xFF] ^ t[2][(high >> 8) & 0xFF] ^ t[1][(high >> 16) & 0xFF] ^ t[0][high >> 24];
  }
  for (; n > 0; ++p, --n) {
    state = (state >> 8) ^ t[0][(state ^ *p) & 0xFF];
  }
  return state;
}

[[noreturn]] void broken(const char* what) {
  // Only possible if libcrypto itself is broken (no default provider): an internal failure.
  throw std::runtime_error(fmt::format("libcrypto could not compute a {} digest", what));
}

// The digests libcrypto computes here: S3's two SHA checksums and Content-MD5.
enum class EvpAlgorithm { md5, sha1, sha256 };
constexpr std::array<const char*, 3> k_evp_names = {"MD5", "SHA1", "SHA256"};

// OpenSSL 3 looks an algorithm up by name on every implicit fetch (EVP_sha256()), which costs more
// than hashing a small body; fetch each once per process (an EVP_MD is shareable between threads).
const EVP_MD* fetched_md(EvpAlgorithm algorithm) {
  using FetchedMd = std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)>;
  const auto fetch = [](EvpAlgorithm which) {
    return FetchedMd{EVP_MD_fetch(nullptr, k_evp_names[static_cast<std::size_t>(which)], nullptr),
                     &EVP_MD_free};
  };
  static const std::array<FetchedMd, 3> fetched = {fetch(EvpAlgorithm::md5), fetch(EvpAlgorithm::sha1),
                                                   fetch(EvpAlgorithm::sha256)};
  return fetched[static_cast<std::size_t>(algorithm)].get();
}

// One running libcrypto digest; finish() returns the raw digest and starts over.
class EvpDigest {
 public:
  explicit EvpDigest(EvpAlgorithm algorithm)
      : m_name(k_evp_names[static_cast<std::size_t>(algorithm)]), m_md(fetched_md(algorithm)) {
    if (m_md == nullptr || !m_ctx) {
      broken(m_name);
    }
    start();
  }

  void update(std::string_view bytes) {
    if (EVP_DigestUpdate(m_ctx.get(), bytes.data(), bytes.size()) != 1) {
      broken(m_name);
    }
  }

  std::string finish() {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_ctx.get(), digest.data(), &length) != 1) {
      broken(m_name);
    }
    start();
    return {reinterpret_cast<const char*>(digest.data()), length};
  }

 private:
  void start() {
    if (EVP_DigestInit_ex2(m_ctx.get(), m_md, nullptr) != 1) {
      broken(m_name);
    }
  }

  const char* m_name;
  const EVP_MD* m_md;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
};

// Client text in a message: bounded, since a header value can be long.
std::string_view shown(std::string_view text) {
  return text.substr(0, 64);
}

}  // namespace

std::expected<ChecksumAlgorithm, std::string> parse_checksum_algorithm(std::string_view name) {
  constexpr std::string_view k_prefix = "x-amz-checksum-";
  const std::string_view bare =
      name.size() > k_prefix.size() && equal_ignoring_case(name.substr(0, k_prefix.size()), k_prefix)
          ? name.substr(k_prefix.size())
          : name;
  for (const auto& known : k_algorithms) {
    if (equal_ignoring_case(bare, known.name)) {
      return known.algorithm;
    }
  }
  return std::unexpected(
      fmt::format("unknown checksum algorithm '{}' (expected CRC32, CRC32C, SHA1 or SHA256)", shown(name)));
}

std::string_view checksum_algorithm_name(ChecksumAlgorithm algorithm) {
  return info(algorithm).name;
}

std::string_view checksum_header_name(ChecksumAlgorithm algorithm) {
  return info(algorithm).header;
}

struct Checksummer::Digest : EvpDigest {
  using EvpDigest::EvpDigest;
};

Checksummer::Checksummer(ChecksumAlgorithm algorithm) : m_algorithm(algorithm), m_crc(~std::uint32_t{0}) {
  if (algorithm == ChecksumAlgorithm::sha1 || algorithm == ChecksumAlgorithm::sha256) {
    m_digest = std::make_unique<Digest>(algorithm == ChecksumAlgorithm::sha1 ? EvpAlgorithm::sha1
                                                                             : EvpAlgorithm::sha256);
  }
}

Checksummer::~Checksummer() = default;
Checksummer::Checksummer(Checksummer&& other) noexcept = default;
Checksummer& Checksummer::operator=(Checksummer&& other) noexcept = default;

void Checksummer::update(std::string_view bytes) {
  switch (m_algorithm) {
    case ChecksumAlgorithm::crc32: m_crc = crc_update(k_crc32_tables, m_crc, bytes); break;
    case ChecksumAlgorithm::crc32c: m_crc = crc_update(k_crc32c_tables, m_crc, bytes); break;
    case ChecksumAlgorithm::sha1:
    case ChecksumAlgorithm::sha256: m_digest->update(bytes); break;
  }
}

std::string Checksummer::finish() {
  if (m_digest) {
    return base64_encode(m_digest->finish());
  }
  const std::uint32_t crc = ~m_crc;
  m_crc = ~std::uint32_t{0};
  const std::array<char, 4> big_endian = {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16),
                                          static_cast<char>(crc >> 8), static_cast<char>(crc)};
  return base64_encode({big_endian.data(), big_endian.size()});
}

std::string checksum_base64(ChecksumAlgorithm algorithm, std::string_view bytes) {
  Checksummer checksummer(algorithm);
  checksummer.update(bytes);
  return checksummer.finish();
}

std::string md5_base64(std::string_view bytes) {
  EvpDigest md5(EvpAlgorithm::md5);
  md5.update(bytes);
  return base64_encode(md5.finish());
}

std::string sha256_hex(std::string_view bytes) {
  EvpDigest sha256(EvpAlgorithm::sha256);
  sha256.update(bytes);
  return lower_hex(sha256.finish());
}

std::expected<void, ChecksumError> match_checksum(ChecksumAlgorithm algorithm,
                                                  std::string_view computed_base64,
                                                  std::string_view expected_base64) {
  const AlgorithmInfo& known = info(algorithm);
  const auto digest = base64_decode(expected_base64);
  if (!digest || digest->size() != known.digest_bytes) {
    return std::unexpected(
        ChecksumError{ChecksumError::Kind::malformed,
                      fmt::format("{} '{}' is not the base64 of a {}-byte {} digest", known.header,
                                  shown(expected_base64), known.digest_bytes, known.name)});
  }
  if (expected_base64 != computed_base64) {
    return std::unexpected(ChecksumError{ChecksumError::Kind::mismatch,
                                         fmt::format("{} says '{}' but the body's {} is '{}'", known.header,
                                                     expected_base64, known.name, computed_base64)});
  }
  return {};
}

std::expected<void, ChecksumError> verify_checksum(ChecksumAlgorithm algorithm, std::string_view bytes,
                                                   std::string_view expected_base64) {
  return match_checksum(algorithm, checksum_base64(algorithm, bytes), expected_base64);
}

}  // namespace drydock::emulator
