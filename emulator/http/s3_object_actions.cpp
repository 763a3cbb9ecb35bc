// The S3 object operations (s3_operations.hpp): PutObject, CopyObject, GetObject/HeadObject and
// DeleteObject.
#include <fmt/format.h>

#include <array>

#include "emulator/common/instant_text.hpp"
#include "emulator/http/form_fields.hpp"
#include "emulator/http/http_date.hpp"
#include "emulator/http/s3_conditions.hpp"
#include "emulator/http/s3_operations.hpp"
#include "emulator/http/xml_writer.hpp"

namespace drydock::emulator::http::s3_wire {
namespace {

// S3's Content-Type for an object stored without one (Drydock keeps no object metadata).
constexpr std::string_view k_default_content_type = "binary/octet-stream";

void add_object_headers(HttpResponse& response, const ObjectMetadata& object) {
  response.headers.emplace_back("ETag", object.etag);
  response.headers.emplace_back("Last-Modified", format_http_date(object.last_modified));
}

struct CopySource {
  std::string bucket;
  std::string key;
};

// x-amz-copy-source: "bucket/key" or "/bucket/key", URL-encoded, perhaps with "?versionId=…".
std::expected<CopySource, S3Error> read_copy_source(std::string_view header) {
  const auto invalid = [&] {
    return std::unexpected(invalid_argument_error(fmt::format(
        "Invalid copy source object key: x-amz-copy-source '{}' names no bucket and key", header)));
  };
  std::string_view source = header.substr(0, header.find('?'));
  if (source.starts_with('/')) {
    source.remove_prefix(1);
  }
  auto decoded = percent_decode(source, false);
  if (!decoded) {
    return invalid();
  }
  const auto slash = decoded->find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == decoded->size()) {
    return invalid();
  }
  return CopySource{decoded->substr(0, slash), decoded->substr(slash + 1)};
}

std::function<std::optional<std::string_view>(std::string_view)> headers_of(const S3Request& request) {
  return [&request](std::string_view name) { return request.header(name); };
}

// GetObject's response-content-type=… and the like (presigned URLs) set those headers of the answer.
void add_requested_headers(HttpResponse& response, const S3Request& request) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_overrides{{
      {"response-content-disposition", "Content-Disposition"},
      {"response-content-encoding", "Content-Encoding"},
      {"response-content-language", "Content-Language"},
      {"response-cache-control", "Cache-Control"},
      {"response-expires", "Expires"},
  }};
  for (const auto& [param, header] : k_overrides) {
    if (const auto value = request.param(param)) {
      response.headers.emplace_back(header, *value);
    }
  }
}

}  // namespace

HttpResponse put_object(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  auto stored =
      door.cloud.s3().put_object(request.bucket, request.key, call.payload->bytes, "Put", door.clock.now());
  if (!stored) {
    return error_answer(stored.error(), request);
  }
  HttpResponse response = empty_answer(200);
  response.headers.emplace_back("ETag", stored->object.etag);
  for (const auto& checksum : call.payload->checksums) {
    response.headers.push_back(checksum);
  }
  return response;
}

HttpResponse copy_object(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  auto source = read_copy_source(*request.header("x-amz-copy-source"));
  if (!source) {
    return error_answer(source.error(), request);
  }
  const bool replace = request.header("x-amz-metadata-directive") == "REPLACE";
  if (source->bucket == request.bucket && source->key == request.key && !replace) {
    return error_answer(
        S3Error{"InvalidRequest",
                "This copy request is illegal because it is trying to copy an object to itself without "
                "changing the object's metadata, storage class, website redirect location or encryption "
                "attributes."},
        request);
  }
  auto object = door.cloud.s3().get_object(source->bucket, source->key);
  if (!object) {
    return error_answer(object.error(), request);
  }
  if (check_preconditions(headers_of(request), object->metadata.etag, object->metadata.last_modified,
                          k_copy_source_conditions) != Precondition::proceed) {
    return error_answer(precondition_failed_error(), request);
  }
  auto stored =
      door.cloud.s3().put_object(request.bucket, request.key, object->body, "Copy", door.clock.now());
  if (!stored) {
    return error_answer(stored.error(), request);
  }
  XmlWriter xml;
  xml.open("CopyObjectResult", k_xmlns)
      .element("LastModified", format_instant(stored->object.last_modified))
      .element("ETag", stored->object.etag);
  return xml_answer(xml.finish());
}

HttpResponse get_object(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  const bool head = request.http->method == "HEAD";
  S3Object object;
  if (head) {
    auto metadata = door.cloud.s3().head_object(request.bucket, request.key);
    if (!metadata) {
      return error_answer(metadata.error(), request);
    }
    object.metadata = std::move(*metadata);
  } else {
    auto read = door.cloud.s3().get_object(request.bucket, request.key);
    if (!read) {
      return error_answer(read.error(), request);
    }
    object = std::move(*read);
  }
  const ObjectMetadata& metadata = object.metadata;
  switch (check_preconditions(headers_of(request), metadata.etag, metadata.last_modified)) {
    case Precondition::proceed: break;
    case Precondition::not_modified: {
      HttpResponse response = empty_answer(304);
      add_object_headers(response, metadata);
      return response;
    }
    case Precondition::failed: return error_answer(precondition_failed_error(), request);
  }
  auto range = select_range(request.header("Range"), metadata.size);
  if (!range) {
    HttpResponse response = error_answer(range.error(), request);
    response.headers.emplace_back("Content-Range", fmt::format("bytes */{}", metadata.size));
    return response;
  }
  HttpResponse response = empty_answer(*range ? 206 : 200);
  response.content_type = request.param("response-content-type").value_or(k_default_content_type);
  add_object_headers(response, metadata);
  response.headers.emplace_back("Accept-Ranges", "bytes");
  add_requested_headers(response, request);
  std::uint64_t length = metadata.size;
  if (*range) {
    length = (*range)->last - (*range)->first + 1;
    response.headers.emplace_back(
        "Content-Range", fmt::format("bytes {}-{}/{}", (*range)->first, (*range)->last, metadata.size));
  }
  if (head) {
    response.headers.emplace_back("Content-Length", std::to_string(length));
  } else if (*range) {
    response.body = object.body.substr((*range)->first, length);
  } else {
    response.body = std::move(object.body);
  }
  return response;
}

HttpResponse delete_object(S3Door& door, const S3Call& call) {
  if (auto deleted = door.cloud.s3().delete_object(call.request.bucket, call.request.key); !deleted) {
    return error_answer(deleted.error(), call.request);
  }
  return empty_answer(204);
}

}  // namespace drydock::emulator::http::s3_wire
