// S3's aws-chunked request bodies: the forms real clients sent, each way a body can be malformed, and
// that no input (every prefix of a body, mutated bodies, random bytes) crashes or loops.

#include "emulator/http/aws_chunked.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

#include "emulator/common/checksums.hpp"

using namespace drydock::emulator::http;
using drydock::emulator::ChecksumAlgorithm;
using drydock::emulator::verify_checksum;

namespace {

using Trailers = std::vector<std::pair<std::string, std::string>>;

constexpr std::size_t k_limit = 1 << 20;

// Captured from botocore's unsigned payload with a trailing checksum (two chunks, then one trailer).
const std::string k_two_chunks = "6\r\nhello \r\n7\r\nstream\n\r\n0\r\nx-amz-checksum-crc32:u4b0lw==\r\n\r\n";
// Captured over TLS: one 0x12 = 18-byte chunk.
const std::string k_over_tls = "12\r\nhello s3 over tls\n\r\n0\r\nx-amz-checksum-crc32:u0Ndcg==\r\n\r\n";

const std::string k_signature = ";chunk-signature=" + std::string(64, 'a');

std::string error_of(std::string_view encoded, std::optional<std::uint64_t> decoded_length = std::nullopt,
                     std::size_t limit = k_limit) {
  const auto body = decode_aws_chunked(encoded, decoded_length, limit);
  REQUIRE_FALSE(body);
  return body.error();
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("the captured aws-chunked bodies decode to their data and checksum trailer") {
    const auto two = decode_aws_chunked(k_two_chunks, 13, k_limit);
    REQUIRE(two);
    CHECK(two->bytes == "hello stream\n");
    CHECK(two->trailers == Trailers{{"x-amz-checksum-crc32", "u4b0lw=="}});
    CHECK(find_trailer(*two, "x-amz-checksum-crc32") == "u4b0lw==");
    CHECK(find_trailer(*two, "x-amz-checksum-sha256") == std::nullopt);
    CHECK(verify_checksum(ChecksumAlgorithm::crc32, two->bytes, *find_trailer(*two, "x-amz-checksum-crc32")));

    const auto tls = decode_aws_chunked(k_over_tls, std::nullopt, k_limit);
    REQUIRE(tls);
    CHECK(tls->bytes == "hello s3 over tls\n");
    CHECK(verify_checksum(ChecksumAlgorithm::crc32, tls->bytes, *find_trailer(*tls, "x-amz-checksum-crc32")));
  }

  TEST_CASE("signed chunks decode with their signatures skipped") {
    const std::string signed_body =
        "6" + k_signature + "\r\nhello \r\n7" + k_signature + "\r\nstream\n\r\n0" + k_signature + "\r\n\r\n";
    const auto body = decode_aws_chunked(signed_body, 13, k_limit);
    REQUIRE(body);
    CHECK(body->bytes == "hello stream\n");
    CHECK(body->trailers.empty());

    const std::string signed_trailer =
        "5" + k_signature + "\r\nhello\r\n0" + k_signature +
        "\r\nx-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:" + std::string(64, 'b') + "\r\n\r\n";
    const auto with_trailer = decode_aws_chunked(signed_trailer, 5, k_limit);
    REQUIRE(with_trailer);
    CHECK(with_trailer->trailers.size() == 2);
    CHECK(find_trailer(*with_trailer, "x-amz-trailer-signature") == std::string(64, 'b'));
  }

  TEST_CASE("the end of the body: with no trailers the final CRLF may be missing") {
    SUBCASE("empty data, with and without the final CRLF") {
      for (const char* encoded : {"0\r\n\r\n", "0\r\n"}) {
        const auto body = decode_aws_chunked(encoded, 0, k_limit);
        REQUIRE(body);
        CHECK(body->bytes.empty());
        CHECK(body->trailers.empty());
      }
    }
    SUBCASE("after trailers the empty line is required") {
      CHECK(error_of("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n") ==
            "the body ends at byte 34, before the empty line that ends the trailers");
    }
  }

  TEST_CASE("trailer names are lower-cased, names and values trimmed, sizes read in either case") {
    const auto body = decode_aws_chunked(
        "A\r\n0123456789\r\n0\r\nX-Amz-Checksum-CRC32 :\t u4b0lw== \r\nx-e:\r\n\r\n", std::nullopt, k_limit);
    REQUIRE(body);
    CHECK(body->bytes == "0123456789");
    CHECK(body->trailers == Trailers{{"x-amz-checksum-crc32", "u4b0lw=="}, {"x-e", ""}});
    CHECK(decode_aws_chunked("a\r\n0123456789\r\n0\r\n\r\n", 10, k_limit));
    CHECK(decode_aws_chunked("000a\r\n0123456789\r\n00\r\n\r\n", 10, k_limit));
  }

  TEST_CASE("a megabyte chunk decodes") {
    const std::string data(1 << 20, 'x');
    const auto body = decode_aws_chunked("100000\r\n" + data + "\r\n0\r\n\r\n", data.size(), data.size());
    REQUIRE(body);
    CHECK(body->bytes == data);
  }

  TEST_CASE("a size that is not 1 to 16 hex digits is an error naming the chunk") {
    CHECK(error_of("6\r\nhello \r\n7\r\nstream\n\r\nzz\r\n\r\n") ==
          "chunk 3 at byte 23: size 'zz' is not hexadecimal");
    CHECK(error_of("\r\n") == "chunk 1 at byte 0: size '' is not hexadecimal");
    CHECK(error_of(";chunk-signature=ab\r\n") == "chunk 1 at byte 0: size '' is not hexadecimal");
    CHECK(error_of(" 6\r\nhello \r\n0\r\n\r\n") == "chunk 1 at byte 0: size ' 6' is not hexadecimal");
    CHECK(error_of("0x6\r\nhello \r\n0\r\n\r\n") == "chunk 1 at byte 0: size '0x6' is not hexadecimal");
    CHECK(error_of("-1\r\n") == "chunk 1 at byte 0: size '-1' is not hexadecimal");
    CHECK(error_of("6\n\r\nhello \r\n") == "chunk 1 at byte 0: size '6\\x0a' is not hexadecimal");
    CHECK(error_of("10000000000000000\r\n") ==
          "chunk 1 at byte 0: size '10000000000000000' has more than 16 hex digits");
  }

  TEST_CASE("data beyond the limit or the declared decoded length is refused before it is read") {
    CHECK(error_of("ffffffffffffffff\r\nhello", std::nullopt) ==
          "chunk 1 at byte 0: the data would be more than 1048576 bytes (0 before this chunk, which declares "
          "18446744073709551615)");
    CHECK(error_of(k_two_chunks, std::nullopt, 12) ==
          "chunk 2 at byte 11: the data would be more than 12 bytes (6 before this chunk, which declares 7)");
    CHECK(decode_aws_chunked(k_two_chunks, std::nullopt, 13));
    CHECK(error_of(k_two_chunks, 12) ==
          "chunk 2 at byte 11: the data would be more than the 12 bytes x-amz-decoded-content-length says (6 "
          "before this chunk, which declares 7)");
    CHECK(error_of(k_two_chunks, 14) == "decoded 13 bytes but x-amz-decoded-content-length says 14");
    CHECK(error_of(k_over_tls, 19) == "decoded 18 bytes but x-amz-decoded-content-length says 19");
  }

  TEST_CASE("a body that ends early says where") {
    CHECK(error_of("") == "the body ends inside the size line of chunk 1 at byte 0 ('')");
    CHECK(error_of("6\r\nhello \r\n7") == "the body ends inside the size line of chunk 2 at byte 11 ('7')");
    CHECK(error_of("1000\r\n" + std::string(100, 'x')) ==
          "the body ends inside chunk 1 (declared 4096 bytes, 100 present)");
    CHECK(error_of("6\r\nhello ") == "the body ends after chunk 1's 6 bytes, before their CRLF");
    CHECK(error_of("6\r\nhello \r") == "the body ends after chunk 1's 6 bytes, before their CRLF");
    CHECK(error_of("6\r\nhello \r\n") == "the body ends inside the size line of chunk 2 at byte 11 ('')");
    CHECK(error_of("0\r\nx-amz-checksum-crc32:AAA") ==
          "the body ends inside trailer 1 at byte 3 ('x-amz-checksum-crc32:AAA')");
  }

  TEST_CASE("data not followed by CRLF is an error") {
    CHECK(error_of("5\r\nhello \r\n0\r\n\r\n") ==
          "chunk 1: its 5 bytes are followed by ' \\x0d' at byte 8, not by CRLF");
    CHECK(error_of("7\r\nhello \r\n0\r\n\r\n") ==
          "chunk 1: its 7 bytes are followed by '\\x0a0' at byte 10, not by CRLF");
  }

  TEST_CASE("malformed trailers are errors naming the trailer") {
    CHECK(error_of("0\r\nx-amz-checksum-crc32 AAAAAA==\r\n\r\n") ==
          "trailer 1 at byte 3 has no ':' ('x-amz-checksum-crc32 AAAAAA==')");
    CHECK(error_of("0\r\na:1\r\n :2\r\n\r\n") == "trailer 2 at byte 8 has an empty name (' :2')");
    std::string many = "0\r\n";
    for (int i = 0; i < 17; ++i) {
      many += "x-" + std::to_string(i) + ":v\r\n";
    }
    CHECK(error_of(many + "\r\n") == "more than 16 trailers (trailer 17 at byte 121)");
    many.resize(many.size() - std::string("x-16:v\r\n").size());
    CHECK(decode_aws_chunked(many + "\r\n", 0, k_limit)->trailers.size() == 16);
  }

  TEST_CASE("bytes after the final empty line are an error") {
    CHECK(error_of(k_two_chunks + "6\r\nhello \r\n") ==
          "11 bytes after the end of the body at byte 59 ('6\\x0d\\x0ahello \\x0d\\x0a')");
    CHECK(error_of("0\r\n\r\n\r\n") == "2 bytes after the end of the body at byte 5 ('\\x0d\\x0a')");
  }

  TEST_CASE("a line longer than 4096 bytes is refused, one of 4096 is read") {
    const std::string long_extension = ";" + std::string(k_max_aws_chunked_line - 2, 'e');  // "5" + it = 4096
    CHECK(decode_aws_chunked("5" + long_extension + "\r\nhello\r\n0\r\n\r\n", 5, k_limit));
    CHECK(error_of("5" + long_extension + "e\r\nhello\r\n0\r\n\r\n") ==
          "the size line of chunk 1 at byte 0 is longer than 4096 bytes");
    CHECK(error_of(std::string(10000, '1')) ==
          "the size line of chunk 1 at byte 0 is longer than 4096 bytes");
    const std::string long_value(k_max_aws_chunked_line - 2, 'v');
    CHECK(decode_aws_chunked("0\r\nx:" + long_value + "\r\n\r\n", 0, k_limit));
    CHECK(error_of("0\r\nx:" + long_value + "v\r\n\r\n") == "trailer 1 at byte 3 is longer than 4096 bytes");
  }

  TEST_CASE("every prefix of a body decodes to the whole data or fails cleanly") {
    const std::string signed_body = "6" + k_signature + "\r\nhello \r\n7" + k_signature +
                                    "\r\nstream\n\r\n0" + k_signature +
                                    "\r\nx-amz-checksum-crc32:u4b0lw==\r\n\r\n";
    for (const std::string& whole : {k_two_chunks, k_over_tls, signed_body}) {
      const auto complete = decode_aws_chunked(whole, std::nullopt, k_limit);
      REQUIRE(complete);
      std::size_t decoded = 0;
      for (std::size_t length = 0; length < whole.size(); ++length) {
        CAPTURE(length);
        const auto body =
            decode_aws_chunked(std::string_view(whole).substr(0, length), std::nullopt, k_limit);
        if (body) {
          // Only the lenient ending right after the "0...\r\n" line: all the data, no trailers.
          ++decoded;
          CHECK(body->bytes == complete->bytes);
          CHECK(body->trailers.empty());
        } else {
          CHECK_FALSE(body.error().empty());
        }
      }
      CHECK(decoded == 1);
    }
  }

  TEST_CASE("mutated bodies and random bytes decode or fail cleanly") {
    std::mt19937 random(2024);
    std::size_t decoded = 0;
    std::size_t failed = 0;
    const auto run = [&](std::string_view encoded) {
      const auto body = decode_aws_chunked(encoded, std::nullopt, 4096);
      if (body) {
        ++decoded;
        CHECK(body->bytes.size() <= encoded.size());
        CHECK(body->trailers.size() <= k_max_aws_chunked_trailers);
      } else {
        ++failed;
        CHECK_FALSE(body.error().empty());
      }
    };
    SUBCASE("each byte of a captured body replaced, dropped or doubled") {
      for (std::size_t at = 0; at < k_two_chunks.size(); ++at) {
        for (const char replacement : {'\0', '\r', '\n', ':', ';', '0', 'f', 'z', '\xff'}) {
          std::string mutated = k_two_chunks;
          mutated[at] = replacement;
          run(mutated);
        }
        run(std::string(k_two_chunks).erase(at, 1));
        run(std::string(k_two_chunks).insert(at, 1, k_two_chunks[at]));
      }
    }
    SUBCASE("random bytes, some drawn from the encoding's own characters") {
      constexpr std::string_view k_alphabet = "0123456789abcdefABCDEF;=:\r\n x";
      for (int round = 0; round < 3000; ++round) {
        std::string encoded(random() % 200, '\0');
        const bool alphabet = round % 2 == 0;
        for (char& c : encoded) {
          c = alphabet ? k_alphabet[random() % k_alphabet.size()] : static_cast<char>(random() & 0xFF);
        }
        run(encoded);
      }
    }
    CHECK(decoded + failed > 0);
  }
}
