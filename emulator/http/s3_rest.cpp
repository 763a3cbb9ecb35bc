#include "emulator/http/s3_rest.hpp"

#include <fmt/format.h>

#include <array>
#include <mutex>
#include <shared_mutex>

namespace drydock::emulator::http {
namespace {

using namespace s3_wire;
using Operation = HttpResponse (*)(S3Door&, const S3Call&);

// Subresources S3 has and Drydock does not emulate: named in the NotImplemented answer.
constexpr std::array<std::string_view, 24> k_unemulated = {"acl",         "analytics",
                                                           "accelerate",  "cors",
                                                           "encryption",  "intelligent-tiering",
                                                           "inventory",   "legal-hold",
                                                           "lifecycle",   "logging",
                                                           "metrics",     "notification",
                                                           "object-lock", "ownershipControls",
                                                           "policy",      "publicAccessBlock",
                                                           "replication", "requestPayment",
                                                           "restore",     "retention",
                                                           "select",      "tagging",
                                                           "versions",    "website"};

struct Route {
  Operation operation = nullptr;
  std::string_view name;  // for NotImplemented
  bool payload = false;   // the body is an object's bytes, decoded and checked first
  // CreateBucket and DeleteBucket change the set of buckets (Bucket pointers other operations hold)
  // and read the cloud's clock: they run alone, under the gate.
  bool alone = false;
};

Route bucket_route(const S3Request& request, std::string_view method) {
  if (method == "PUT") {
    return {create_bucket, "CreateBucket", false, true};
  }
  if (method == "HEAD") {
    return {head_bucket, "HeadBucket"};
  }
  if (method == "DELETE") {
    return {delete_bucket, "DeleteBucket", false, true};
  }
  if (method == "POST") {
    return request.has("delete") ? Route{delete_objects, "DeleteObjects"}
                                 : Route{nullptr, "POST on a bucket"};
  }
  if (method == "GET") {
    if (request.has("uploads")) {
      return {list_multipart_uploads, "ListMultipartUploads"};
    }
    if (request.has("location")) {
      return {get_bucket_location, "GetBucketLocation"};
    }
    return {list_objects, "ListObjects"};
  }
  return {nullptr, method};
}

Route object_route(const S3Request& request, std::string_view method) {
  const bool upload = request.has("uploadId");
  if (method == "PUT") {
    if (request.header("x-amz-copy-source")) {
      return upload ? Route{nullptr, "UploadPartCopy"} : Route{copy_object, "CopyObject"};
    }
    return upload ? Route{upload_part, "UploadPart", true} : Route{put_object, "PutObject", true};
  }
  if (method == "GET" || method == "HEAD") {
    return upload ? Route{list_parts, "ListParts"} : Route{get_object, "GetObject"};
  }
  if (method == "DELETE") {
    return upload ? Route{abort_multipart_upload, "AbortMultipartUpload"}
                  : Route{delete_object, "DeleteObject"};
  }
  if (method == "POST") {
    if (request.has("uploads")) {
      return {create_multipart_upload, "CreateMultipartUpload"};
    }
    if (upload) {
      return {complete_multipart_upload, "CompleteMultipartUpload"};
    }
  }
  return {nullptr, method};
}

Route route_of(const S3Request& request) {
  const std::string_view method = request.http->method;
  for (const auto name : k_unemulated) {
    if (request.has(name)) {
      return {nullptr, name};
    }
  }
  if (request.bucket.empty()) {
    return method == "GET" ? Route{list_buckets, "ListBuckets"} : Route{nullptr, method};
  }
  return request.key.empty() ? bucket_route(request, method) : object_route(request, method);
}

HttpResponse not_implemented(const S3Request& request, std::string_view what) {
  return error_answer(
      S3Error{"NotImplemented",
              fmt::format("{} {}: '{}' is not emulated by Drydock's S3 (docs/serve.md lists what is)",
                          request.http->method, request.http->path, what)},
      request);
}

}  // namespace

S3Door::S3Door(Cloud& project_cloud, SqsGate& server_gate, const Clock& time,
               std::filesystem::path multipart_root, MultipartOptions multipart)
    : cloud(project_cloud),
      gate(server_gate),
      clock(time),
      uploads(std::move(multipart_root), clock, multipart) {
  cloud.notification_sink().set_guard([&server_gate](const std::function<void()>& send) {
    server_gate.with_service([&](SqsService&) { send(); });
  });
}

S3Door::~S3Door() {
  cloud.notification_sink().set_guard({});
}

HttpResponse serve_s3_rest(S3Door& door, const HttpRequest& request, const S3Limits& limits) {
  auto addressed = read_s3_request(request);
  if (!addressed) {
    S3Request bare;
    bare.http = &request;
    return error_answer(addressed.error(), bare);
  }
  S3Call call{std::move(*addressed), std::nullopt};
  const Route route = route_of(call.request);
  if (route.operation == nullptr) {
    return not_implemented(call.request, route.name);
  }
  if (route.payload) {
    auto payload = read_payload(request, limits.max_object_bytes);
    if (!payload) {
      return error_answer(payload.error(), call.request);
    }
    call.payload = std::move(*payload);
  }
  if (route.alone) {
    const std::unique_lock lock(door.buckets);
    HttpResponse response;
    door.gate.with_service([&](SqsService&) { response = route.operation(door, call); });
    return response;
  }
  const std::shared_lock lock(door.buckets);
  return route.operation(door, call);
}

}  // namespace drydock::emulator::http
