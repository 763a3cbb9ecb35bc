#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "workers/configuration/url_validator.hpp"

using drydock::workers::config::is_valid_https_url;
using namespace std::string_view_literals;

namespace {

struct UrlCase {
  std::string_view url;
  bool valid;
};

// Verdicts of marshmallow 3.21.1's validate.URL(schemes={"https"}, require_tld=True), computed by
// running it under CPython 3.12.
constexpr UrlCase k_cases[] = {
    {"https://sqs.amazonaws.com/fanout-queue"sv, true},
    {"https://sqs.us-east-1.amazonaws.com/123456789012/queue"sv, true},
    {"https://us-east-2.queue.amazonaws.com/123456789012/WorkerQueue1"sv, true},
    {"https://localhost/x"sv, true},
    {"https://localhost"sv, true},
    {"https://localhost:4566/000000000000/q"sv, true},
    {"https://LOCALHOST/x"sv, true},
    {"https://127.0.0.1/x"sv, true},
    {"https://127.0.0.1:9324/queue/q"sv, true},
    {"https://1.2.3.4567/x"sv, true},
    {"https://1234.2.3.4/x"sv, false},
    {"https://[::1]/x"sv, true},
    {"https://[::1]:8080/q"sv, true},
    {"https://[fe80::1]/x"sv, true},
    {"https://[:]/x"sv, false},
    {"https://[::]/x"sv, true},
    {"https://[1:]/x"sv, false},
    {"https://sqs/x"sv, false},
    {"https://sqs"sv, false},
    {"http://sqs.amazonaws.com/q"sv, false},
    {"ftp://sqs.amazonaws.com/q"sv, false},
    {"HTTPS://SQS.AMAZONAWS.COM/Q"sv, true},
    {"sqs.amazonaws.com/q"sv, false},
    {""sv, false},
    {"https://"sv, false},
    {"https:///x"sv, false},
    {"https://sqs.amazonaws.com"sv, true},
    {"https://sqs.amazonaws.com/"sv, true},
    {"https://sqs.amazonaws.com?x=1"sv, true},
    {"https://sqs.amazonaws.com/a b"sv, false},
    {"https://sqs.amazonaws.com/a\xc2"
     "\xa0"
     "b"sv,
     false},
    {"https://sqs.amazonaws.com/\x0a"
     ""sv,
     false},
    {"https://sqs.amazonaws.com/x\x0a"
     ""sv,
     false},
    {"https://user:pass@sqs.amazonaws.com/q"sv, true},
    {"https://us%20er@sqs.amazonaws.com/q"sv, true},
    {"https://us%2@sqs.amazonaws.com/q"sv, false},
    {"https://sqs.amazonaws.com:443/q"sv, true},
    {"https://sqs.amazonaws.com:/q"sv, false},
    {"https://sqs.amazonaws.com:44a/q"sv, false},
    {"https://-sqs.amazonaws.com/q"sv, false},
    {"https://sqs-.amazonaws.com/q"sv, false},
    {"https://sqs..amazonaws.com/q"sv, false},
    {"https://sqs.amazonaws.c/q"sv, false},
    {"https://sqs.amazonaws.com./q"sv, true},
    {"https://sqs.amazonaws.c0m/q"sv, true},
    {"https://sqs.amazonaws.-com/q"sv, true},
    {"https://sqs.amazonaws.com-/q"sv, true},
    {"https://a.b.c.d.e.f.g.h.example/q"sv, true},
    {"https://xn--bcher-kva.example/q"sv, true},
    {"https://b\xc3"
     "\xbc"
     "cher.de/q"sv,
     false},
    {"https://localho\xc5"
     "\xbf"
     "t/q"sv,
     true},
    {"https://sqs.amazonaw\xc5"
     "\xbf"
     ".com/q"sv,
     true},
    {"https://sqs.\xe2"
     "\x84"
     "\xaa"
     "elvin.com/q"sv,
     true},
    {"https://\xd9"
     "\xa1"
     ".\xd9"
     "\xa2"
     ".\xd9"
     "\xa3"
     ".\xd9"
     "\xa4"
     "/q"sv,
     true},
    {"https://sqs.amazonaws.com:\xd9"
     "\xa4"
     "\xd9"
     "\xa4"
     "\xd9"
     "\xa3"
     "/q"sv,
     true},
    {"https://sqs.amazonaws.com/\xe3"
     "\x80"
     "\x80"
     ""sv,
     false},
    {"https://sqs.amazonaws.com#frag"sv, false},
    {"https://sqs.amazonaws.com/#frag"sv, true},
    {"https://sqs.amazonaws.com/x y"sv, false},
    {"https://1.2.3.4.5/x"sv, false},
    {"https://sqs.amazonaws.com\\q"sv, false},
    {"https://12.com/q"sv, true},
    {"https://a.12/q"sv, true},
    {"https://a.1/q"sv, false},
    {"https://a.b-/q"sv, true},
    {"http\xc5"
     "\xbf"
     "://sqs.amazonaws.com/q"sv,
     false},
    {"https://@sqs.amazonaws.com/q"sv, true},
    {"https://u@v@sqs.amazonaws.com/q"sv, false},
    {"https://sqs.amazonaws.com/q\x00"
     ""sv,
     true},
    {"https://sqs.amazonaws.com/q\x1f"
     ""sv,
     false},
    {"https://sqs.amazonaws.com/q\x01"
     ""sv,
     true},
    {"https://localhost.localdomain/q"sv, true},
    {"https://a.localhost/q"sv, true},
    {"https://localhostx/q"sv, false},
    {"https://localhost:8080"sv, true},
    {"https://1.2.3.4:80"sv, true},
    {"https://[::1]"sv, true},
    {"https://[::1]x"sv, false},
    {"https://example.com:80?x"sv, true},
    {"https://example.co?"sv, false},
    {"https://x.y://z.com/q"sv, false},
    {"https://example.com/a://b"sv, true},
    {" https://example.com/q"sv, false},
    {"https://example.com/q "sv, false},
    {"https://exa mple.com/q"sv, false},
    {"https://example.\xc4"
     "\xb0"
     "\xc4"
     "\xb1"
     "/q"sv,
     true},
    {"https://exam_ple.com/q"sv, false},
    {"https://example.com:99999999999/q"sv, true},
};

}  // namespace

TEST_CASE("https URLs are judged exactly as marshmallow's URL validator judges them") {
  for (const auto& c : k_cases) {
    CAPTURE(c.url);
    CHECK(is_valid_https_url(c.url) == c.valid);
  }
}

TEST_CASE("a domain label may be 63 characters long but not 64") {
  CHECK(is_valid_https_url("https://" + std::string(63, 'a') + ".com/q"));
  CHECK_FALSE(is_valid_https_url("https://" + std::string(64, 'a') + ".com/q"));
}

TEST_CASE("upstream's production sample queue URL with placeholders is a valid URL") {
  CHECK(is_valid_https_url(
      "https://sqs.DEPLOYMENT-REGION.amazonaws.com/DEPLOYMENT-ACCOUNT-ID/starbase-fanout-queue"));
}

TEST_CASE("a host without a dot is not a valid URL unless it is localhost") {
  CHECK_FALSE(is_valid_https_url("https://sqs/x"));
  CHECK(is_valid_https_url("https://localhost/x"));
}

TEST_CASE("only the https scheme is accepted") {
  CHECK_FALSE(is_valid_https_url("http://sqs.us-east-1.amazonaws.com/123456789012/q"));
  CHECK(is_valid_https_url("HTTPS://sqs.us-east-1.amazonaws.com/123456789012/q"));
}

TEST_CASE("a very long URL is validated in linear time without recursion") {
  std::string url = "https://";
  for (int i = 0; i < 20000; ++i) {
    url += "a.";
  }
  url += "com/" + std::string(200000, 'x');
  CHECK(is_valid_https_url(url));
  CHECK_FALSE(is_valid_https_url(url + " "));
}
