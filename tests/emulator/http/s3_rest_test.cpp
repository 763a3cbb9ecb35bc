// S3 REST over the quickstart project's cloud, request by request as real clients send them
// (aws-wire.md §5): buckets, objects with their integrity checks, listings, DeleteObjects,
// CopyObject, multipart uploads, and the notifications an object created in the template bucket
// sends to the Starbase's fan-out queue.

#include "emulator/http/s3_rest.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "emulator/common/checksums.hpp"
#include "emulator/http/aws_router.hpp"
#include "tests/emulator/http/s3_fixture.hpp"

using namespace drydock::emulator;
using namespace drydock::emulator::http;

namespace {

using drydock::test::k_fan_out;
using drydock::test::k_templates;
using drydock::test::S3Fixture;

std::optional<std::string> header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

bool holds(const HttpResponse& response, std::string_view text) {
  return response.body.find(text) != std::string::npos;
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("buckets: list, create, head, delete only when empty, and created buckets survive a restart") {
    S3Fixture f;
    CHECK(holds(f.call("GET", "/"), "<Name>starfleet-templates-100000000002</Name>"));
    CHECK(f.call("PUT", "/new-bucket").status == 200);
    CHECK(f.call("HEAD", "/new-bucket").status == 200);
    // us-east-2 (the quickstart's region) refuses a second create; us-east-1 would answer 200.
    const auto again = f.call("PUT", "/new-bucket");
    CHECK(again.status == 409);
    CHECK(holds(again, "<Code>BucketAlreadyOwnedByYou</Code>"));
    CHECK(f.call("PUT", "/Bad_Name").status == 400);
    CHECK(f.call("PUT", "/new-bucket/k", "", {}, "v").status == 200);

    f.open();  // a restart: the bucket and its object are there again
    CHECK(f.call("GET", "/new-bucket/k").body == "v");
    const auto full = f.call("DELETE", "/new-bucket");
    CHECK(full.status == 409);
    CHECK(holds(full, "<Code>BucketNotEmpty</Code>"));
    CHECK(f.call("DELETE", "/new-bucket/k").status == 204);
    CHECK(f.call("DELETE", "/new-bucket").status == 204);
    const auto gone = f.call("HEAD", "/new-bucket");
    CHECK(gone.status == 404);
    CHECK(gone.body.empty());  // HEAD answers have no body
    CHECK(holds(f.call("GET", "/new-bucket/k"), "<Code>NoSuchBucket</Code>"));
    CHECK(f.call("DELETE", std::string("/") + std::string(k_templates)).status == 403);
  }

  TEST_CASE("objects: keys round-trip byte-exact, GET with Range and conditions, HEAD, DELETE") {
    S3Fixture f;
    REQUIRE(f.call("PUT", "/new-bucket").status == 200);
    const std::string key = "dir/hello world+x%y \xC3\xA9.txt";
    const auto put = f.call("PUT", "/new-bucket/dir/hello%20world%2Bx%25y%20%C3%A9.txt", "x-id=PutObject",
                            {{"x-amz-checksum-crc32", "tmYbow=="}}, "hello s3 wire\n");
    CHECK(put.status == 200);
    CHECK(header(put, "ETag") == "\"c8c0fbbaf240700850ae2c1710c7fc85\"");
    CHECK(header(put, "x-amz-checksum-crc32") == "tmYbow==");
    const std::string path = "/new-bucket/dir/hello%20world%2Bx%25y%20%C3%A9.txt";
    const auto get = f.call("GET", path);
    CHECK(get.status == 200);
    CHECK(get.body == "hello s3 wire\n");
    CHECK(header(get, "Last-Modified") == "Thu, 01 Jan 2026 00:00:00 GMT");
    const auto head = f.call("HEAD", path);
    CHECK(head.body.empty());
    CHECK(header(head, "Content-Length") == "14");
    const auto range = f.call("GET", path, "", {{"Range", "bytes=6-7"}});
    CHECK(range.status == 206);
    CHECK(range.body == "s3");
    CHECK(header(range, "Content-Range") == "bytes 6-7/14");
    const auto past = f.call("GET", path, "", {{"Range", "bytes=14-"}});
    CHECK(past.status == 416);
    CHECK(holds(past, "<Code>InvalidRange</Code>"));
    CHECK(f.call("GET", path, "", {{"If-None-Match", "\"c8c0fbbaf240700850ae2c1710c7fc85\""}}).status == 304);
    CHECK(f.call("GET", path, "", {{"If-Match", "\"other\""}}).status == 412);
    const auto listed = f.call("GET", "/new-bucket", "list-type=2&encoding-type=url");
    CHECK(holds(listed, "<Key>dir/hello%20world%2Bx%25y%20%C3%A9.txt</Key>"));
    CHECK(f.call("DELETE", path).status == 204);
    CHECK(holds(f.call("GET", path), "<Code>NoSuchKey</Code>"));
    CHECK(f.call("DELETE", path).status == 204);  // deleting what is not there succeeds, as S3 does
    // Keys that would leave the bucket's directory are refused, not followed.
    CHECK(f.call("PUT", "/new-bucket/..%2F..%2Fescape", "", {}, "x").status == 400);
    CHECK_FALSE(std::filesystem::exists(f.scratch.path() / "state/escape"));
    CHECK(key.size() > 0);
  }

  TEST_CASE("a PutObject with curl's form Content-Type, through the router, stores the object") {
    S3Fixture f;
    AwsRouter router(
        *f.gate, {}, [&](const HttpRequest& request) { return serve_s3_rest(*f.door, request); },
        "http://127.0.0.1:4566");
    const std::vector<std::pair<std::string, std::string>> form = {
        {"Content-Type", "application/x-www-form-urlencoded"}};
    REQUIRE(router.handle({.method = "PUT", .path = "/new-bucket", .headers = form}).status == 200);
    const auto put =
        router.handle({.method = "PUT", .path = "/new-bucket/form.txt", .headers = form, .body = "a=1&b"});
    CHECK(put.status == 200);
    const auto got = router.handle({.method = "GET", .path = "/new-bucket/form.txt"});
    CHECK(got.status == 200);
    CHECK(got.body == "a=1&b");
  }

  TEST_CASE("integrity: a wrong Content-MD5 or checksum is refused and nothing is stored") {
    S3Fixture f;
    REQUIRE(f.call("PUT", "/new-bucket").status == 200);
    const auto bad_md5 = f.call("PUT", "/new-bucket/k", "", {{"Content-MD5", md5_base64("other")}}, "body");
    CHECK(bad_md5.status == 400);
    CHECK(holds(bad_md5, "<Code>BadDigest</Code>"));
    CHECK(holds(f.call("PUT", "/new-bucket/k", "", {{"Content-MD5", "short"}}, "body"),
                "<Code>InvalidDigest</Code>"));
    CHECK(holds(
        f.call("PUT", "/new-bucket/k", "",
               {{"x-amz-checksum-sha256", checksum_base64(ChecksumAlgorithm::sha256, "other")}}, "body"),
        "<Code>BadDigest</Code>"));
    CHECK(holds(f.call("PUT", "/new-bucket/k", "", {{"x-amz-checksum-crc32", "AAAA"}}, "body"),
                "<Code>InvalidRequest</Code>"));
    const auto bad_sha =
        f.call("PUT", "/new-bucket/k", "", {{"x-amz-content-sha256", std::string(64, 'a')}}, "body");
    CHECK(holds(bad_sha, "<Code>XAmzContentSHA256Mismatch</Code>"));
    CHECK(
        holds(f.call("PUT", "/new-bucket/k", "", {}, std::string(1025, 'x')), "<Code>EntityTooLarge</Code>"));
    CHECK(f.call("HEAD", "/new-bucket/k").status == 404);
    CHECK(f.call("PUT", "/new-bucket/k", "", {{"Content-MD5", md5_base64("body")}}, "body").status == 200);
  }

  TEST_CASE("an aws-chunked body with a trailing checksum (the JavaScript SDK's stream) is stored decoded") {
    S3Fixture f;
    REQUIRE(f.call("PUT", "/new-bucket").status == 200);
    const std::vector<std::pair<std::string, std::string>> headers{
        {"Content-Encoding", "aws-chunked"},
        {"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
        {"x-amz-trailer", "x-amz-checksum-crc32"},
        {"x-amz-decoded-content-length", "13"}};
    const auto put = f.call("PUT", "/new-bucket/stream.txt", "", headers,
                            "6\r\nhello \r\n7\r\nstream\n\r\n0\r\nx-amz-checksum-crc32:u4b0lw==\r\n\r\n");
    CHECK(put.status == 200);
    CHECK(header(put, "x-amz-checksum-crc32") == "u4b0lw==");
    CHECK(f.call("GET", "/new-bucket/stream.txt").body == "hello stream\n");
    const auto corrupt = f.call("PUT", "/new-bucket/bad.txt", "", headers,
                                "6\r\nhellO \r\n7\r\nstream\n\r\n0\r\nx-amz-checksum-crc32:u4b0lw==\r\n\r\n");
    CHECK(holds(corrupt, "<Code>BadDigest</Code>"));
    const auto truncated = f.call("PUT", "/new-bucket/bad.txt", "", headers, "6\r\nhel");
    CHECK(truncated.status == 400);
    CHECK(holds(truncated, "<Code>InvalidRequest</Code>"));
    CHECK(f.call("HEAD", "/new-bucket/bad.txt").status == 404);
  }

  TEST_CASE("listings: v2 pages with prefix, delimiter and continuation, v1 pages by marker") {
    S3Fixture f;
    REQUIRE(f.call("PUT", "/new-bucket").status == 200);
    for (const char* key : {"a.txt", "dir/one", "dir/sub/two", "dir/three", "z"}) {
      REQUIRE(f.call("PUT", std::string("/new-bucket/") + key, "", {}, "x").status == 200);
    }
    const auto first = f.call("GET", "/new-bucket/", "list-type=2&prefix=dir%2F&delimiter=%2F&max-keys=2");
    CHECK(holds(first, "<KeyCount>2</KeyCount>"));
    CHECK(holds(first, "<Key>dir/one</Key>"));
    CHECK(holds(first, "<Prefix>dir/sub/</Prefix>"));
    CHECK(holds(first, "<IsTruncated>true</IsTruncated>"));
    const auto token_at = first.body.find("<NextContinuationToken>") + 23;
    const std::string token = first.body.substr(token_at, first.body.find('<', token_at) - token_at);
    const auto second =
        f.call("GET", "/new-bucket", "list-type=2&prefix=dir%2F&delimiter=%2F&continuation-token=" + token);
    CHECK(holds(second, "<Key>dir/three</Key>"));
    CHECK(holds(second, "<IsTruncated>false</IsTruncated>"));
    CHECK(holds(f.call("GET", "/new-bucket", "list-type=2&continuation-token=nonsense"), "InvalidArgument"));

    // v1: the marker is a common prefix when a page ends with one.
    const auto page = f.call("GET", "/new-bucket", "delimiter=%2F&max-keys=2");
    CHECK(holds(page, "<Key>a.txt</Key>"));
    CHECK(holds(page, "<Prefix>dir/</Prefix>"));
    CHECK(holds(page, "<NextMarker>dir/</NextMarker>"));
    const auto rest = f.call("GET", "/new-bucket", "delimiter=%2F&marker=dir%2F");
    CHECK(holds(rest, "<Key>z</Key>"));
    CHECK_FALSE(holds(rest, "<Prefix>dir/</Prefix>"));
    CHECK(holds(f.call("GET", "/new-bucket", "max-keys=lots"), "InvalidArgument"));
  }

  TEST_CASE("DeleteObjects deletes each key and reports each failure, and quiet lists only the failures") {
    S3Fixture f;
    REQUIRE(f.call("PUT", "/new-bucket").status == 200);
    REQUIRE(f.call("PUT", "/new-bucket/a", "", {}, "1").status == 200);
    REQUIRE(f.call("PUT", "/new-bucket/b", "", {}, "2").status == 200);
    const auto deleted =
        f.call("POST", "/new-bucket", "delete", {},
               R"(<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object>)"
               R"(<Object><Key>../x</Key></Object><Object><Key>missing</Key></Object></Delete>)");
    CHECK(deleted.status == 200);
    CHECK(holds(deleted, "<Deleted><Key>a</Key></Deleted>"));
    CHECK(holds(deleted, "<Deleted><Key>missing</Key></Deleted>"));
    CHECK(holds(deleted, "<Error><Key>../x</Key><Code>InvalidArgument</Code>"));
    const auto quiet = f.call("POST", "/new-bucket", "delete", {},
                              "<Delete><Quiet>true</Quiet><Object><Key>b</Key></Object></Delete>");
    CHECK_FALSE(holds(quiet, "<Deleted>"));
    CHECK(f.call("HEAD", "/new-bucket/b").status == 404);
    CHECK(
        holds(f.call("POST", "/new-bucket", "delete", {}, "<Delete><Object>"), "<Code>MalformedXML</Code>"));
    CHECK(holds(f.call("POST", "/new-bucket", "delete", {}, "<Delete/>"), "<Code>MalformedXML</Code>"));
  }

  TEST_CASE(
      "PutObject, CopyObject and a completed multipart upload into the template bucket notify the "
      "Starbase, each with its own event name") {
    S3Fixture f;
    const std::string bucket = "/" + std::string(k_templates);
    REQUIRE(f.call("PUT", bucket + "/IAM/put%20me.yaml", "", {}, "A: 1\n").status == 200);
    const auto copied =
        f.call("PUT", bucket + "/IAM/copy.yaml", "", {{"x-amz-copy-source", bucket + "/IAM/put%20me.yaml"}});
    CHECK(copied.status == 200);
    CHECK(holds(copied, "<ETag>&quot;"));
    CHECK(f.call("GET", bucket + "/IAM/copy.yaml").body == "A: 1\n");
    CHECK(holds(
        f.call("PUT", bucket + "/IAM/copy.yaml", "", {{"x-amz-copy-source", bucket + "/IAM/copy.yaml"}}),
        "<Code>InvalidRequest</Code>"));
    CHECK(holds(f.call("PUT", bucket + "/IAM/c2.yaml", "", {{"x-amz-copy-source", bucket + "/nothing"}}),
                "<Code>NoSuchKey</Code>"));

    const auto created =
        f.call("POST", bucket + "/IAM/multi.yaml", "uploads", {{"x-amz-checksum-algorithm", "CRC32"}});
    REQUIRE(created.status == 200);
    const auto id_at = created.body.find("<UploadId>") + 10;
    const std::string id = created.body.substr(id_at, created.body.find('<', id_at) - id_at);
    // Part 2 first, as aws s3 cp sent them.
    const auto part2 =
        f.call("PUT", bucket + "/IAM/multi.yaml", "uploadId=" + id + "&partNumber=2", {}, "B: 2\n");
    const auto part1 =
        f.call("PUT", bucket + "/IAM/multi.yaml", "uploadId=" + id + "&partNumber=1", {}, "A: 1\n");
    REQUIRE(part1.status == 200);
    REQUIRE(part2.status == 200);
    CHECK(holds(f.call("GET", bucket, "uploads"), "<UploadId>" + id + "</UploadId>"));
    CHECK(holds(f.call("GET", bucket + "/IAM/multi.yaml", "uploadId=" + id), "<PartNumber>2</PartNumber>"));
    CHECK(f.call("HEAD", bucket + "/IAM/multi.yaml").status == 404);  // nothing until completed
    const auto complete = f.call("POST", bucket + "/IAM/multi.yaml", "uploadId=" + id, {},
                                 "<CompleteMultipartUpload><Part><ETag>" + *header(part1, "ETag") +
                                     "</ETag><PartNumber>1</PartNumber></Part>"
                                     "<Part><ETag>" +
                                     *header(part2, "ETag") +
                                     "</ETag><PartNumber>2</PartNumber></Part></CompleteMultipartUpload>");
    CHECK(complete.status == 200);
    CHECK(f.call("GET", bucket + "/IAM/multi.yaml").body == "A: 1\nB: 2\n");
    CHECK(holds(f.call("PUT", bucket + "/IAM/multi.yaml", "uploadId=" + id + "&partNumber=3", {}, "x"),
                "<Code>NoSuchUpload</Code>"));

    CHECK(f.fan_out_events() ==
          std::vector<std::string>{"ObjectCreated:Put IAM/put+me.yaml", "ObjectCreated:Copy IAM/copy.yaml",
                                   "ObjectCreated:CompleteMultipartUpload IAM/multi.yaml"});
    const auto aborted = f.call("POST", bucket + "/IAM/gone.yaml", "uploads");
    const auto gone_at = aborted.body.find("<UploadId>") + 10;
    const std::string gone = aborted.body.substr(gone_at, aborted.body.find('<', gone_at) - gone_at);
    CHECK(f.call("DELETE", bucket + "/IAM/gone.yaml", "uploadId=" + gone).status == 204);
    CHECK(f.call("DELETE", bucket + "/IAM/gone.yaml", "uploadId=" + gone).status == 404);
    CHECK(f.fan_out_events().empty());
  }

  TEST_CASE("what is not emulated is NotImplemented, naming it") {
    S3Fixture f;
    const auto tagging = f.call("GET", "/new-bucket/k", "tagging");
    CHECK(tagging.status == 501);
    CHECK(holds(tagging, "&apos;tagging&apos;"));
    CHECK(f.call("PUT", "/new-bucket/k", "uploadId=x&partNumber=1", {{"x-amz-copy-source", "/a/b"}}).status ==
          501);
    CHECK(f.call("PATCH", "/").status == 501);
  }
}
