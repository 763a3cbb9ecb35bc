// GetObject's conditional headers and Range, and the HTTP dates they use.

#include "emulator/http/s3_conditions.hpp"

#include <doctest/doctest.h>

#include <map>

#include "emulator/http/http_date.hpp"

using namespace drydock::emulator::http;
using drydock::emulator::Instant;

namespace {

constexpr Instant k_modified{std::chrono::milliseconds(784'111'777'250)};  // 1994-11-06T08:49:37.250Z
constexpr std::string_view k_etag = "\"c8c0fbbaf240700850ae2c1710c7fc85\"";

Precondition check(const std::map<std::string, std::string, std::less<>>& headers,
                   const ConditionHeaders& names = {}) {
  return check_preconditions(
      [&](std::string_view name) -> std::optional<std::string_view> {
        const auto found = headers.find(name);
        return found == headers.end() ? std::nullopt : std::optional<std::string_view>(found->second);
      },
      k_etag, k_modified, names);
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("HTTP dates: IMF-fixdate written, all three forms read") {
    CHECK(format_http_date(k_modified) == "Sun, 06 Nov 1994 08:49:37 GMT");
    const Instant second{std::chrono::milliseconds(784'111'777'000)};
    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == second);
    CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == second);
    CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == second);
    CHECK_FALSE(parse_http_date("yesterday"));
    CHECK_FALSE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT trailing"));
  }

  TEST_CASE(
      "conditional headers in RFC 9110's order: If-Match, If-Unmodified-Since, If-None-Match, "
      "If-Modified-Since") {
    CHECK(check({}) == Precondition::proceed);
    CHECK(check({{"If-Match", std::string(k_etag)}}) == Precondition::proceed);
    CHECK(check({{"If-Match", "c8c0fbbaf240700850ae2c1710c7fc85"}}) == Precondition::proceed);  // unquoted
    CHECK(check({{"If-Match", "\"x\", *"}}) == Precondition::proceed);
    CHECK(check({{"If-Match", "\"other\""}}) == Precondition::failed);
    CHECK(check({{"If-None-Match", std::string(k_etag)}}) == Precondition::not_modified);
    CHECK(check({{"If-None-Match", "\"other\""}}) == Precondition::proceed);
    // The same second as LastModified is "not modified since" (HTTP dates have no milliseconds).
    CHECK(check({{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}) == Precondition::not_modified);
    CHECK(check({{"If-Modified-Since", "Sun, 06 Nov 1994 08:49:36 GMT"}}) == Precondition::proceed);
    CHECK(check({{"If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:36 GMT"}}) == Precondition::failed);
    CHECK(check({{"If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}) == Precondition::proceed);
    // If-Match that holds overrides If-Unmodified-Since; If-None-Match overrides If-Modified-Since.
    CHECK(check({{"If-Match", std::string(k_etag)},
                 {"If-Unmodified-Since", "Sat, 05 Nov 1994 00:00:00 GMT"}}) == Precondition::proceed);
    CHECK(check({{"If-None-Match", "\"other\""}, {"If-Modified-Since", "Mon, 07 Nov 1994 00:00:00 GMT"}}) ==
          Precondition::proceed);
    // An unreadable date is ignored.
    CHECK(check({{"If-Modified-Since", "soon"}}) == Precondition::proceed);
    // CopyObject's headers: a 412 where GET would say 304.
    CHECK(check({{"x-amz-copy-source-if-none-match", std::string(k_etag)}}, k_copy_source_conditions) ==
          Precondition::failed);
    CHECK(check({{"If-None-Match", std::string(k_etag)}}, k_copy_source_conditions) == Precondition::proceed);
  }

  TEST_CASE("one byte range is served, clipped to the object, and a range past the end is InvalidRange") {
    const auto range = [](std::string_view header, std::uint64_t size) {
      auto selected = select_range(header, size);
      REQUIRE(selected);
      REQUIRE(selected->has_value());
      return std::pair{(*selected)->first, (*selected)->last};
    };
    CHECK(range("bytes=0-9", 100) == std::pair<std::uint64_t, std::uint64_t>{0, 9});
    CHECK(range("bytes=90-", 100) == std::pair<std::uint64_t, std::uint64_t>{90, 99});
    CHECK(range("bytes=90-1000", 100) == std::pair<std::uint64_t, std::uint64_t>{90, 99});
    CHECK(range("bytes=-10", 100) == std::pair<std::uint64_t, std::uint64_t>{90, 99});
    CHECK(range("bytes=-1000", 100) == std::pair<std::uint64_t, std::uint64_t>{0, 99});
    CHECK(select_range("bytes=100-", 100).error().code == "InvalidRange");
    CHECK(select_range("bytes=0-", 0).error().code == "InvalidRange");
    CHECK(select_range("bytes=-0", 100).error().code == "InvalidRange");
    // Whole object: no header, several ranges, unreadable ones, a backwards range.
    for (const auto header :
         {"bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=5-1", "bytes=", "bytes=--1"}) {
      CAPTURE(header);
      auto whole = select_range(std::string_view(header), 100);
      REQUIRE(whole);
      CHECK_FALSE(whole->has_value());
    }
    CHECK_FALSE(select_range(std::nullopt, 100)->has_value());
  }
}
