// The multipart upload store: CreateMultipartUpload, UploadPart, ListParts, ListMultipartUploads,
// CompleteMultipartUpload and AbortMultipartUpload as AWS documents them
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html and siblings).
// Most cases lower min_part_bytes to 1 so parts stay tiny; one case uploads a real 5 MiB part.

#include "emulator/s3/multipart_uploads.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/emulator/s3/s3_test_helpers.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::CompletedPart;
using drydock::emulator::MultipartOptions;
using drydock::emulator::MultipartUploads;
using drydock::emulator::VirtualClock;
using drydock::test::ScratchDir;
using drydock::test::s3::code_of;
using drydock::test::s3::message_of;
using drydock::test::s3::snapshot_tree;
using drydock::test::s3::utc;
namespace fs = std::filesystem;

namespace {

constexpr MultipartOptions k_tiny_parts{.min_part_bytes = 1, .max_object_bytes = 1 << 20};

// A store under <scratch>/state/multipart, with parts as small as the test likes.
struct Fixture {
  ScratchDir scratch;
  VirtualClock clock{utc(2024, 5, 1, 12, 0, 0)};
  fs::path root = scratch.path() / "state" / "multipart";
  MultipartUploads uploads{root, clock, k_tiny_parts};

  std::string create(std::string_view key = "big.bin") {
    auto id = uploads.create("bucket", key);
    REQUIRE(id.has_value());
    return *id;
  }
  std::string upload(const std::string& id, int number, std::string_view bytes) {
    auto etag = uploads.upload_part("bucket", "big.bin", id, number, bytes);
    REQUIRE(etag.has_value());
    return *etag;
  }
};

}  // namespace

TEST_SUITE("emulator/s3") {
  TEST_CASE("completing two parts returns their bytes and the multipart ETag and removes the upload") {
    Fixture f;
    const auto id = f.create();
    const auto first = f.upload(id, 1, "hello ");
    const auto second = f.upload(id, 2, "world");
    CHECK(first == "\"" + drydock::emulator::md5_hex("hello ") + "\"");

    const auto done = f.uploads.complete("bucket", "big.bin", id, {{1, first}, {2, second}});
    REQUIRE(done.has_value());
    CHECK(done->bytes == "hello world");
    // md5(md5("hello ") ‖ md5("world")) over the binary digests, computed with Python's hashlib.
    CHECK(done->etag == "\"e09e4fd6265b36115fe3db32df945d84-2\"");
    CHECK(!fs::exists(f.root / id));
    CHECK(code_of(f.uploads.list_parts("bucket", "big.bin", id)) == "NoSuchUpload");
    CHECK(code_of(f.uploads.complete("bucket", "big.bin", id, {{1, first}, {2, second}})) == "NoSuchUpload");
  }

  TEST_CASE("multipart_etag of one part is the MD5 of its digest, with -1") {
    CHECK(drydock::emulator::multipart_etag({"\"6299ba2cbd9661a5e3872b715521cd6a\""}) ==
          "\"ea62d57755f34c46eea7035b29d5fc46-1\"");
  }

  TEST_CASE("with AWS's 5 MiB minimum, a 5 MiB first part completes and a 1-byte first part is too small") {
    ScratchDir scratch;
    VirtualClock clock(utc(2024, 5, 1));
    MultipartUploads uploads(scratch.path(), clock);
    const auto id = uploads.create("bucket", "big.bin");
    REQUIRE(id.has_value());
    const std::string five_mib(std::size_t{5} << 20, 'x');

    SUBCASE("5 MiB then a small last part") {
      const auto first = uploads.upload_part("bucket", "big.bin", *id, 1, five_mib);
      const auto last = uploads.upload_part("bucket", "big.bin", *id, 2, "tail");
      REQUIRE((first && last));
      const auto done = uploads.complete("bucket", "big.bin", *id, {{1, *first}, {2, *last}});
      REQUIRE(done.has_value());
      CHECK(done->bytes.size() == five_mib.size() + 4);
      CHECK(done->etag == "\"a45f1422f2dbe3d2890829dd76adba1b-2\"");  // hashlib, as above
    }
    SUBCASE("a small part before the last") {
      const auto first = uploads.upload_part("bucket", "big.bin", *id, 1, "tiny");
      const auto last = uploads.upload_part("bucket", "big.bin", *id, 2, "tail");
      REQUIRE((first && last));
      const auto done = uploads.complete("bucket", "big.bin", *id, {{1, *first}, {2, *last}});
      CHECK(code_of(done) == "EntityTooSmall");
      CHECK(message_of(done) == "Your proposed upload is smaller than the minimum allowed object size.");
      CHECK(uploads.list_parts("bucket", "big.bin", *id).has_value());  // the upload is still there
    }
    SUBCASE("a small part before a wrong ETag: the ETag is reported") {
      const auto first = uploads.upload_part("bucket", "big.bin", *id, 1, "tiny");
      REQUIRE(first.has_value());
      CHECK(code_of(uploads.complete("bucket", "big.bin", *id, {{1, *first}, {2, *first}})) == "InvalidPart");
    }
    SUBCASE("a single small part is the last one, so it is allowed") {
      const auto only = uploads.upload_part("bucket", "big.bin", *id, 1, "tiny");
      REQUIRE(only.has_value());
      CHECK(uploads.complete("bucket", "big.bin", *id, {{1, *only}}).has_value());
    }
  }

  TEST_CASE("a part uploaded again replaces the earlier one") {
    Fixture f;
    const auto id = f.create();
    const auto old_etag = f.upload(id, 1, "old bytes");
    f.clock.advance_by(std::chrono::seconds(5));
    const auto new_etag = f.upload(id, 1, "new");

    const auto listed = f.uploads.list_parts("bucket", "big.bin", id);
    REQUIRE(listed.has_value());
    REQUIRE(listed->parts.size() == 1);
    CHECK(listed->parts[0].etag == new_etag);
    CHECK(listed->parts[0].size == 3);
    CHECK(listed->parts[0].last_modified == utc(2024, 5, 1, 12, 0, 5));
    CHECK(code_of(f.uploads.complete("bucket", "big.bin", id, {{1, old_etag}})) == "InvalidPart");
    const auto done = f.uploads.complete("bucket", "big.bin", id, {{1, new_etag}});
    REQUIRE(done.has_value());
    CHECK(done->bytes == "new");
  }

  TEST_CASE("complete refuses a parts list that is empty, out of order, or names parts that do not match") {
    Fixture f;
    const auto id = f.create();
    const auto one = f.upload(id, 1, "a");
    const auto two = f.upload(id, 2, "b");
    std::vector<CompletedPart> parts;
    std::string expected_code;

    SUBCASE("empty") {
      expected_code = "MalformedXML";
    }
    SUBCASE("descending") {
      parts = {{2, two}, {1, one}};
      expected_code = "InvalidPartOrder";
    }
    SUBCASE("the same number twice") {
      parts = {{1, one}, {1, one}};
      expected_code = "InvalidPartOrder";
    }
    SUBCASE("a wrong ETag") {
      parts = {{1, one}, {2, one}};
      expected_code = "InvalidPart";
    }
    SUBCASE("a part never uploaded") {
      parts = {{1, one}, {3, two}};
      expected_code = "InvalidPart";
    }
    SUBCASE("a part number out of range") {
      parts = {{1, one}, {10001, two}};
      expected_code = "InvalidArgument";
    }
    const auto done = f.uploads.complete("bucket", "big.bin", id, parts);
    CHECK(code_of(done) == expected_code);
    // Nothing was discarded: the same upload still completes.
    CHECK(f.uploads.complete("bucket", "big.bin", id, {{1, one}, {2, two}}).has_value());
  }

  TEST_CASE("complete's error messages are AWS's") {
    Fixture f;
    const auto id = f.create();
    const auto one = f.upload(id, 1, "a");
    CHECK(message_of(f.uploads.complete("bucket", "big.bin", id, {})) ==
          "The XML you provided was not well-formed or did not validate against our published schema");
    CHECK(message_of(f.uploads.complete("bucket", "big.bin", id, {{2, one}, {1, one}})) ==
          "The list of parts was not in ascending order. The parts list must be specified in order by part "
          "number.");
    CHECK(
        message_of(f.uploads.complete("bucket", "big.bin", id, {{1, "\"0123\""}})) ==
        "One or more of the specified parts could not be found. The part may not have been uploaded, or the "
        "specified entity tag may not have matched the part's entity tag.");
  }

  TEST_CASE("complete accepts ETags without their quotes and discards parts it was not given") {
    Fixture f;
    const auto id = f.create();
    const auto one = f.upload(id, 1, "first");
    f.upload(id, 2, "second");
    const auto three = f.upload(id, 3, "third");
    const auto done =
        f.uploads.complete("bucket", "big.bin", id, {{1, one.substr(1, one.size() - 2)}, {3, three}});
    REQUIRE(done.has_value());
    CHECK(done->bytes == "firstthird");
    CHECK(done->etag == drydock::emulator::multipart_etag({one, three}));
    CHECK(!fs::exists(f.root / id));
  }

  TEST_CASE("part numbers outside 1..10000 are refused with AWS's message") {
    Fixture f;
    const auto id = f.create();
    for (const int number : {0, -1, 10001}) {
      const auto result = f.uploads.upload_part("bucket", "big.bin", id, number, "x");
      CHECK(code_of(result) == "InvalidArgument");
      CHECK(message_of(result) == "Part number must be an integer between 1 and 10000, inclusive");
    }
    CHECK(f.uploads.upload_part("bucket", "big.bin", id, 10000, "x").has_value());
  }

  TEST_CASE("an aborted upload is gone: every operation on it is NoSuchUpload") {
    Fixture f;
    const auto id = f.create();
    const auto one = f.upload(id, 1, "a");
    REQUIRE(f.uploads.abort("bucket", "big.bin", id).has_value());
    CHECK(!fs::exists(f.root / id));

    const auto part = f.uploads.upload_part("bucket", "big.bin", id, 2, "b");
    CHECK(code_of(part) == "NoSuchUpload");
    CHECK(message_of(part) ==
          "The specified upload does not exist. The upload ID may be invalid, or the upload may have been "
          "aborted or completed.");
    CHECK(code_of(f.uploads.list_parts("bucket", "big.bin", id)) == "NoSuchUpload");
    CHECK(code_of(f.uploads.complete("bucket", "big.bin", id, {{1, one}})) == "NoSuchUpload");
    CHECK(code_of(f.uploads.abort("bucket", "big.bin", id)) == "NoSuchUpload");
  }

  TEST_CASE("an upload is only reachable through its own bucket and key") {
    Fixture f;
    const auto id = f.create("big.bin");
    CHECK(code_of(f.uploads.upload_part("other-bucket", "big.bin", id, 1, "a")) == "NoSuchUpload");
    CHECK(code_of(f.uploads.upload_part("bucket", "other.bin", id, 1, "a")) == "NoSuchUpload");
    CHECK(code_of(f.uploads.list_parts("bucket", "other.bin", id)) == "NoSuchUpload");
    CHECK(code_of(f.uploads.abort("other-bucket", "big.bin", id)) == "NoSuchUpload");
    CHECK(fs::exists(f.root / id));
  }

  TEST_CASE("uploads and their parts survive reopening the store on the same directory") {
    Fixture f;
    const auto id = f.create();
    const auto one = f.upload(id, 1, "before ");
    const auto two = f.upload(id, 2, "restart");

    MultipartUploads reopened(f.root, f.clock, k_tiny_parts);
    const auto listed = reopened.list_uploads("bucket");
    REQUIRE(listed.has_value());
    REQUIRE(listed->size() == 1);
    CHECK((*listed)[0].upload_id == id);
    CHECK((*listed)[0].initiated == utc(2024, 5, 1, 12, 0, 0));
    const auto parts = reopened.list_parts("bucket", "big.bin", id);
    REQUIRE(parts.has_value());
    REQUIRE(parts->parts.size() == 2);
    CHECK(parts->parts[0].etag == one);  // hashed from the file: the new store has no cache
    CHECK(parts->parts[1].etag == two);
    const auto done = reopened.complete("bucket", "big.bin", id, {{1, one}, {2, two}});
    REQUIRE(done.has_value());
    CHECK(done->bytes == "before restart");
  }

  TEST_CASE("a hostile upload id is NoSuchUpload and reaches nothing outside the root") {
    Fixture f;
    f.create();
    // Something that would pass for an upload if "../x" were followed from the root.
    const auto decoy = f.scratch.write("state/x/upload.json",
                                       R"({"bucket": "bucket", "key": "big.bin", "initiated_ms": 0})");
    f.scratch.write("state/x/part-00001", "decoy");
    const auto before = snapshot_tree(f.scratch.path());

    const std::vector<std::string> hostile = {
        "../x", "a/b", "..", ".", "", "/etc", std::string("x\0y", 3), "%2e%2e", "a b", std::string(129, 'a')};
    for (const auto& id : hostile) {
      CAPTURE(id);
      CHECK(code_of(f.uploads.upload_part("bucket", "big.bin", id, 1, "evil")) == "NoSuchUpload");
      CHECK(code_of(f.uploads.list_parts("bucket", "big.bin", id)) == "NoSuchUpload");
      CHECK(code_of(f.uploads.complete("bucket", "big.bin", id, {{1, "anything"}})) == "NoSuchUpload");
      CHECK(code_of(f.uploads.abort("bucket", "big.bin", id)) == "NoSuchUpload");
    }
    CHECK(snapshot_tree(f.scratch.path()) == before);
    CHECK(fs::exists(decoy));
  }

  TEST_CASE("list_uploads lists a bucket's uploads by key, then initiated time") {
    Fixture f;
    const auto b = f.create("b");
    f.clock.advance_by(std::chrono::seconds(1));
    const auto a_first = f.create("a");
    f.clock.advance_by(std::chrono::seconds(1));
    const auto a_second = f.create("a");
    REQUIRE(f.uploads.create("other-bucket", "a").has_value());

    const auto listed = f.uploads.list_uploads("bucket");
    REQUIRE(listed.has_value());
    std::vector<std::string> ids;
    for (const auto& upload : *listed) {
      ids.push_back(upload.key + " " + upload.upload_id);
    }
    CHECK(ids == std::vector<std::string>{"a " + a_first, "a " + a_second, "b " + b});
    CHECK((*listed)[1].initiated == utc(2024, 5, 1, 12, 0, 2));
    CHECK(f.uploads.list_uploads("empty-bucket")->empty());
  }

  TEST_CASE("list_uploads of a store whose directory does not exist yet is empty") {
    ScratchDir scratch;
    VirtualClock clock(utc(2024, 5, 1));
    const MultipartUploads uploads(scratch.path() / "missing", clock);
    const auto listed = uploads.list_uploads("bucket");
    REQUIRE(listed.has_value());
    CHECK(listed->empty());
  }

  TEST_CASE("list_parts pages by part-number-marker and max-parts") {
    Fixture f;
    const auto id = f.create();
    f.upload(id, 3, "c");
    f.upload(id, 1, "a");
    f.upload(id, 7, "g");

    const auto first =
        f.uploads.list_parts("bucket", "big.bin", id, {.part_number_marker = 0, .max_parts = 2});
    REQUIRE(first.has_value());
    REQUIRE(first->parts.size() == 2);
    CHECK(first->parts[0].part_number == 1);
    CHECK(first->parts[1].part_number == 3);
    CHECK(first->is_truncated);
    CHECK(first->next_part_number_marker == 3);
    CHECK(first->upload.key == "big.bin");

    const auto rest =
        f.uploads.list_parts("bucket", "big.bin", id, {.part_number_marker = 3, .max_parts = 2});
    REQUIRE(rest.has_value());
    REQUIRE(rest->parts.size() == 1);
    CHECK(rest->parts[0].part_number == 7);
    CHECK(!rest->is_truncated);
    CHECK(code_of(f.uploads.list_parts("bucket", "big.bin", id, {.part_number_marker = -1})) ==
          "InvalidArgument");
  }

  TEST_CASE("parts and objects above max_object_bytes are EntityTooLarge") {
    ScratchDir scratch;
    VirtualClock clock(utc(2024, 5, 1));
    MultipartUploads uploads(scratch.path(), clock, {.min_part_bytes = 1, .max_object_bytes = 10});
    const auto id = uploads.create("bucket", "k");
    REQUIRE(id.has_value());
    const auto too_big = uploads.upload_part("bucket", "k", *id, 1, std::string(11, 'x'));
    CHECK(code_of(too_big) == "EntityTooLarge");
    CHECK(message_of(too_big) == "Your proposed upload exceeds the maximum allowed object size.");
    const auto one = uploads.upload_part("bucket", "k", *id, 1, std::string(6, 'x'));
    const auto two = uploads.upload_part("bucket", "k", *id, 2, std::string(6, 'y'));
    REQUIRE((one && two));
    CHECK(code_of(uploads.complete("bucket", "k", *id, {{1, *one}, {2, *two}})) == "EntityTooLarge");
  }

  TEST_CASE("create gives fresh URL-safe ids, keeps the checksum algorithm and checks the key") {
    Fixture f;
    const auto id = f.uploads.create("bucket", "k", "SHA256");
    const auto other = f.create();
    REQUIRE(id.has_value());
    CHECK(id->size() == 64);
    CHECK(id->find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(*id != other);
    const auto listed = f.uploads.list_uploads("bucket");
    REQUIRE(listed.has_value());
    REQUIRE(listed->size() == 2);
    CHECK((*listed)[0].key == "big.bin");
    CHECK((*listed)[0].checksum_algorithm == std::nullopt);
    CHECK((*listed)[1].checksum_algorithm == std::optional<std::string>("SHA256"));

    CHECK(code_of(f.uploads.create("bucket", "k", "MD5")) == "InvalidArgument");
    CHECK(code_of(f.uploads.create("bucket", "../escape")) == "InvalidArgument");
    CHECK(code_of(f.uploads.create("bucket", std::string(1025, 'k'))) == "KeyTooLongError");
  }
}
