// A bucket over a read-only base directory with a writable overlay (emulator/s3/bucket.hpp): how a
// project's templates/ directory is served without ever being modified. The S3 semantics are the same as
// write-through (GetObject/PutObject/DeleteObject API pages); only where bytes land differs.

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "emulator/s3/bucket.hpp"
#include "emulator/s3/tombstones.hpp"
#include "tests/emulator/s3/s3_test_helpers.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::Bucket;
using drydock::emulator::VirtualClock;
using drydock::test::read_file;
using drydock::test::ScratchDir;
using drydock::test::s3::all_keys;
using drydock::test::s3::code_of;
using drydock::test::s3::snapshot_tree;
using drydock::test::s3::utc;
namespace fs = std::filesystem;

namespace {

// A base directory holding a small template tree, and an (absent) overlay next to it.
struct OverlayFixture {
  ScratchDir scratch;
  fs::path base = scratch.path() / "templates";
  fs::path overlay = scratch.path() / "state" / "overlay";
  VirtualClock clock{utc(2024, 5, 1)};

  OverlayFixture() {
    scratch.write("templates/IamRoles/role.yaml", "role v1");
    scratch.write("templates/IamRoles/other.yaml", "other");
    scratch.write("templates/a", "base file a");
  }

  std::unique_ptr<Bucket> open() {
    auto bucket = Bucket::open("templates", base, overlay, &clock);
    REQUIRE(bucket.has_value());
    return std::move(*bucket);
  }
};

}  // namespace

TEST_SUITE("emulator/s3") {
  TEST_CASE("an overlay bucket reads the base and writes only to the overlay, never touching the base") {
    OverlayFixture f;
    const auto before = snapshot_tree(f.base);
    auto bucket = f.open();

    CHECK(bucket->get_object("IamRoles/role.yaml")->body == "role v1");
    REQUIRE(bucket->put_object("IamRoles/role.yaml", "role v2").has_value());
    REQUIRE(bucket->put_object("IamRoles/new.yaml", "new").has_value());
    REQUIRE(bucket->put_object("a/b", "under the base's file a").has_value());
    REQUIRE(bucket->delete_object("IamRoles/other.yaml").has_value());
    REQUIRE(bucket->delete_object("a").has_value());

    CHECK(snapshot_tree(f.base) == before);
    CHECK(bucket->get_object("IamRoles/role.yaml")->body == "role v2");
    CHECK(read_file(f.overlay / "IamRoles/role.yaml") == "role v2");
    CHECK(all_keys(*bucket) == std::vector<std::string>{"IamRoles/new.yaml", "IamRoles/role.yaml", "a/b"});
  }

  TEST_CASE("deleting a base object records a tombstone that hides it, and a later put revives the key") {
    OverlayFixture f;
    auto bucket = f.open();
    REQUIRE(bucket->delete_object("IamRoles/role.yaml").has_value());
    CHECK(code_of(bucket->get_object("IamRoles/role.yaml")) == "NoSuchKey");
    CHECK(code_of(bucket->head_object("IamRoles/role.yaml")) == "NoSuchKey");
    CHECK(all_keys(*bucket) == std::vector<std::string>{"IamRoles/other.yaml", "a"});
    CHECK(read_file(f.base / "IamRoles/role.yaml") == "role v1");
    CHECK(fs::exists(f.overlay / drydock::emulator::k_tombstones_file_name));

    REQUIRE(bucket->put_object("IamRoles/role.yaml", "revived").has_value());
    CHECK(bucket->get_object("IamRoles/role.yaml")->body == "revived");
    CHECK(all_keys(*bucket) == std::vector<std::string>{"IamRoles/other.yaml", "IamRoles/role.yaml", "a"});

    // Deleting the revived key removes the overlay copy and hides the base one again.
    REQUIRE(bucket->delete_object("IamRoles/role.yaml").has_value());
    CHECK(code_of(bucket->get_object("IamRoles/role.yaml")) == "NoSuchKey");
    CHECK(read_file(f.base / "IamRoles/role.yaml") == "role v1");
  }

  TEST_CASE("tombstones and overlay objects survive reopening the bucket") {
    OverlayFixture f;
    {
      auto bucket = f.open();
      REQUIRE(bucket->delete_object("IamRoles/other.yaml").has_value());
      REQUIRE(bucket->put_object("IamRoles/role.yaml", "role v2").has_value());
    }
    auto reopened = f.open();
    CHECK(code_of(reopened->get_object("IamRoles/other.yaml")) == "NoSuchKey");
    CHECK(reopened->get_object("IamRoles/role.yaml")->body == "role v2");
    CHECK(all_keys(*reopened) == std::vector<std::string>{"IamRoles/role.yaml", "a"});
  }

  TEST_CASE("deleting an object that exists only in the overlay needs no tombstone") {
    OverlayFixture f;
    auto bucket = f.open();
    REQUIRE(bucket->put_object("only/here", "x").has_value());
    REQUIRE(bucket->delete_object("only/here").has_value());
    CHECK(code_of(bucket->get_object("only/here")) == "NoSuchKey");
    CHECK_FALSE(fs::exists(f.overlay / drydock::emulator::k_tombstones_file_name));
  }

  TEST_CASE("the overlay's bookkeeping files are never listed as objects") {
    OverlayFixture f;
    auto bucket = f.open();
    REQUIRE(bucket->delete_object("a").has_value());
    REQUIRE(bucket->put_object("x", "x").has_value());
    CHECK(all_keys(*bucket) == std::vector<std::string>{"IamRoles/other.yaml", "IamRoles/role.yaml", "x"});
  }

  TEST_CASE("an overlay inside the base, or the base inside the overlay, is refused") {
    ScratchDir scratch;
    const auto nested = Bucket::open("b", scratch.path(), scratch.path() / "overlay");
    REQUIRE_FALSE(nested.has_value());
    CHECK(nested.error().code == "InvalidArgument");
    CHECK_FALSE(Bucket::open("b", scratch.path() / "base", scratch.path()).has_value());
    CHECK_FALSE(Bucket::open("b", scratch.path(), scratch.path()).has_value());
  }

  TEST_CASE("a corrupt tombstone file is reported when the bucket is opened") {
    ScratchDir scratch;
    scratch.write("overlay/.drydock~tombstones.json", "{not json");
    const auto bucket = Bucket::open("b", scratch.path() / "base", scratch.path() / "overlay");
    REQUIRE_FALSE(bucket.has_value());
    CHECK(bucket.error().code == "InternalError");
    CHECK(bucket.error().message.find(".drydock~tombstones.json") != std::string::npos);
  }
}
