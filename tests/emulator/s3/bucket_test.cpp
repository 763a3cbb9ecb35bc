// A bucket written straight to its directory (`--write-through`, and the state dir's buckets):
// GetObject/HeadObject/PutObject/DeleteObject semantics from
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (and the PutObject, HeadObject,
// DeleteObject pages), with each key stored at its natural relative path.

#include "emulator/s3/bucket.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "emulator/s3/object_tree.hpp"
#include "tests/emulator/s3/s3_test_helpers.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::Bucket;
using drydock::emulator::ListObjectsV2Request;
using drydock::emulator::VirtualClock;
using drydock::test::read_file;
using drydock::test::ScratchDir;
using drydock::test::s3::all_keys;
using drydock::test::s3::code_of;
using drydock::test::s3::message_of;
using drydock::test::s3::utc;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<Bucket> open_write_through(const fs::path& dir, const VirtualClock* clock = nullptr) {
  auto bucket = Bucket::open("templates", dir, std::nullopt, clock);
  REQUIRE(bucket.has_value());
  return std::move(*bucket);
}

// Files directly in `dir`, by name, to spot leftovers.
std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_SUITE("emulator/s3") {
  TEST_CASE("an object put into a bucket reads back with its size, quoted MD5 ETag and the clock's time") {
    ScratchDir scratch;
    VirtualClock clock(utc(2024, 5, 1, 12, 30, 15, 250));
    auto bucket = open_write_through(scratch.path(), &clock);

    const auto put = bucket->put_object("IamRoles/role.yaml", "TemplateName: x\n");
    REQUIRE(put.has_value());
    // PutObject's ETag header is the MD5 in double quotes.
    CHECK(put->etag == "\"" + drydock::emulator::md5_hex("TemplateName: x\n") + "\"");
    CHECK(put->size == 16);
    CHECK(put->last_modified == utc(2024, 5, 1, 12, 30, 15, 250));

    const auto got = bucket->get_object("IamRoles/role.yaml");
    REQUIRE(got.has_value());
    CHECK(got->body == "TemplateName: x\n");
    CHECK(got->metadata == *put);
    const auto head = bucket->head_object("IamRoles/role.yaml");
    REQUIRE(head.has_value());
    CHECK(*head == *put);
    // Stored at its natural path, so the directory stays a readable template tree.
    CHECK(read_file(scratch.path() / "IamRoles/role.yaml") == "TemplateName: x\n");
  }

  TEST_CASE("the ETag of an empty object is the MD5 of no bytes") {
    ScratchDir scratch;
    auto bucket = open_write_through(scratch.path());
    const auto put = bucket->put_object("empty", "");
    REQUIRE(put.has_value());
    CHECK(put->etag == "\"d41d8cd98f00b204e9800998ecf8427e\"");
    CHECK(put->size == 0);
    CHECK(bucket->get_object("empty")->body.empty());
  }

  TEST_CASE("a second put replaces the object atomically and leaves no temp file behind") {
    ScratchDir scratch;
    VirtualClock clock(utc(2024, 5, 1));
    auto bucket = open_write_through(scratch.path(), &clock);
    REQUIRE(bucket->put_object("k", "first").has_value());
    // Same size and same (stopped) clock: the ETag cache must still notice the new bytes.
    REQUIRE(bucket->put_object("k", "later").has_value());
    CHECK(bucket->get_object("k")->body == "later");
    CHECK(bucket->head_object("k")->etag == "\"" + drydock::emulator::md5_hex("later") + "\"");
    CHECK(names_in(scratch.path()) == std::vector<std::string>{"k"});
  }

  TEST_CASE("a file rewritten behind the bucket's back reports its new ETag at once") {
    ScratchDir scratch;
    scratch.write("IamRoles/role.yaml", "version 1");
    auto bucket = open_write_through(scratch.path());
    CHECK(bucket->head_object("IamRoles/role.yaml")->etag ==
          "\"" + drydock::emulator::md5_hex("version 1") + "\"");
    CHECK(bucket->list_objects_v2({})->contents.at(0).etag ==
          bucket->head_object("IamRoles/role.yaml")->etag);
    // Same size, rewritten in place within the file system's timestamp granularity.
    scratch.write("IamRoles/role.yaml", "version 2");
    CHECK(bucket->head_object("IamRoles/role.yaml")->etag ==
          "\"" + drydock::emulator::md5_hex("version 2") + "\"");
    CHECK(bucket->list_objects_v2({})->contents.at(0).etag ==
          bucket->head_object("IamRoles/role.yaml")->etag);
  }

  TEST_CASE("a missing object is NoSuchKey for get and head, and deleting it succeeds as in AWS") {
    ScratchDir scratch;
    auto bucket = open_write_through(scratch.path());
    CHECK(code_of(bucket->get_object("nope")) == "NoSuchKey");
    CHECK(message_of(bucket->get_object("nope")) == "The specified key does not exist.");
    CHECK(code_of(bucket->head_object("nope")) == "NoSuchKey");
    CHECK(bucket->delete_object("nope").has_value());
  }

  TEST_CASE("a deleted object is gone, and directories it leaves empty go with it") {
    ScratchDir scratch;
    auto bucket = open_write_through(scratch.path());
    REQUIRE(bucket->put_object("a/b/c.yaml", "x").has_value());
    REQUIRE(bucket->put_object("a/d.yaml", "y").has_value());
    REQUIRE(bucket->delete_object("a/b/c.yaml").has_value());
    CHECK(code_of(bucket->get_object("a/b/c.yaml")) == "NoSuchKey");
    CHECK_FALSE(fs::exists(scratch.path() / "a/b"));
    CHECK(fs::exists(scratch.path() / "a/d.yaml"));
    REQUIRE(bucket->delete_object("a/d.yaml").has_value());
    CHECK(names_in(scratch.path()).empty());
    CHECK(fs::is_directory(scratch.path()));
  }

  TEST_CASE("a template directory is a bucket as it is: plain files at their relative paths are objects") {
    ScratchDir scratch;
    scratch.write("IamRoles/role.yaml", "role");
    scratch.write("GitHubSync/repos.yaml", "repos");
    scratch.write("top.yaml", "top");
    auto bucket = open_write_through(scratch.path());
    CHECK(all_keys(*bucket) ==
          std::vector<std::string>{"GitHubSync/repos.yaml", "IamRoles/role.yaml", "top.yaml"});
    CHECK(bucket->get_object("IamRoles/role.yaml")->body == "role");
    CHECK(bucket->head_object("top.yaml")->size == 3);
    // A directory is not an object.
    CHECK(code_of(bucket->get_object("IamRoles")) == "NoSuchKey");
  }

  TEST_CASE("'a' and 'a/b' can both be objects, as in S3, whichever is put first") {
    ScratchDir scratch;
    auto bucket = open_write_through(scratch.path());
    SUBCASE("the file first, then the key below it") {
      REQUIRE(bucket->put_object("a", "A").has_value());
      REQUIRE(bucket->put_object("a/b", "B").has_value());
    }
    SUBCASE("the key below first, then the file") {
      REQUIRE(bucket->put_object("a/b", "B").has_value());
      REQUIRE(bucket->put_object("a", "A").has_value());
    }
    CHECK(bucket->get_object("a")->body == "A");
    CHECK(bucket->get_object("a/b")->body == "B");
    CHECK(all_keys(*bucket) == std::vector<std::string>{"a", "a/b"});
    // "a" is a directory now; the object "a" lives under Drydock's reserved name inside it.
    CHECK(read_file(scratch.path() / "a" / drydock::emulator::k_object_file_name) == "A");
    REQUIRE(bucket->delete_object("a/b").has_value());
    CHECK(bucket->get_object("a")->body == "A");
    REQUIRE(bucket->delete_object("a").has_value());
    CHECK(names_in(scratch.path()).empty());
  }

  TEST_CASE("a folder-marker key ending in '/' is an object distinct from the keys below it") {
    ScratchDir scratch;
    auto bucket = open_write_through(scratch.path());
    REQUIRE(bucket->put_object("dir/", "").has_value());
    REQUIRE(bucket->put_object("dir", "file").has_value());
    REQUIRE(bucket->put_object("dir/x", "x").has_value());
    CHECK(all_keys(*bucket) == std::vector<std::string>{"dir", "dir/", "dir/x"});
    CHECK(bucket->get_object("dir/")->body.empty());
    CHECK(bucket->get_object("dir")->body == "file");
    REQUIRE(bucket->delete_object("dir/").has_value());
    CHECK(all_keys(*bucket) == std::vector<std::string>{"dir", "dir/x"});
  }

  TEST_CASE("a key below an existing file is not found rather than an error") {
    ScratchDir scratch;
    scratch.write("a", "A");
    auto bucket = open_write_through(scratch.path());
    CHECK(code_of(bucket->get_object("a/b")) == "NoSuchKey");
    CHECK(code_of(bucket->head_object("a/b/c")) == "NoSuchKey");
    CHECK(bucket->delete_object("a/b").has_value());
  }

  TEST_CASE("files that cannot be objects and Drydock's own temp files are not listed") {
    ScratchDir scratch;
    scratch.write("ok.yaml", "ok");
    scratch.write(".drydock~tmp-1-00ff", "half-written");
    scratch.write("sub/.drydock~tmp-2-00ff", "half-written");
    scratch.write(std::string("bad\xff") + "name", "not UTF-8");
    auto bucket = open_write_through(scratch.path());
    CHECK(all_keys(*bucket) == std::vector<std::string>{"ok.yaml"});
  }

  TEST_CASE("every operation refuses a key that would escape the bucket directory") {
    ScratchDir scratch;
    scratch.write("inside/x", "x");
    scratch.write("outside", "secret");
    auto bucket = open_write_through(scratch.path() / "inside");
    for (const std::string_view key : {"../outside", "/etc/passwd", "x/./y", "a//b"}) {
      CAPTURE(key);
      CHECK(code_of(bucket->get_object(key)) == "InvalidArgument");
      CHECK(code_of(bucket->head_object(key)) == "InvalidArgument");
      CHECK(code_of(bucket->put_object(key, "overwrite")) == "InvalidArgument");
      CHECK(code_of(bucket->delete_object(key)) == "InvalidArgument");
    }
    CHECK(read_file(scratch.path() / "outside") == "secret");
    CHECK(code_of(bucket->put_object(std::string(1025, 'k'), "")) == "KeyTooLongError");
  }

  TEST_CASE("a bucket directory that does not exist yet is empty and is created by the first put") {
    ScratchDir scratch;
    auto bucket = open_write_through(scratch.path() / "state" / "buckets" / "index");
    CHECK(all_keys(*bucket).empty());
    CHECK(code_of(bucket->get_object("k")) == "NoSuchKey");
    REQUIRE(bucket->put_object("accountIndex.json", "{}").has_value());
    CHECK(read_file(scratch.path() / "state/buckets/index/accountIndex.json") == "{}");
  }

  TEST_CASE("a bucket over a path that is a file is refused") {
    ScratchDir scratch;
    const auto file = scratch.write("not-a-dir", "x");
    const auto bucket = Bucket::open("b", file, std::nullopt);
    REQUIRE_FALSE(bucket.has_value());
    CHECK(bucket.error().code == "InvalidArgument");
    CHECK(bucket.error().message.find("is not a directory") != std::string::npos);
  }

  TEST_CASE("without a clock a put keeps the host's modification time") {
    ScratchDir scratch;
    auto bucket = open_write_through(scratch.path());
    const auto put = bucket->put_object("k", "v");
    REQUIRE(put.has_value());
    CHECK(put->last_modified > utc(2024, 1, 1));
  }
}
