#pragma once
// What an S3 REST request addresses (aws-wire.md §5): the bucket and the key, from the path
// (path-style: /bucket/key, as botocore and aws-cli send to 127.0.0.1 and localhost, and the
// JavaScript SDK to an IP address) or from the Host (virtual-hosted: <bucket>.localhost, as the
// JavaScript SDK addresses localhost unless forcePathStyle), and the query's subresources
// (?uploads, ?delete, ?list-type=2, ...). Keys are percent-decoded byte for byte: a '+' in a path
// is a '+'.

#include <expected>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/http/form_fields.hpp"
#include "emulator/http/http_exchange.hpp"
#include "emulator/s3/s3_error.hpp"

namespace drydock::emulator::http {

struct S3Request {
  const HttpRequest* http = nullptr;
  std::string bucket;  // empty: the service itself (ListBuckets)
  std::string key;     // empty: the bucket itself
  FormFields query;    // decoded; a subresource without a value ("?uploads") has ""

  // True when the query names `name` (with or without a value).
  bool has(std::string_view name) const;
  // The query's value for `name`, or nullopt.
  std::optional<std::string_view> param(std::string_view name) const;
  // The query's integer `name`, or `fallback` when absent; InvalidArgument naming it when it is not
  // an integer.
  std::expected<int, S3Error> integer(std::string_view name, int fallback) const;
  // The request's header `name` (HttpRequest::header).
  std::optional<std::string_view> header(std::string_view name) const { return http->header(name); }
};

// The bucket named by a virtual-hosted `host` ("b.localhost:4566" → "b", also
// "b.s3.amazonaws.com" and "b.s3.<region>.amazonaws.com"); nullopt for a path-style host.
std::optional<std::string> virtual_host_bucket(std::string_view host);

// Reads `request`'s addressing; fails with InvalidURI for a malformed percent-escape in the path or
// the query.
std::expected<S3Request, S3Error> read_s3_request(const HttpRequest& request);

}  // namespace drydock::emulator::http
