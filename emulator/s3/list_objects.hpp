#pragma once
// ListObjectsV2 paging (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html) over a
// sorted key set, with no file access: which keys and common prefixes one page holds and the token for
// the next. Keys are in UTF-8 binary order, which is std::string's order (char_traits<char> compares
// bytes as unsigned char).

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/common/clock.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator {

// AWS's default and cap for MaxKeys: "returns up to 1,000 key names. The response might contain fewer
// keys but will never contain more."
inline constexpr int k_max_list_keys = 1000;

struct ListObjectsV2Request {
  // Only keys starting with this ("" = all).
  std::string prefix;
  // Keys that contain this after the prefix are rolled up into one CommonPrefix (prefix up to and
  // including the delimiter's first occurrence). Unset or "" = no rolling up.
  std::optional<std::string> delimiter;
  // Items (keys + common prefixes) per page: 0 returns nothing (IsTruncated false), values above 1000
  // are capped at 1000, negative values are InvalidArgument.
  int max_keys = k_max_list_keys;
  // List keys after this one (it need not exist). Ignored when continuation_token is set.
  std::optional<std::string> start_after;
  // A previous page's next_continuation_token. "" or a token Drydock did not issue is InvalidArgument
  // "The continuation token provided is incorrect".
  std::optional<std::string> continuation_token;
};

// One page of keys, before their metadata is looked up.
struct ListPage {
  std::vector<std::string> keys;             // ascending
  std::vector<std::string> common_prefixes;  // ascending
  bool is_truncated = false;
  std::optional<std::string> next_continuation_token;  // set iff is_truncated
};

// The page `request` selects from `sorted_keys` (ascending, unique). Fails with InvalidArgument for a
// negative max_keys or a malformed continuation token.
std::expected<ListPage, S3Error> list_page(const std::vector<std::string>& sorted_keys,
                                           const ListObjectsV2Request& request);

// A continuation token that resumes after `last`: after the key `last`, or after every key under the
// common prefix `last` (ListObjects v1 resumes from a Marker, which may be a common prefix).
std::string continuation_token_after(std::string_view last, bool after_common_prefix);

// One entry of ListObjectsV2's Contents.
struct ObjectSummary {
  std::string key;
  std::uint64_t size = 0;
  std::string etag;  // with its quotes, as S3 returns it: "\"d41d8cd98f00b204e9800998ecf8427e\""
  Instant last_modified;
  friend bool operator==(const ObjectSummary&, const ObjectSummary&) = default;
};

struct ListObjectsV2Result {
  std::vector<ObjectSummary> contents;
  std::vector<std::string> common_prefixes;
  bool is_truncated = false;
  std::optional<std::string> next_continuation_token;
  // contents.size() + common_prefixes.size(), as AWS counts KeyCount.
  int key_count = 0;
  // The MaxKeys in effect (the request's, capped at 1000).
  int max_keys = k_max_list_keys;
};

}  // namespace drydock::emulator
