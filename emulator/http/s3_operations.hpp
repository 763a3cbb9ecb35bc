#pragma once
// Private to emulator/http: the S3 REST operations, one function each, that s3_rest's table
// dispatches to (bucket operations in s3_bucket_actions.cpp, object operations in
// s3_object_actions.cpp, multipart uploads in s3_multipart_actions.cpp), and what they share: the
// door to the cloud, the request with its decoded payload, and the answers' shapes.

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/cloud/cloud.hpp"
#include "emulator/http/http_exchange.hpp"
#include "emulator/http/s3_payload.hpp"
#include "emulator/http/s3_request.hpp"
#include "emulator/http/sqs_gate.hpp"
#include "emulator/s3/multipart_uploads.hpp"
#include "emulator/s3/writer_first_mutex.hpp"

namespace drydock::emulator::http {

// What the S3 operations reach: the project's cloud (its S3Service, and where new buckets go), the
// server's gate (the service's time, and the SQS messages a notifying bucket sends) and the uploads in
// progress. Operations run concurrently, outside the gate's lock (s3_rest.cpp: under `buckets`,
// shared, and for CreateBucket and DeleteBucket alone and under the gate). While the door exists, the
// cloud's notification sink delivers under the gate's lock; every time an operation stamps comes from
// `clock` (the server's time: the cloud's clock moved on to the wall clock first).
struct S3Door {
  // `cloud`, `gate` and `time` must outlive the door; uploads in progress live in `multipart_root`.
  S3Door(Cloud& project_cloud, SqsGate& server_gate, const Clock& time, std::filesystem::path multipart_root,
         MultipartOptions multipart = {});
  ~S3Door();  // delivers directly again
  S3Door(const S3Door&) = delete;
  S3Door& operator=(const S3Door&) = delete;

  Cloud& cloud;
  SqsGate& gate;
  const Clock& clock;
  MultipartUploads uploads;
  WriterFirstMutex buckets;  // shared: every operation; exclusive: CreateBucket, DeleteBucket
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
