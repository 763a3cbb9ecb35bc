// Which keys the emulated S3 accepts (emulator/s3/object_key.hpp). AWS: keys are UTF-8, 1..1024 bytes
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html); Drydock also refuses keys
// that would escape or confuse the bucket directory.

#include "emulator/s3/object_key.hpp"

#include <doctest/doctest.h>

#include <string>

using drydock::emulator::display_key;
using drydock::emulator::is_valid_utf8;
using drydock::emulator::validate_object_key;
using namespace std::string_literals;

namespace {

std::string rejection(std::string_view key) {
  const auto result = validate_object_key(key);
  REQUIRE_FALSE(result.has_value());
  return result.error().code + ": " + result.error().message;
}

}  // namespace

TEST_SUITE("emulator/s3") {
  TEST_CASE("ordinary S3 keys are accepted, including the ones a file system finds odd") {
    for (const std::string_view key :
         {"a", "IamRoles/my role+x@y.yaml", "a/b/c.yaml", "dir/", "a/b/", ".hidden", "a/.b/..c/...", "x\\y",
          "日本語/キー.yaml", "tab\there", "a:b*c?d\"e<f>g|h", "~", "-", "a.", "...", "a/..b"}) {
      CAPTURE(key);
      CHECK(validate_object_key(key).has_value());
    }
  }

  TEST_CASE("a key of 1024 bytes is accepted and one of 1025 is KeyTooLongError, as in AWS") {
    std::string key;
    while (key.size() + 5 <= 1024) {
      key += "abcd/";
    }
    key.append(1024 - key.size(), 'z');
    REQUIRE(key.size() == 1024);
    CHECK(validate_object_key(key).has_value());
    key += "z";
    CHECK(rejection(key) == "KeyTooLongError: Your key is too long");
  }

  TEST_CASE("the empty key is refused") {
    CHECK(rejection("") == "InvalidArgument: Object key must not be empty");
  }

  TEST_CASE("keys that would escape or confuse the bucket directory are refused, naming the key") {
    SUBCASE("a '..' segment anywhere") {
      for (const std::string_view key : {"..", "../x", "a/../b", "a/..", "a/../"}) {
        CAPTURE(key);
        CHECK(rejection(key).find("'..' path segment") != std::string::npos);
      }
      CHECK(rejection("a/../b") ==
            "InvalidArgument: Object key 'a/../b' is not supported: it has a '..' path segment, which would "
            "escape or alias the bucket directory");
    }
    SUBCASE("a '.' segment anywhere") {
      for (const std::string_view key : {".", "./x", "a/./b", "a/.", "a/./"}) {
        CAPTURE(key);
        CHECK(rejection(key).find("'.' path segment") != std::string::npos);
      }
    }
    SUBCASE("an absolute path") {
      CHECK(rejection("/etc/passwd") ==
            "InvalidArgument: Object key '/etc/passwd' is not supported: it starts with '/' (an absolute "
            "path)");
      CHECK(rejection("/") != "");
    }
    SUBCASE("a NUL byte") {
      CHECK(rejection("a\0b"s) ==
            "InvalidArgument: Object key 'a\\x00b' is not supported: it contains a NUL byte");
    }
    SUBCASE("empty segments") {
      for (const std::string_view key : {"a//b", "a//", "a///b"}) {
        CAPTURE(key);
        CHECK(rejection(key).find("empty path segment") != std::string::npos);
      }
    }
    SUBCASE("invalid UTF-8") {
      for (const std::string& key : {"\xff"s, "a\xc3"s, "\xc0\xaf"s, "\xed\xa0\x80"s, "\xf4\x90\x80\x80"s}) {
        CAPTURE(key);
        CHECK(rejection(key).find("it is not valid UTF-8") != std::string::npos);
      }
      CHECK(rejection("a\xffz") ==
            "InvalidArgument: Object key 'a\\xffz' is not supported: it is not valid UTF-8");
    }
    SUBCASE("a segment longer than a file name can be") {
      CHECK(validate_object_key("d/" + std::string(255, 'x')).has_value());
      CHECK(rejection("d/" + std::string(256, 'x')).find("a path segment is 256 bytes long") !=
            std::string::npos);
    }
    SUBCASE("Drydock's reserved file names") {
      for (const std::string_view key : {".drydock~object", "a/.drydock~folder", ".drydock~tmp-1/x"}) {
        CAPTURE(key);
        CHECK(rejection(key).find("reserved for Drydock's own files") != std::string::npos);
      }
      CHECK(validate_object_key("a/.drydock-object").has_value());
    }
  }

  TEST_CASE("UTF-8 validation follows Unicode's well-formed byte sequences") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII"));
    CHECK(is_valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf"));  // é € 😀 U+10FFFF
    CHECK_FALSE(is_valid_utf8("\x80"));                                            // lone continuation
    CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));                                    // overlong
    CHECK_FALSE(is_valid_utf8("\xed\xbf\xbf"));                                    // surrogate
    CHECK_FALSE(is_valid_utf8("\xe2\x82"));                                        // truncated
    CHECK_FALSE(is_valid_utf8("\xf0\x9f\x98"));                                    // truncated 4-byte
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));                                        // C0 start byte
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));                                // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("a\xc3\xa9\xc3"));                                   // valid, then truncated
    CHECK(is_valid_utf8("\xed\x9f\xbf\xee\x80\x80"));                              // U+D7FF U+E000
  }

  TEST_CASE("keys in messages show control bytes and invalid UTF-8 as escapes and keep the rest") {
    CHECK(display_key("dir/é\n\x7f\xfe") == "'dir/é\\x0a\\x7f\\xfe'");
    CHECK(display_key("\xe2\x82\xac\xe2\x82") == "'€\\xe2\\x82'");  // a truncated sequence byte by byte
  }
}
