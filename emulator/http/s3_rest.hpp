#pragma once
// S3's REST protocol (aws-wire.md §5) over the project's S3Service: which operation a request is
// (by method, by whether it names a bucket and a key, and by its subresource), its payload decoded,
// then the operation, on the request's thread and outside the SQS gate's lock: reads, and puts into
// buckets without notifications, never wait for SQS. The gate's lock is taken only for what needs
// it (s3_operations.hpp's S3Door): the time a put stamps, the message an object created in a notifying
// bucket sends (which wakes the long polls waiting for it), and CreateBucket and DeleteBucket.

#include "emulator/http/http_exchange.hpp"
#include "emulator/http/s3_operations.hpp"

namespace drydock::emulator::http {

struct S3Limits {
  std::size_t max_object_bytes = 16 * 1024 * 1024;  // one PutObject or UploadPart (HttpServerOptions')
};

// The answer to `request`, which is neither SQS nor Drydock's own: an S3 operation, or S3's
// NotImplemented naming what is not emulated. Called on many threads at once.
HttpResponse serve_s3_rest(S3Door& door, const HttpRequest& request, const S3Limits& limits = {});

}  // namespace drydock::emulator::http
