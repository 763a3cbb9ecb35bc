#pragma once
// S3's integrity checksums as they travel in headers and trailers (x-amz-checksum-crc32, -crc32c,
// -sha1, -sha256) and Content-MD5: base64 of the raw big-endian digest, never hex. A body can be
// hashed in pieces (Checksummer), since S3 bodies arrive streamed and can be many MB.

#include <cstdint>
#include <expected>
#include <memory>
#include <string>
#include <string_view>

namespace drydock::emulator {

enum class ChecksumAlgorithm { crc32, crc32c, sha1, sha256 };

// The algorithm `name` names, ignoring case: the bare name S3 uses in x-amz-checksum-algorithm and
// x-amz-sdk-checksum-algorithm ("CRC32", "crc32c", "SHA256") or the header itself
// ("x-amz-checksum-sha1"). Fails, naming the text and the four it knows, for anything else
// (CRC64NVME included: not supported yet).
std::expected<ChecksumAlgorithm, std::string> parse_checksum_algorithm(std::string_view name);

// The upper-case name S3 writes for `algorithm` ("CRC32", "CRC32C", "SHA1", "SHA256").
std::string_view checksum_algorithm_name(ChecksumAlgorithm algorithm);

// The lower-case header (or trailer) carrying `algorithm`'s value, e.g. "x-amz-checksum-crc32c".
std::string_view checksum_header_name(ChecksumAlgorithm algorithm);

// A checksum computed over a body given in pieces: update() with each piece in order, then finish().
// The result equals checksum_base64() of the pieces joined, however the body was split. A moved-from
// Checksummer may only be assigned to or destroyed.
class Checksummer {
 public:
  explicit Checksummer(ChecksumAlgorithm algorithm);
  ~Checksummer();
  Checksummer(Checksummer&& other) noexcept;
  Checksummer& operator=(Checksummer&& other) noexcept;
  Checksummer(const Checksummer&) = delete;
  Checksummer& operator=(const Checksummer&) = delete;

  ChecksumAlgorithm algorithm() const { return m_algorithm; }

  // Adds the next `bytes` of the body.
  void update(std::string_view bytes);

  // The base64 checksum of every byte given since construction or the last finish(); the Checksummer
  // then starts over on a new, empty body.
  std::string finish();

 private:
  struct Digest;  // libcrypto's state for SHA1/SHA256, kept out of this header
  ChecksumAlgorithm m_algorithm;
  std::uint32_t m_crc = 0;
  std::unique_ptr<Digest> m_digest;
};

// The base64 checksum of `bytes` as S3 writes it in x-amz-checksum-<algorithm>.
std::string checksum_base64(ChecksumAlgorithm algorithm, std::string_view bytes);

// The Content-MD5 header's value for `bytes`: base64 of the raw 16-byte MD5 (S3's ETag is its hex).
std::string md5_base64(std::string_view bytes);

// The SHA-256 of `bytes` in lower-case hex, as a signed request's x-amz-content-sha256 carries it.
std::string sha256_hex(std::string_view bytes);

// Why a checksum a client sent was refused. S3 answers the two differently: `malformed` (not canonical
// base64, or not the algorithm's digest length) is InvalidRequest, `mismatch` is BadDigest.
struct ChecksumError {
  enum class Kind { malformed, mismatch };
  Kind kind;
  std::string message;
};

// Success when `expected_base64`, the value a client sent for `algorithm`, is `computed_base64` (from
// Checksummer::finish or checksum_base64); otherwise why not, naming the header and both values.
std::expected<void, ChecksumError> match_checksum(ChecksumAlgorithm algorithm,
                                                  std::string_view computed_base64,
                                                  std::string_view expected_base64);

// match_checksum() against the checksum of `bytes`, for a body held whole.
std::expected<void, ChecksumError> verify_checksum(ChecksumAlgorithm algorithm, std::string_view bytes,
                                                   std::string_view expected_base64);

}  // namespace drydock::emulator
