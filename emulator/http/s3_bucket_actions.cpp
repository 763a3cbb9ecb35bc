// The S3 bucket operations (s3_operations.hpp): ListBuckets, Create/Head/DeleteBucket,
// GetBucketLocation, ListObjects (v1 and v2) and DeleteObjects.
#include <fmt/format.h>

#include "emulator/common/instant_text.hpp"
#include "emulator/http/s3_operations.hpp"
#include "emulator/http/xml_reader.hpp"
#include "emulator/http/xml_writer.hpp"
#include "emulator/s3/key_encoding.hpp"

namespace drydock::emulator::http::s3_wire {
namespace {

// AWS's cap on the keys of one DeleteObjects request.
constexpr std::size_t k_max_delete_keys = 1000;

// Key, Prefix, Marker, ... as the request asked them written: URL-encoded for encoding-type=url.
struct Encoder {
  bool url = false;
  std::string operator()(std::string_view text) const { return url ? quote(text) : std::string(text); }
};

void write_contents(XmlWriter& xml, const ListObjectsV2Result& listed, const Encoder& encode) {
  for (const auto& object : listed.contents) {
    xml.open("Contents")
        .element("Key", encode(object.key))
        .element("LastModified", format_instant(object.last_modified))
        .element("ETag", object.etag)
        .element("Size", std::to_string(object.size))
        .element("StorageClass", "STANDARD")
        .close();
  }
  for (const auto& prefix : listed.common_prefixes) {
    xml.open("CommonPrefixes").element("Prefix", encode(prefix)).close();
  }
}

// ListObjects v1's Marker as a v2 request: after the key, or after all of a common prefix (the
// NextMarker of a page that ended with one).
void resume_from_marker(ListObjectsV2Request& list, std::string_view marker) {
  if (list.delimiter && !list.delimiter->empty() && marker.starts_with(list.prefix)) {
    const auto found = marker.find(*list.delimiter, list.prefix.size());
    if (found != std::string_view::npos && found + list.delimiter->size() == marker.size()) {
      list.continuation_token = continuation_token_after(marker, true);
      return;
    }
  }
  list.start_after = std::string(marker);
}

}  // namespace

HttpResponse list_buckets(S3Door& door, const S3Call&) {
  XmlWriter xml;
  xml.open("ListAllMyBucketsResult", k_xmlns);
  xml.open("Owner").element("ID", door.cloud.layout().account_id).element("DisplayName", "drydock").close();
  xml.open("Buckets");
  for (const auto& name : door.cloud.s3().bucket_names()) {
    const auto created = door.cloud.s3().creation_time(name);
    xml.open("Bucket")
        .element("Name", name)
        .element("CreationDate", format_instant(created.value_or(Instant{})));
    xml.close();
  }
  xml.close();
  return xml_answer(xml.finish());
}

HttpResponse create_bucket(S3Door& door, const S3Call& call) {
  if (auto created = door.cloud.create_bucket(call.request.bucket); !created) {
    // us-east-1 answers 200 to a create of a bucket the caller owns; every other region 409.
    if (created.error().code != "BucketAlreadyOwnedByYou" || door.cloud.layout().region != "us-east-1") {
      return error_answer(created.error(), call.request);
    }
  }
  HttpResponse response = empty_answer(200);
  response.headers.emplace_back("Location", "/" + call.request.bucket);
  return response;
}

HttpResponse head_bucket(S3Door& door, const S3Call& call) {
  if (auto found = door.cloud.s3().bucket(call.request.bucket); !found) {
    return error_answer(found.error(), call.request);
  }
  HttpResponse response = empty_answer(200);
  response.headers.emplace_back("x-amz-bucket-region", door.cloud.layout().region);
  return response;
}

HttpResponse delete_bucket(S3Door& door, const S3Call& call) {
  if (auto deleted = door.cloud.delete_bucket(call.request.bucket); !deleted) {
    return error_answer(deleted.error(), call.request);
  }
  return empty_answer(204);
}

HttpResponse get_bucket_location(S3Door& door, const S3Call& call) {
  if (auto found = door.cloud.s3().bucket(call.request.bucket); !found) {
    return error_answer(found.error(), call.request);
  }
  const std::string& region = door.cloud.layout().region;
  return xml_answer(fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>)"
                                "\n<LocationConstraint xmlns=\"{}\">{}</LocationConstraint>",
                                k_xmlns, region == "us-east-1" ? "" : region));
}

HttpResponse list_objects(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  const bool v2 = request.param("list-type") == "2";
  const auto keys = request.integer("max-keys", k_max_list_keys);
  if (!keys) {
    return error_answer(keys.error(), request);
  }
  const auto encoding = request.param("encoding-type");
  if (encoding && *encoding != "url") {
    return error_answer(invalid_argument_error("Invalid Encoding Method specified in Request"), request);
  }
  const Encoder encode{encoding.has_value()};
  ListObjectsV2Request list;
  list.prefix = std::string(request.param("prefix").value_or(""));
  if (const auto delimiter = request.param("delimiter"); delimiter && !delimiter->empty()) {
    list.delimiter = std::string(*delimiter);
  }
  list.max_keys = *keys;
  if (v2) {
    if (const auto token = request.param("continuation-token")) {
      list.continuation_token = std::string(*token);
    }
    if (const auto after = request.param("start-after")) {
      list.start_after = std::string(*after);
    }
  } else if (const auto marker = request.param("marker"); marker && !marker->empty()) {
    resume_from_marker(list, *marker);
  }
  auto listed = door.cloud.s3().list_objects_v2(request.bucket, list);
  if (!listed) {
    return error_answer(listed.error(), request);
  }
  XmlWriter xml;
  xml.open("ListBucketResult", k_xmlns);
  xml.element("Name", request.bucket).element("Prefix", encode(list.prefix));
  if (v2) {
    if (list.continuation_token) {
      xml.element("ContinuationToken", *list.continuation_token);
    }
    if (list.start_after) {
      xml.element("StartAfter", encode(*list.start_after));
    }
    xml.element("KeyCount", std::to_string(listed->key_count));
    if (listed->next_continuation_token) {
      xml.element("NextContinuationToken", *listed->next_continuation_token);
    }
  } else {
    xml.element("Marker", encode(request.param("marker").value_or("")));
    if (listed->is_truncated) {
      const bool prefix_last =
          !listed->common_prefixes.empty() &&
          (listed->contents.empty() || listed->common_prefixes.back() > listed->contents.back().key);
      xml.element("NextMarker",
                  encode(prefix_last ? listed->common_prefixes.back() : listed->contents.back().key));
    }
  }
  xml.element("MaxKeys", std::to_string(listed->max_keys));
  if (list.delimiter) {
    xml.element("Delimiter", encode(*list.delimiter));
  }
  if (encoding) {
    xml.element("EncodingType", "url");
  }
  xml.element("IsTruncated", listed->is_truncated ? "true" : "false");
  write_contents(xml, *listed, encode);
  return xml_answer(xml.finish());
}

HttpResponse delete_objects(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  if (auto found = door.cloud.s3().bucket(request.bucket); !found) {
    return error_answer(found.error(), request);
  }
  auto document = read_xml(request.http->body);
  if (!document) {
    return error_answer(malformed_xml_error(document.error()), request);
  }
  if (document->name != "Delete") {
    return error_answer(
        malformed_xml_error(fmt::format("the root element is <{}>, not <Delete>", document->name)), request);
  }
  std::vector<std::string> keys;
  for (const auto& element : document->children) {
    if (element.name == "Object") {
      const XmlElement* key = element.child("Key");
      if (key == nullptr) {
        return error_answer(malformed_xml_error("an <Object> has no <Key>"), request);
      }
      keys.push_back(key->text);
    }
  }
  if (keys.empty() || keys.size() > k_max_delete_keys) {
    return error_answer(malformed_xml_error(fmt::format("a <Delete> names 1 to {} objects, this one {}",
                                                        k_max_delete_keys, keys.size())),
                        request);
  }
  const XmlElement* quiet = document->child("Quiet");
  const bool quietly = quiet != nullptr && quiet->text == "true";
  XmlWriter xml;
  xml.open("DeleteResult", k_xmlns);
  for (const auto& key : keys) {
    if (auto deleted = door.cloud.s3().delete_object(request.bucket, key); !deleted) {
      xml.open("Error")
          .element("Key", key)
          .element("Code", deleted.error().code)
          .element("Message", deleted.error().message)
          .close();
    } else if (!quietly) {
      xml.open("Deleted").element("Key", key).close();
    }
  }
  return xml_answer(xml.finish());
}

}  // namespace drydock::emulator::http::s3_wire
