// Base64 as SQS and the Lambda event write it, and the strict decoding SQS applies to BinaryValue.

#include "emulator/common/base64.hpp"

#include <doctest/doctest.h>

#include <string>

using drydock::emulator::base64_decode;
using drydock::emulator::base64_encode;

TEST_SUITE("emulator/common") {
  TEST_CASE("base64 encodes and decodes the RFC 4648 test vectors") {
    const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [bytes, text] : vectors) {
      CHECK(base64_encode(bytes) == text);
      CHECK(base64_decode(text) == bytes);
    }
  }

  TEST_CASE("every byte value round-trips, including the captured binary attribute 00 01 fe ff") {
    std::string all;
    for (int c = 0; c < 256; ++c) {
      all.push_back(static_cast<char>(c));
    }
    CHECK(base64_decode(base64_encode(all)) == all);
    CHECK(base64_decode("AAH+/w==") == std::string("\x00\x01\xfe\xff", 4));
  }

  TEST_CASE("text that is not canonical padded base64 is refused") {
    CHECK_FALSE(base64_decode("Zg="));       // length not a multiple of 4
    CHECK_FALSE(base64_decode("Zg"));        // unpadded
    CHECK_FALSE(base64_decode("Z==="));      // three padding characters
    CHECK_FALSE(base64_decode("Zm9v!A=="));  // outside the alphabet
    CHECK_FALSE(base64_decode("Zh=="));      // unused bits set ("Zg==" is canonical)
    CHECK_FALSE(base64_decode("Zg==Zg=="));  // padding before the end
    CHECK_FALSE(base64_decode("Zm 9v"));     // whitespace
  }
}
