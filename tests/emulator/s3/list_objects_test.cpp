// ListObjectsV2 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html): "objects are
// returned sorted in an ascending order of the respective key names" (UTF-8 binary order), MaxKeys
// default and cap 1,000, StartAfter, ContinuationToken, Prefix, Delimiter/CommonPrefixes.

#include "emulator/s3/list_objects.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>

#include "emulator/s3/bucket.hpp"
#include "tests/emulator/s3/s3_test_helpers.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::Bucket;
using drydock::emulator::list_page;
using drydock::emulator::ListObjectsV2Request;
using drydock::emulator::ListObjectsV2Result;
using drydock::emulator::VirtualClock;
using drydock::test::ScratchDir;
using drydock::test::s3::code_of;
using drydock::test::s3::message_of;
using drydock::test::s3::utc;

namespace {

// Keys in the order S3 lists them: bytes compared as unsigned ('-' 0x2D < '/' 0x2F < '0' 0x30 < 'A' <
// 'a' < '~' 0x7E < every multi-byte character, and those by code point).
const std::vector<std::string> k_sorted_keys = {"A", "a", "a-b", "a/b", "a/c/d", "a0", "b",
                                                "z", "~", "é",   "é/x", "日本",  "😀"};

struct ListFixture {
  ScratchDir scratch;
  VirtualClock clock{utc(2024, 5, 1)};
  std::unique_ptr<Bucket> bucket;

  ListFixture() {
    auto opened = Bucket::open("b", scratch.path(), std::nullopt, &clock);
    REQUIRE(opened.has_value());
    bucket = std::move(*opened);
    // Put in reverse, so the order cannot come from insertion.
    for (auto it = k_sorted_keys.rbegin(); it != k_sorted_keys.rend(); ++it) {
      REQUIRE(bucket->put_object(*it, "body of " + *it).has_value());
    }
  }

  ListObjectsV2Result list(const ListObjectsV2Request& request) const {
    auto result = bucket->list_objects_v2(request);
    REQUIRE(result.has_value());
    return std::move(*result);
  }
};

std::vector<std::string> keys_of(const ListObjectsV2Result& result) {
  std::vector<std::string> keys;
  for (const auto& object : result.contents) {
    keys.push_back(object.key);
  }
  return keys;
}

// Every page of `request` (contents and common prefixes in page order), following the tokens.
std::vector<std::string> all_pages(const ListFixture& f, ListObjectsV2Request request, int* pages = nullptr) {
  std::vector<std::string> items;
  int count = 0;
  while (true) {
    const auto page = f.list(request);
    ++count;
    REQUIRE(page.key_count <= request.max_keys);
    CHECK(page.key_count == static_cast<int>(page.contents.size() + page.common_prefixes.size()));
    // Within a page contents and prefixes are separate lists; merge to compare with the flat order.
    std::vector<std::string> merged = keys_of(page);
    merged.insert(merged.end(), page.common_prefixes.begin(), page.common_prefixes.end());
    std::sort(merged.begin(), merged.end());
    items.insert(items.end(), merged.begin(), merged.end());
    CHECK(page.is_truncated == page.next_continuation_token.has_value());
    if (!page.is_truncated) {
      break;
    }
    request.continuation_token = page.next_continuation_token;
    REQUIRE(count < 100);
  }
  if (pages) {
    *pages = count;
  }
  return items;
}

}  // namespace

TEST_SUITE("emulator/s3") {
  TEST_CASE("keys are listed in UTF-8 binary order with their size, ETag and LastModified") {
    ListFixture f;
    const auto result = f.list({});
    CHECK(keys_of(result) == k_sorted_keys);
    CHECK_FALSE(result.is_truncated);
    CHECK(result.key_count == static_cast<int>(k_sorted_keys.size()));
    CHECK(result.max_keys == 1000);
    const auto& first = result.contents.front();
    CHECK(first.size == std::string("body of A").size());
    CHECK(first.etag == "\"" + drydock::emulator::md5_hex("body of A") + "\"");
    CHECK(first.last_modified == utc(2024, 5, 1));
  }

  TEST_CASE("paging with every MaxKeys from 1 to N reaches every key exactly once, in order") {
    ListFixture f;
    const int n = static_cast<int>(k_sorted_keys.size());
    for (int max_keys = 1; max_keys <= n + 1; ++max_keys) {
      CAPTURE(max_keys);
      ListObjectsV2Request request;
      request.max_keys = max_keys;
      int pages = 0;
      CHECK(all_pages(f, request, &pages) == k_sorted_keys);
      CHECK(pages == std::max(1, (n + max_keys - 1) / max_keys));
    }
  }

  TEST_CASE("a page that ends exactly at the last key is not truncated") {
    ListFixture f;
    ListObjectsV2Request request;
    request.max_keys = static_cast<int>(k_sorted_keys.size());
    const auto result = f.list(request);
    CHECK_FALSE(result.is_truncated);
    CHECK_FALSE(result.next_continuation_token.has_value());
  }

  TEST_CASE("StartAfter lists the keys after it, whether or not it is a key itself") {
    ListFixture f;
    ListObjectsV2Request request;
    request.start_after = "a/b";
    CHECK(keys_of(f.list(request)) ==
          std::vector<std::string>(k_sorted_keys.begin() + 4, k_sorted_keys.end()));
    request.start_after = "a/bz";
    CHECK(keys_of(f.list(request)).front() == "a/c/d");
    request.start_after = "\xf0\x9f\x98\x80";  // the last key
    CHECK(f.list(request).contents.empty());
  }

  TEST_CASE("a continuation token takes precedence over StartAfter") {
    ListFixture f;
    ListObjectsV2Request request;
    request.max_keys = 2;
    const auto first = f.list(request);
    REQUIRE(first.next_continuation_token.has_value());
    request.continuation_token = first.next_continuation_token;
    request.start_after = "z";
    CHECK(keys_of(f.list(request)) == std::vector<std::string>{"a-b", "a/b"});
  }

  TEST_CASE("an incorrect continuation token is InvalidArgument, as AWS answers") {
    ListFixture f;
    for (const std::string token : {"", "zz", "abc", "6B61", "00", "7a61", "6bff", "6B"}) {
      CAPTURE(token);
      ListObjectsV2Request request;
      request.continuation_token = token;
      const auto result = f.bucket->list_objects_v2(request);
      CHECK(code_of(result) == "InvalidArgument");
      CHECK(message_of(result) == "The continuation token provided is incorrect");
    }
  }

  TEST_CASE("Prefix limits the listing to keys that start with it, byte for byte") {
    ListFixture f;
    ListObjectsV2Request request;
    request.prefix = "a";
    CHECK(keys_of(f.list(request)) == std::vector<std::string>{"a", "a-b", "a/b", "a/c/d", "a0"});
    request.prefix = "a/";
    CHECK(keys_of(f.list(request)) == std::vector<std::string>{"a/b", "a/c/d"});
    request.prefix = "a/c/";
    CHECK(keys_of(f.list(request)) == std::vector<std::string>{"a/c/d"});
    request.prefix = "é";
    CHECK(keys_of(f.list(request)) == std::vector<std::string>{"é", "é/x"});
    request.prefix = "nothing/";
    CHECK(f.list(request).contents.empty());
    request.prefix = "A";  // case-sensitive
    CHECK(keys_of(f.list(request)) == std::vector<std::string>{"A"});
  }

  TEST_CASE("a prefix that is not a safe path still filters and never walks outside the bucket") {
    ScratchDir scratch;
    scratch.write("outside/secret", "x");
    scratch.write("bucket/ok", "ok");
    auto bucket = Bucket::open("b", scratch.path() / "bucket", std::nullopt);
    REQUIRE(bucket.has_value());
    for (const std::string prefix : {"../outside/", "../", "/", "./", "ok//"}) {
      CAPTURE(prefix);
      ListObjectsV2Request request;
      request.prefix = prefix;
      const auto result = (*bucket)->list_objects_v2(request);
      REQUIRE(result.has_value());
      CHECK(result->contents.empty());
    }
  }

  TEST_CASE("MaxKeys 0 returns nothing and is not truncated, and a negative MaxKeys is InvalidArgument") {
    ListFixture f;
    ListObjectsV2Request request;
    request.max_keys = 0;
    const auto result = f.list(request);
    CHECK(result.contents.empty());
    CHECK(result.key_count == 0);
    CHECK_FALSE(result.is_truncated);
    CHECK_FALSE(result.next_continuation_token.has_value());
    request.max_keys = -1;
    CHECK(code_of(f.bucket->list_objects_v2(request)) == "InvalidArgument");
  }

  TEST_CASE("MaxKeys above 1000 is capped at 1000, as S3 never returns more") {
    std::vector<std::string> keys;
    for (int i = 0; i < 2500; ++i) {
      keys.push_back(fmt::format("k{:05}", i));
    }
    ListObjectsV2Request request;
    request.max_keys = 5000;
    auto page = list_page(keys, request);
    REQUIRE(page.has_value());
    CHECK(page->keys.size() == 1000);
    CHECK(page->is_truncated);
    request.continuation_token = page->next_continuation_token;
    page = list_page(keys, request);
    REQUIRE(page.has_value());
    CHECK(page->keys.front() == "k01000");
    CHECK(page->keys.size() == 1000);
    // The default is also 1000.
    CHECK(list_page(keys, {})->keys.size() == 1000);
  }

  TEST_CASE("a delimiter rolls keys up into CommonPrefixes, each counted once toward MaxKeys") {
    ListFixture f;
    ListObjectsV2Request request;
    request.delimiter = "/";
    const auto result = f.list(request);
    CHECK(keys_of(result) ==
          std::vector<std::string>{"A", "a", "a-b", "a0", "b", "z", "~", "é", "日本", "😀"});
    CHECK(result.common_prefixes == std::vector<std::string>{"a/", "é/"});
    CHECK(result.key_count == 12);

    request.prefix = "a/";
    const auto nested = f.list(request);
    CHECK(keys_of(nested) == std::vector<std::string>{"a/b"});
    CHECK(nested.common_prefixes == std::vector<std::string>{"a/c/"});
  }

  TEST_CASE("paging with a delimiter never repeats a common prefix across pages") {
    ListFixture f;
    const std::vector<std::string> expected = {"A", "a", "a-b", "a/", "a0",   "b",
                                               "z", "~", "é",   "é/", "日本", "😀"};
    for (int max_keys = 1; max_keys <= 13; ++max_keys) {
      CAPTURE(max_keys);
      ListObjectsV2Request request;
      request.delimiter = "/";
      request.max_keys = max_keys;
      CHECK(all_pages(f, request) == expected);
    }
  }

  TEST_CASE("StartAfter inside a rolled-up group still lists the group's common prefix") {
    ListFixture f;
    ListObjectsV2Request request;
    request.delimiter = "/";
    request.start_after = "a/b";
    const auto result = f.list(request);
    CHECK(result.common_prefixes.front() == "a/");
    CHECK(keys_of(result).front() == "a0");
  }
}
