// S3 addressing: path-style and virtual-hosted requests as real clients send them (aws-wire.md §5),
// keys decoded byte for byte, subresources read from the query.

#include "emulator/http/s3_request.hpp"

#include <doctest/doctest.h>

using namespace drydock::emulator::http;

namespace {

S3Request addressed(const HttpRequest& http) {
  auto request = read_s3_request(http);
  REQUIRE_MESSAGE(request.has_value(), (request ? "" : request.error().message));
  return std::move(*request);
}

}  // namespace

TEST_SUITE("emulator/http") {
  TEST_CASE("path-style: the bucket is the first segment and the key the rest, percent-decoded") {
    const HttpRequest put{.method = "PUT",
                          .path = "/wire-bucket/dir/hello%20world%2Bx.txt",
                          .query = "x-id=PutObject",
                          .headers = {{"Host", "127.0.0.1:4566"}}};
    const auto request = addressed(put);
    CHECK(request.bucket == "wire-bucket");
    CHECK(request.key == "dir/hello world+x.txt");
    CHECK(request.param("x-id") == "PutObject");

    // A raw '+' in a path is a '+'; '%2F' is a '/'; "../" stays for the key rules to refuse.
    CHECK(addressed({.method = "GET", .path = "/b/a+b%2Fc"}).key == "a+b/c");
    CHECK(addressed({.method = "GET", .path = "/b/../x"}).key == "../x");
    // The SDK v3's trailing slash names the bucket, as does no slash.
    for (const char* path : {"/wire-bucket", "/wire-bucket/"}) {
      const auto bucket = addressed({.method = "GET", .path = path, .query = "list-type=2&prefix=dir%2F"});
      CHECK(bucket.bucket == "wire-bucket");
      CHECK(bucket.key.empty());
      CHECK(bucket.param("prefix") == "dir/");
    }
    CHECK(addressed({.method = "GET", .path = "/"}).bucket.empty());
  }

  TEST_CASE("virtual-hosted: the bucket comes from the Host, the whole path is the key") {
    const auto request = addressed(
        {.method = "GET", .path = "/dir/k%C3%A9y", .headers = {{"host", "wire-bucket.localhost:4566"}}});
    CHECK(request.bucket == "wire-bucket");
    CHECK(request.key == "dir/k\xC3\xA9y");
    CHECK(virtual_host_bucket("b.s3.amazonaws.com") == "b");
    CHECK(virtual_host_bucket("my.bucket.s3.us-east-2.amazonaws.com") == "my.bucket");
    CHECK_FALSE(virtual_host_bucket("localhost:4566"));
    CHECK_FALSE(virtual_host_bucket("127.0.0.1:4566"));
    CHECK_FALSE(virtual_host_bucket("sqs.us-east-1.amazonaws.com"));
  }

  TEST_CASE("subresources without values are present, and a bad escape is InvalidURI") {
    const auto uploads = addressed({.method = "POST", .path = "/b/k", .query = "uploads"});
    CHECK(uploads.has("uploads"));
    CHECK(uploads.param("uploads") == "");
    CHECK_FALSE(uploads.has("uploadId"));
    const auto bad = read_s3_request({.method = "GET", .path = "/b/%zz"});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "InvalidURI");
  }
}
