// The S3 multipart upload operations (s3_operations.hpp) over the MultipartUploads store: create,
// upload a part, complete (the object is then stored, and notifies, like any other), abort, and the
// two listings. `aws s3 cp` switches to these above 8 MB.
#include <fmt/format.h>

#include <charconv>

#include "emulator/common/instant_text.hpp"
#include "emulator/http/s3_operations.hpp"
#include "emulator/http/xml_reader.hpp"
#include "emulator/http/xml_writer.hpp"

namespace drydock::emulator::http::s3_wire {
namespace {

// The <Part>s of a <CompleteMultipartUpload> body.
std::expected<std::vector<CompletedPart>, S3Error> completed_parts(std::string_view body) {
  auto document = read_xml(body);
  if (!document) {
    return std::unexpected(malformed_xml_error(document.error()));
  }
  if (document->name != "CompleteMultipartUpload") {
    return std::unexpected(malformed_xml_error(
        fmt::format("the root element is <{}>, not <CompleteMultipartUpload>", document->name)));
  }
  std::vector<CompletedPart> parts;
  for (const auto& element : document->children) {
    if (element.name != "Part") {
      continue;
    }
    const XmlElement* number = element.child("PartNumber");
    const XmlElement* etag = element.child("ETag");
    int value = 0;
    if (number == nullptr || etag == nullptr ||
        std::from_chars(number->text.data(), number->text.data() + number->text.size(), value).ec !=
            std::errc()) {
      return std::unexpected(malformed_xml_error("each <Part> needs a numeric <PartNumber> and an <ETag>"));
    }
    parts.push_back({value, etag->text});
  }
  return parts;
}

}  // namespace

HttpResponse create_multipart_upload(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  if (auto found = door.cloud.s3().bucket(request.bucket); !found) {
    return error_answer(found.error(), request);
  }
  const auto algorithm = request.header("x-amz-checksum-algorithm");
  auto id = door.uploads.create(request.bucket, request.key, algorithm);
  if (!id) {
    return error_answer(id.error(), request);
  }
  XmlWriter xml;
  xml.open("InitiateMultipartUploadResult", k_xmlns)
      .element("Bucket", request.bucket)
      .element("Key", request.key)
      .element("UploadId", *id);
  HttpResponse response = xml_answer(xml.finish());
  if (algorithm) {
    response.headers.emplace_back("x-amz-checksum-algorithm", *algorithm);
  }
  return response;
}

HttpResponse upload_part(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  if (auto found = door.cloud.s3().bucket(request.bucket); !found) {
    return error_answer(found.error(), request);
  }
  const auto number = request.integer("partNumber", 0);
  if (!number) {
    return error_answer(number.error(), request);
  }
  auto etag = door.uploads.upload_part(request.bucket, request.key, *request.param("uploadId"), *number,
                                       call.payload->bytes);
  if (!etag) {
    return error_answer(etag.error(), request);
  }
  HttpResponse response = empty_answer(200);
  response.headers.emplace_back("ETag", *etag);
  for (const auto& checksum : call.payload->checksums) {
    response.headers.push_back(checksum);
  }
  return response;
}

HttpResponse complete_multipart_upload(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  if (auto found = door.cloud.s3().bucket(request.bucket); !found) {
    return error_answer(found.error(), request);
  }
  auto parts = completed_parts(request.http->body);
  if (!parts) {
    return error_answer(parts.error(), request);
  }
  std::string etag;
  auto completed = door.uploads.complete(request.bucket, request.key, *request.param("uploadId"), *parts,
                                         [&](const AssembledObject& object) -> std::expected<void, S3Error> {
                                           auto stored = door.cloud.s3().put_object(
                                               request.bucket, request.key, object.bytes,
                                               "CompleteMultipartUpload", door.clock.now());
                                           if (!stored) {
                                             return std::unexpected(stored.error());
                                           }
                                           etag = stored->object.etag;
                                           return {};
                                         });
  if (!completed) {
    return error_answer(completed.error(), request);
  }
  XmlWriter xml;
  xml.open("CompleteMultipartUploadResult", k_xmlns)
      .element("Location", fmt::format("/{}/{}", request.bucket, request.key))
      .element("Bucket", request.bucket)
      .element("Key", request.key)
      .element("ETag", etag);
  return xml_answer(xml.finish());
}

HttpResponse abort_multipart_upload(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  if (auto aborted = door.uploads.abort(request.bucket, request.key, *request.param("uploadId")); !aborted) {
    return error_answer(aborted.error(), request);
  }
  return empty_answer(204);
}

HttpResponse list_parts(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  const auto marker = request.integer("part-number-marker", 0);
  const auto max_parts = request.integer("max-parts", k_max_parts_per_page);
  if (!marker || !max_parts) {
    return error_answer(marker ? max_parts.error() : marker.error(), request);
  }
  auto listed = door.uploads.list_parts(request.bucket, request.key, *request.param("uploadId"),
                                        ListPartsRequest{*marker, *max_parts});
  if (!listed) {
    return error_answer(listed.error(), request);
  }
  XmlWriter xml;
  xml.open("ListPartsResult", k_xmlns)
      .element("Bucket", request.bucket)
      .element("Key", request.key)
      .element("UploadId", listed->upload.upload_id)
      .element("PartNumberMarker", std::to_string(*marker))
      .element("NextPartNumberMarker", std::to_string(listed->next_part_number_marker))
      .element("MaxParts", std::to_string(std::min(*max_parts, k_max_parts_per_page)))
      .element("IsTruncated", listed->is_truncated ? "true" : "false")
      .element("StorageClass", "STANDARD");
  for (const auto& part : listed->parts) {
    xml.open("Part")
        .element("PartNumber", std::to_string(part.part_number))
        .element("LastModified", format_instant(part.last_modified))
        .element("ETag", part.etag)
        .element("Size", std::to_string(part.size))
        .close();
  }
  return xml_answer(xml.finish());
}

HttpResponse list_multipart_uploads(S3Door& door, const S3Call& call) {
  const S3Request& request = call.request;
  if (auto found = door.cloud.s3().bucket(request.bucket); !found) {
    return error_answer(found.error(), request);
  }
  auto uploads = door.uploads.list_uploads(request.bucket);
  if (!uploads) {
    return error_answer(uploads.error(), request);
  }
  const std::string_view prefix = request.param("prefix").value_or("");
  XmlWriter xml;
  xml.open("ListMultipartUploadsResult", k_xmlns)
      .element("Bucket", request.bucket)
      .element("KeyMarker", "")
      .element("UploadIdMarker", "")
      .element("Prefix", prefix)
      .element("MaxUploads", "1000")
      .element("IsTruncated", "false");
  for (const auto& upload : *uploads) {
    if (!upload.key.starts_with(prefix)) {
      continue;
    }
    xml.open("Upload")
        .element("Key", upload.key)
        .element("UploadId", upload.upload_id)
        .element("Initiated", format_instant(upload.initiated))
        .element("StorageClass", "STANDARD")
        .close();
  }
  return xml_answer(xml.finish());
}

}  // namespace drydock::emulator::http::s3_wire
