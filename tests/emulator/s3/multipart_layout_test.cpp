// How a multipart upload lies on disk: which names are part files, which ids may become a directory
// name, and upload.json written and read back.

#include "emulator/s3/multipart_layout.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/emulator/s3/s3_test_helpers.hpp"
#include "tests/support/test_support.hpp"

using drydock::emulator::is_upload_id;
using drydock::emulator::part_file_name;
using drydock::emulator::part_number_of;
using drydock::emulator::UploadInfo;
using drydock::test::ScratchDir;
using drydock::test::s3::code_of;
using drydock::test::s3::utc;

TEST_SUITE("emulator/s3") {
  TEST_CASE("part files are part-NNNNN for 1..10000 and nothing else is") {
    CHECK(part_file_name(1) == "part-00001");
    CHECK(part_file_name(10000) == "part-10000");
    CHECK(part_number_of("part-00042") == 42);
    CHECK(part_number_of("part-10000") == 10000);
    for (const auto* name : {"part-00000", "part-10001", "part-1", "part-000001", "part-0004x", "upload.json",
                             ".drydock~tmp-1-ab", "part-99999"}) {
      CAPTURE(name);
      CHECK(part_number_of(name) == std::nullopt);
    }
  }

  TEST_CASE("an upload id is 1..128 URL-safe characters with no dot or slash") {
    CHECK(is_upload_id(drydock::emulator::new_upload_id()));
    CHECK(is_upload_id("AbC-_09"));
    CHECK(is_upload_id(std::string(128, 'a')));
    const std::vector<std::string> refused = {
        "", "..", ".", "../x", "a/b", "a.b", "a b", "a%2Fb", std::string("a\0b", 3), std::string(129, 'a')};
    for (const auto& id : refused) {
      CAPTURE(id);
      CHECK(!is_upload_id(id));
    }
  }

  TEST_CASE("upload.json reads back as written, and a damaged one is an InternalError") {
    ScratchDir scratch;
    const UploadInfo upload{"id1", "bucket", "dir/ключ.bin", utc(2024, 5, 1, 12, 30, 0, 125), "CRC32"};
    scratch.write("up/upload.json", drydock::emulator::encode_upload(upload));
    const auto read = drydock::emulator::read_upload(scratch.path() / "up", "id1");
    REQUIRE(read.has_value());
    CHECK(*read == std::optional<UploadInfo>(upload));

    const auto missing = drydock::emulator::read_upload(scratch.path() / "none", "id1");
    REQUIRE(missing.has_value());
    CHECK(*missing == std::nullopt);
    scratch.write("bad/upload.json", R"({"bucket": "b", "key": 7, "initiated_ms": 0})");
    CHECK(code_of(drydock::emulator::read_upload(scratch.path() / "bad", "id1")) == "InternalError");
  }
}
