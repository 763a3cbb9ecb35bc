// Keys in S3 event records are form-urlencoded with '/' kept (aws-anchors.md §4.3; "red flower.jpg"
// becomes "red+flower.jpg" in
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html), i.e.
// Python's urllib.parse.quote_plus(key, safe="/"); the Starbase decodes them with unquote_plus. Expected
// values below were printed by CPython 3.11.

#include "emulator/s3/key_encoding.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

using drydock::emulator::quote_plus;
using drydock::emulator::unquote_plus;
using namespace std::string_literals;

namespace {

// A random valid UTF-8 string mixing ASCII (with the characters quote_plus treats specially) and
// 2-, 3- and 4-byte characters.
std::string random_utf8(std::mt19937_64& random) {
  constexpr std::string_view k_ascii_pool = "ab/ +%~_.-@&=?#!*'()\t\x01\x7f";
  std::string out;
  const auto length = random() % 24;
  for (std::uint64_t i = 0; i < length; ++i) {
    const auto pick = random() % 6;
    char32_t cp = 0;
    if (pick < 3) {
      out.push_back(k_ascii_pool[random() % k_ascii_pool.size()]);
      continue;
    }
    if (pick == 3) {
      cp = static_cast<char32_t>(0x80 + random() % (0x800 - 0x80));
    } else if (pick == 4) {
      cp = static_cast<char32_t>(0x800 + random() % (0x10000 - 0x800));
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        cp = 0xE000;
      }
    } else {
      cp = static_cast<char32_t>(0x10000 + random() % (0x110000 - 0x10000));
    }
    if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    }
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

}  // namespace

TEST_SUITE("emulator/s3") {
  TEST_CASE("quote_plus encodes keys as S3 event records carry them (AWS doc and aws-anchors §4.3)") {
    CHECK(quote_plus("red flower.jpg") == "red+flower.jpg");  // AWS doc
    CHECK(quote_plus("a@b") == "a%40b");                      // V-AWS test_key_encoding
    CHECK(quote_plus("testupload/dir1/testfile.txt") == "testupload/dir1/testfile.txt");  // '/' kept
    CHECK(quote_plus("IamRoles/my role+x@y.yaml") == "IamRoles/my+role%2Bx%40y.yaml");
  }

  TEST_CASE("quote_plus matches Python's quote_plus(key, safe='/') byte for byte") {
    CHECK(quote_plus("é/ü ~_.-!*'()") == "%C3%A9/%C3%BC+~_.-%21%2A%27%28%29");
    CHECK(quote_plus("日本語/キー") == "%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%82%AD%E3%83%BC");
    CHECK(quote_plus("a&b=c?d#e%f") == "a%26b%3Dc%3Fd%23e%25f");
    CHECK(quote_plus("\x01\x7f") == "%01%7F");
    CHECK(quote_plus("AZaz09") == "AZaz09");
    CHECK(quote_plus("") == "");
  }

  TEST_CASE("unquote_plus decodes like Python's unquote_plus, leaving invalid escapes as they are") {
    CHECK(unquote_plus("a+b") == "a b");
    CHECK(unquote_plus("%2B") == "+");
    CHECK(unquote_plus("%41%42") == "AB");
    CHECK(unquote_plus("%c3%A9") == "é");
    CHECK(unquote_plus("%zz") == "%zz");
    CHECK(unquote_plus("%4") == "%4");
    CHECK(unquote_plus("%") == "%");
    CHECK(unquote_plus("100%") == "100%");
    CHECK(unquote_plus("IamRoles/my+role%2Bx%40y.yaml") == "IamRoles/my role+x@y.yaml");
  }

  TEST_CASE("unquote_plus replaces ill-formed UTF-8 with U+FFFD per maximal subpart, as CPython does") {
    const std::string r = "\xEF\xBF\xBD";
    CHECK(unquote_plus("%e2%82") == r);
    CHECK(unquote_plus("%ED%A0%80") == r + r + r);         // a surrogate: three subparts
    CHECK(unquote_plus("%F0%80%80%80") == r + r + r + r);  // overlong
    CHECK(unquote_plus("%F4%90%80%80") == r + r + r + r);  // above U+10FFFF
    CHECK(unquote_plus("%e2%82%ac%e2") == "€" + r);
    CHECK(unquote_plus("%E2%82x%AC") == r + "x" + r);
    CHECK(unquote_plus("%F0%9F%98") == r);
    CHECK(unquote_plus("%C3%") == r + "%");
  }

  TEST_CASE("unquote_plus's U+FFFD edge cases: truncation, bad start bytes and second-byte ranges") {
    const std::string r = "\xEF\xBF\xBD";
    CHECK(unquote_plus("%F0%9F") == r);                  // truncated 4-byte sequence: one subpart
    CHECK(unquote_plus("%F0%9F%98A") == r + "A");        // truncated before an ASCII byte
    CHECK(unquote_plus("%E0%80") == r + r);              // overlong second byte after E0
    CHECK(unquote_plus("%C0%AF") == r + r);              // C0 never starts a sequence
    CHECK(unquote_plus("%80") == r);                     // lone continuation byte
    CHECK(unquote_plus("%F5%80") == r + r);              // F5 never starts a sequence
    CHECK(unquote_plus("%ED%9F%BF") == "\xED\x9F\xBF");  // U+D7FF, just below the surrogates
    CHECK(unquote_plus("%F4%8F%BF%BF%F4%90") == "\xF4\x8F\xBF\xBF" + r + r);  // U+10FFFF, then above it
  }

  TEST_CASE("unquote_plus decodes each ASCII run on its own, so escapes never join literal characters") {
    const std::string r = "\xEF\xBF\xBD";
    CHECK(unquote_plus("é%C3") == "é" + r);
    CHECK(unquote_plus("%C3é") == r + "é");
    CHECK(unquote_plus("ü+ü") == "ü ü");
  }

  TEST_CASE("unquote_plus undoes quote_plus for random UTF-8 strings") {
    std::mt19937_64 random(20240501);
    for (int i = 0; i < 2000; ++i) {
      const std::string original = random_utf8(random);
      const std::string encoded = quote_plus(original);
      CAPTURE(encoded);
      CHECK(encoded.find(' ') == std::string::npos);
      CHECK(unquote_plus(encoded) == original);
    }
  }
}
