#pragma once
// SQS's JSON 1.0 protocol (aws-wire.md §2): `X-Amz-Target: AmazonSQS.<Action>`, a JSON body in, JSON
// out; errors as `{"__type": "com.amazonaws.sqs#<Shape>", "message": …}` with the Query code in
// `x-amzn-query-error: <Code>;<Sender|Receiver>` (the awsQueryCompatible trait botocore and the
// JavaScript SDK read).

#include "emulator/http/http_exchange.hpp"
#include "emulator/http/sqs_gate.hpp"

namespace drydock::emulator::http {

inline constexpr std::string_view k_sqs_json_target_prefix = "AmazonSQS.";

// Answers a request whose X-Amz-Target starts with k_sqs_json_target_prefix.
HttpResponse serve_sqs_json(SqsGate& gate, const HttpRequest& request, const SqsEndpoint& endpoint);

}  // namespace drydock::emulator::http
