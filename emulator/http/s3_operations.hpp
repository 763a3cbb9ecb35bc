#pragma once
// Private to emulator/http: the S3 REST operations, one function each, that s3_rest's table
// dispatches to (bucket operations in s3_bucket_actions.cpp, object operations in
// s3_object_actions.cpp, multipart uploads in s3_multipart_actions.cpp), and what they share: the
// door to the cloud, the request with its decoded payload, and the answers' shapes.

#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/cloud/cloud.hpp"
#include "emulator/http/http_exchange.hpp"
#include "emulator/http/s3_payload.hpp"
#include "emulator/http/s3_request.hpp"
#include "emulator/s3/multipart_uploads.hpp"

namespace drydock::emulator::http {

// What the S3 operations reach: the project's cloud (its S3Service, and where new buckets go) and
// the uploads in progress. Operations run one at a time (s3_rest takes the gate's lock).
struct S3Door {
  Cloud& cloud;
  MultipartUploads& uploads;
};

// One request as an operation sees it: its addressing and, for PutObject and UploadPart, the
// payload already decoded and checked (outside the lock).
struct S3Call {
  S3Request request;
  std::optional<Payload> payload;
};

namespace s3_wire {

inline constexpr std::string_view k_xmlns = "http://s3.amazonaws.com/doc/2006-03-01/";

// An XML answer (`status`, application/xml) with S3's request-id headers.
HttpResponse xml_answer(std::string body, int status = 200);
// A bodiless answer with S3's request-id headers.
HttpResponse empty_answer(int status);
// S3's <Error> document for `error` (no body for HEAD, which has none), naming the resource.
HttpResponse error_answer(const S3Error& error, const S3Request& request);

HttpResponse list_buckets(S3Door& door, const S3Call& call);
HttpResponse create_bucket(S3Door& door, const S3Call& call);
HttpResponse head_bucket(S3Door& door, const S3Call& call);
HttpResponse delete_bucket(S3Door& door, const S3Call& call);
HttpResponse get_bucket_location(S3Door& door, const S3Call& call);
HttpResponse list_objects(S3Door& door, const S3Call& call);  // v1, and v2 with list-type=2
HttpResponse delete_objects(S3Door& door, const S3Call& call);

HttpResponse put_object(S3Door& door, const S3Call& call);
HttpResponse copy_object(S3Door& door, const S3Call& call);
HttpResponse get_object(S3Door& door, const S3Call& call);  // HEAD too
HttpResponse delete_object(S3Door& door, const S3Call& call);

HttpResponse create_multipart_upload(S3Door& door, const S3Call& call);
HttpResponse upload_part(S3Door& door, const S3Call& call);
HttpResponse complete_multipart_upload(S3Door& door, const S3Call& call);
HttpResponse abort_multipart_upload(S3Door& door, const S3Call& call);
HttpResponse list_parts(S3Door& door, const S3Call& call);
HttpResponse list_multipart_uploads(S3Door& door, const S3Call& call);

}  // namespace s3_wire
}  // namespace drydock::emulator::http
