#pragma once
// The SQS operations a wire client can call, over the one SqsService (never a second model). Input and
// output are in the JSON protocol's shape — API member names, lists as arrays, maps as objects,
// integers as numbers, BinaryValue as base64 — and the Query adapter brings its form fields to that
// shape first, so both protocols share every rule here. AWS's own limits stay in emulator/sqs.

#include <expected>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/sqs/sqs_error.hpp"
#include "emulator/sqs/sqs_service.hpp"

namespace drydock::emulator::http {

// Where the request came in: queue URLs in answers point back here ("http://127.0.0.1:4566").
struct SqsEndpoint {
  std::string origin;
};

// Whether `action` is an SQS operation this endpoint knows (both protocols' action names).
bool known_sqs_action(std::string_view action);

// Runs `action` with `input` (a JSON object) on `sqs` and returns the output object. Queues are named by
// QueueUrl, in any form whose last path segment is the queue's name (this endpoint's URLs and AWS's
// https://sqs.<region>.amazonaws.com/<account>/<name>). ReceiveMessage answers at once: the caller
// waits for WaitTimeSeconds (long polling) by calling again. Errors are AWS's (code, message, fault).
std::expected<nlohmann::json, SqsError> run_sqs_action(SqsService& sqs, std::string_view action,
                                                       const nlohmann::json& input,
                                                       const SqsEndpoint& endpoint);

// How long a ReceiveMessage `input` may wait: its WaitTimeSeconds (0..20), else its queue's
// ReceiveMessageWaitTimeSeconds (0 when the queue cannot be found: the receive says why).
int receive_wait_seconds(const SqsService& sqs, const nlohmann::json& input);

// Actions after which a waiting receive may find a message (a send, a visibility change, a move).
bool may_make_messages_visible(std::string_view action);

}  // namespace drydock::emulator::http
