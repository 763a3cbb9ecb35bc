#pragma once
// S3's REST protocol (aws-wire.md §5) over the project's S3Service: which operation a request is
// (by method, by whether it names a bucket and a key, and by its subresource), its payload decoded
// outside the lock, then the operation under the gate's lock: S3 shares the gate with SQS because
// an object created in a notifying bucket sends a message (and wakes the long polls waiting for it).

#include "emulator/http/http_exchange.hpp"
#include "emulator/http/s3_operations.hpp"
#include "emulator/http/sqs_gate.hpp"

namespace drydock::emulator::http {

struct S3Limits {
  std::size_t max_object_bytes = 16 * 1024 * 1024;  // one PutObject or UploadPart (HttpServerOptions')
};

// The answer to `request`, which is neither SQS nor Drydock's own: an S3 operation, or S3's
// NotImplemented naming what is not emulated.
HttpResponse serve_s3_rest(SqsGate& gate, S3Door& door, const HttpRequest& request,
                           const S3Limits& limits = {});

}  // namespace drydock::emulator::http
