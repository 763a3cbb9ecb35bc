// S3's checksums as clients send them (x-amz-checksum-*, Content-MD5): the values captured from real
// clients, the algorithms' published check values, and hashing a body in pieces.

#include "emulator/common/checksums.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

#include "emulator/common/base64.hpp"
#include "emulator/common/md5.hpp"

using namespace drydock::emulator;

namespace {

constexpr ChecksumAlgorithm k_all[] = {ChecksumAlgorithm::crc32, ChecksumAlgorithm::crc32c,
                                       ChecksumAlgorithm::sha1, ChecksumAlgorithm::sha256};

// An independent bit-at-a-time CRC, the definition the tables must agree with.
std::uint32_t bitwise_crc(std::uint32_t reflected_polynomial, std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFF;
  for (const char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 1U) != 0 ? (crc >> 1) ^ reflected_polynomial : crc >> 1;
    }
  }
  return ~crc;
}

std::string big_endian(std::uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
          static_cast<char>(value)};
}

std::string random_bytes(std::size_t size, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) {
    c = static_cast<char>(random() & 0xFF);
  }
  return bytes;
}

}  // namespace

TEST_SUITE("emulator/common") {
  TEST_CASE("checksums match the values real S3 clients sent") {
    const std::string wire = "hello s3 wire\n";
    CHECK(checksum_base64(ChecksumAlgorithm::crc32, wire) == "tmYbow==");
    CHECK(checksum_base64(ChecksumAlgorithm::crc32c, wire) == "Mej6aA==");
    CHECK(checksum_base64(ChecksumAlgorithm::sha1, wire) == "VZtxFHoLg44Y3F9E2kutPUM/5wg=");
    CHECK(checksum_base64(ChecksumAlgorithm::sha256, wire) == "xH7WLRPAQ0ftRD+jG4p2RlQPX+OFKnaC+2H0RLH16tw=");
    CHECK(checksum_base64(ChecksumAlgorithm::crc32, "hello stream\n") == "u4b0lw==");
    CHECK(checksum_base64(ChecksumAlgorithm::crc32, "hello s3 over tls\n") == "u0Ndcg==");
  }

  TEST_CASE("the CRCs give the published check values, as big-endian bytes") {
    CHECK(base64_decode(checksum_base64(ChecksumAlgorithm::crc32, "123456789")) == big_endian(0xCBF43926));
    CHECK(base64_decode(checksum_base64(ChecksumAlgorithm::crc32c, "123456789")) == big_endian(0xE3069283));
  }

  TEST_CASE("the table-driven CRCs agree with the bit-at-a-time definition at every length and alignment") {
    const std::string bytes = random_bytes(300, 7);
    for (std::size_t start = 0; start < 8; ++start) {
      for (std::size_t length = 0; start + length <= bytes.size(); length += 1 + length / 8) {
        const std::string_view piece = std::string_view(bytes).substr(start, length);
        CAPTURE(start);
        CAPTURE(length);
        CHECK(checksum_base64(ChecksumAlgorithm::crc32, piece) ==
              base64_encode(big_endian(bitwise_crc(0xEDB88320, piece))));
        CHECK(checksum_base64(ChecksumAlgorithm::crc32c, piece) ==
              base64_encode(big_endian(bitwise_crc(0x82F63B78, piece))));
      }
    }
  }

  TEST_CASE("the checksums of an empty body") {
    CHECK(checksum_base64(ChecksumAlgorithm::crc32, "") == "AAAAAA==");
    CHECK(checksum_base64(ChecksumAlgorithm::crc32c, "") == "AAAAAA==");
    CHECK(checksum_base64(ChecksumAlgorithm::sha1, "") == "2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
    CHECK(checksum_base64(ChecksumAlgorithm::sha256, "") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    CHECK(md5_base64("") == "1B2M2Y8AsgTpgAmY7PhCfg==");
  }

  TEST_CASE("Content-MD5 is the base64 of the raw digest whose hex is the ETag") {
    for (const std::string bytes : {"hello s3 wire\n", "", "123456789"}) {
      const auto raw = base64_decode(md5_base64(bytes));
      REQUIRE(raw);
      std::string hex;
      for (const char c : *raw) {
        hex += "0123456789abcdef"[static_cast<unsigned char>(c) >> 4];
        hex += "0123456789abcdef"[static_cast<unsigned char>(c) & 0xF];
      }
      CHECK(hex == md5_hex(bytes));
    }
  }

  TEST_CASE("a body hashed in pieces gives the one-shot checksum however it is split") {
    const std::string body = random_bytes(1000, 42);
    std::mt19937 random(1);
    for (const ChecksumAlgorithm algorithm : k_all) {
      CAPTURE(checksum_algorithm_name(algorithm));
      const std::string whole = checksum_base64(algorithm, body);
      Checksummer checksummer(algorithm);
      SUBCASE("every split into two pieces") {
        for (std::size_t split = 0; split <= body.size(); split += 37) {
          checksummer.update(std::string_view(body).substr(0, split));
          checksummer.update(std::string_view(body).substr(split));
          CHECK(checksummer.finish() == whole);  // finish() also starts over for the next split
        }
      }
      SUBCASE("random pieces, empty ones included") {
        for (int round = 0; round < 20; ++round) {
          std::size_t at = 0;
          while (at < body.size()) {
            const std::size_t piece = std::min<std::size_t>(random() % 70, body.size() - at);
            checksummer.update(std::string_view(body).substr(at, piece));
            at += piece;
          }
          CHECK(checksummer.finish() == whole);
        }
      }
      SUBCASE("the captured body as its two aws-chunked chunks") {
        checksummer.update("hello ");
        checksummer.update("stream\n");
        CHECK(checksummer.finish() == checksum_base64(algorithm, "hello stream\n"));
      }
    }
  }

  TEST_CASE("a moved Checksummer carries on with the body") {
    Checksummer first(ChecksumAlgorithm::sha256);
    first.update("hello s3 ");
    Checksummer second = std::move(first);
    second.update("wire\n");
    CHECK(second.algorithm() == ChecksumAlgorithm::sha256);
    CHECK(second.finish() == "xH7WLRPAQ0ftRD+jG4p2RlQPX+OFKnaC+2H0RLH16tw=");
  }

  TEST_CASE("algorithm names parse in any case, bare or as the header") {
    CHECK(parse_checksum_algorithm("CRC32") == ChecksumAlgorithm::crc32);
    CHECK(parse_checksum_algorithm("crc32c") == ChecksumAlgorithm::crc32c);
    CHECK(parse_checksum_algorithm("Sha1") == ChecksumAlgorithm::sha1);
    CHECK(parse_checksum_algorithm("SHA256") == ChecksumAlgorithm::sha256);
    CHECK(parse_checksum_algorithm("x-amz-checksum-crc32c") == ChecksumAlgorithm::crc32c);
    CHECK(parse_checksum_algorithm("X-Amz-Checksum-SHA256") == ChecksumAlgorithm::sha256);
    for (const ChecksumAlgorithm algorithm : k_all) {
      CHECK(parse_checksum_algorithm(checksum_algorithm_name(algorithm)) == algorithm);
      CHECK(parse_checksum_algorithm(checksum_header_name(algorithm)) == algorithm);
    }
    CHECK(checksum_header_name(ChecksumAlgorithm::crc32) == "x-amz-checksum-crc32");
    CHECK(checksum_algorithm_name(ChecksumAlgorithm::crc32c) == "CRC32C");
  }

  TEST_CASE("an unknown algorithm name is an error naming it") {
    for (const char* bad :
         {"", "md5", "CRC64NVME", "crc", "crc32 ", "x-amz-checksum-", "x-amz-checksum-md5"}) {
      const auto parsed = parse_checksum_algorithm(bad);
      REQUIRE_FALSE(parsed);
      CHECK(parsed.error() ==
            "unknown checksum algorithm '" + std::string(bad) + "' (expected CRC32, CRC32C, SHA1 or SHA256)");
    }
  }

  TEST_CASE("a sent checksum is verified: a match, a mismatch, a malformed value") {
    CHECK(verify_checksum(ChecksumAlgorithm::crc32, "hello stream\n", "u4b0lw=="));
    CHECK(match_checksum(ChecksumAlgorithm::crc32c, "Mej6aA==", "Mej6aA=="));

    const auto mismatch = verify_checksum(ChecksumAlgorithm::crc32, "hello stream!", "u4b0lw==");
    REQUIRE_FALSE(mismatch);
    CHECK(mismatch.error().kind == ChecksumError::Kind::mismatch);
    CHECK(mismatch.error().message == "x-amz-checksum-crc32 says 'u4b0lw==' but the body's CRC32 is '" +
                                          checksum_base64(ChecksumAlgorithm::crc32, "hello stream!") + "'");

    // Not base64, not canonical, and the right base64 for the wrong algorithm's length.
    for (const char* bad :
         {"u4b0lw", "u4b0lw=", "!!!!!!==", "u4b0lx==", "", "VZtxFHoLg44Y3F9E2kutPUM/5wg="}) {
      const auto malformed = verify_checksum(ChecksumAlgorithm::crc32, "hello stream\n", bad);
      REQUIRE_FALSE(malformed);
      CHECK(malformed.error().kind == ChecksumError::Kind::malformed);
      CHECK(malformed.error().message ==
            "x-amz-checksum-crc32 '" + std::string(bad) + "' is not the base64 of a 4-byte CRC32 digest");
    }
    const auto short_sha = verify_checksum(ChecksumAlgorithm::sha256, "hello s3 wire\n", "tmYbow==");
    REQUIRE_FALSE(short_sha);
    CHECK(short_sha.error().kind == ChecksumError::Kind::malformed);
  }
}
