// Python's view of UTF-8: strict bytes.decode("utf-8") and len() of a str.

#include <doctest/doctest.h>

#include <string_view>

#include "workers/marshmallow/utf8.hpp"

namespace marshmallow = drydock::workers::marshmallow;

TEST_CASE("code points are counted like Python's len of a str") {
  CHECK(marshmallow::code_point_count("") == 0);
  CHECK(marshmallow::code_point_count("abc") == 3);
  CHECK(marshmallow::code_point_count("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x9A\x80") == 3);
  CHECK(marshmallow::is_valid_utf8("\xF0\x9F\x9A\x80"));
  CHECK_FALSE(marshmallow::is_valid_utf8("\xF0\x9F\x9A"));
}

TEST_CASE("strict UTF-8 decoding reports the offset of the first byte it rejects") {
  CHECK(marshmallow::invalid_utf8_offset("caf\xC3\xA9") == std::string_view::npos);
  CHECK(marshmallow::invalid_utf8_offset("ab\xFF") == 2);
  CHECK(marshmallow::invalid_utf8_offset("a\xC0\x80") == 1);          // overlong
  CHECK(marshmallow::invalid_utf8_offset("\xED\xA0\x80") == 0);       // surrogate
  CHECK(marshmallow::invalid_utf8_offset("x\xF4\x90\x80\x80") == 1);  // past U+10FFFF
  CHECK(marshmallow::invalid_utf8_offset("ab\xE2\x82") == 2);         // truncated
}
