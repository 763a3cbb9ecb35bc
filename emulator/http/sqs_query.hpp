#pragma once
// SQS's Query protocol (aws-wire.md §3), which Debian's awscli and boto3 speak: a form body with
// `Action=<Op>&Version=2012-11-05`, lists and maps flattened with 1-based indexes
// (`Attribute.1.Name`, `SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue`), XML
// answers `<{Op}Response><{Op}Result>…` and `<ErrorResponse><Error><Type/><Code/><Message/>`. The form
// is brought to the JSON protocol's shape and run by sqs_actions, so both protocols share every rule.

#include <expected>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/http/form_fields.hpp"
#include "emulator/http/http_exchange.hpp"
#include "emulator/http/sqs_gate.hpp"

namespace drydock::emulator::http {

inline constexpr std::string_view k_sqs_query_version = "2012-11-05";

// The form's fields (without Action and Version) in the JSON protocol's shape; fails naming a field
// whose name cannot be read (a name used both as a value and as a list or map).
std::expected<nlohmann::json, std::string> query_input(const FormFields& fields);

// The XML answer of `action` for `output` (the JSON protocol's shape).
std::string query_output_xml(std::string_view action, const nlohmann::json& output,
                             const std::string& request_id);

// An ErrorResponse answer for `error` (status from aws_errors).
HttpResponse query_error_answer(const SqsError& error);

// Answers a Query request whose form fields are `fields` (Action among them).
HttpResponse serve_sqs_query(SqsGate& gate, const FormFields& fields, const SqsEndpoint& endpoint);

}  // namespace drydock::emulator::http
