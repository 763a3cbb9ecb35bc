#pragma once
// Helpers for the emulated S3 tests: readable instants, a snapshot of a directory tree (to prove a base
// directory was not touched), a bucket's listed keys, and a NotificationSink that records what it is
// given.

#include <chrono>
#include <expected>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "emulator/common/clock.hpp"
#include "emulator/common/md5.hpp"
#include "emulator/s3/bucket.hpp"
#include "emulator/s3/notification.hpp"
#include "tests/emulator/common/time_helpers.hpp"
#include "tests/support/test_support.hpp"

namespace drydock::test::s3 {

using test::utc;  // the UTC instant y-m-d h:mi:s.ms

// Every entry below `root` (relative path → "dir", or the file's MD5 and modification time), so two
// snapshots are equal only if nothing was created, removed, renamed, rewritten or re-stamped.
inline std::map<std::string, std::string> snapshot_tree(const std::filesystem::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::string relative = entry.path().lexically_relative(root).generic_string();
    if (entry.is_directory()) {
      out[relative] = "dir";
    } else {
      const auto stamp = entry.last_write_time().time_since_epoch().count();
      out[relative] = emulator::md5_hex(read_file(entry.path())) + " " + std::to_string(stamp);
    }
  }
  return out;
}

// Every key the bucket lists, in order.
inline std::vector<std::string> all_keys(const emulator::Bucket& bucket) {
  auto listed = bucket.list_objects_v2({});
  REQUIRE(listed.has_value());
  std::vector<std::string> keys;
  for (const auto& object : listed->contents) {
    keys.push_back(object.key);
  }
  return keys;
}

// The error code of `result`, or "ok": safe to CHECK whether or not the operation failed.
template <class T>
std::string code_of(const std::expected<T, emulator::S3Error>& result) {
  return result ? std::string("ok") : result.error().code;
}

// The error message of `result`, or "ok".
template <class T>
std::string message_of(const std::expected<T, emulator::S3Error>& result) {
  return result ? std::string("ok") : result.error().message;
}

// Records deliveries; refuses those to queues in `failing` with NonExistentQueue.
class RecordingSink final : public emulator::NotificationSink {
 public:
  struct Delivery {
    std::string queue_arn;
    std::string body;
  };

  std::expected<void, emulator::S3Error> deliver(std::string_view queue_arn, std::string body) override {
    if (failing.contains(std::string(queue_arn))) {
      return std::unexpected(emulator::S3Error{"AWS.SimpleQueueService.NonExistentQueue",
                                               "The specified queue does not exist."});
    }
    deliveries.push_back({std::string(queue_arn), std::move(body)});
    return {};
  }

  std::vector<Delivery> deliveries;
  std::set<std::string> failing;
};

}  // namespace drydock::test::s3

// Lists of keys print as ["a", "b"] in failed checks.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& values) {
    std::string out = "[";
    for (const auto& value : values) {
      out += (out.size() > 1 ? ", \"" : "\"") + value + "\"";
    }
    return (out + "]").c_str();
  }
};
