#include "emulator/http/sqs_json.hpp"

#include "emulator/http/aws_errors.hpp"

namespace drydock::emulator::http {

namespace {

constexpr std::string_view k_content_type = "application/x-amz-json-1.0";
// SQS inputs nest four deep at most (batch entry, attribute map, attribute, value); nlohmann's parser
// recurses, so deeper input is refused before parsing.
constexpr int k_max_depth = 32;

bool nesting_within(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) {
        return false;
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

HttpResponse json_answer(int status, const nlohmann::json& body, const std::string& id) {
  HttpResponse response;
  response.status = status;
  response.content_type = std::string(k_content_type);
  response.headers.emplace_back("x-amzn-RequestId", id);
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

HttpResponse error_answer(const WireError& error, const std::string& id) {
  HttpResponse response =
      json_answer(error.status, {{"__type", error.json_type}, {"message", error.message}}, id);
  response.headers.emplace_back("x-amzn-query-error", error.query_code + ";" + error.fault);
  return response;
}

}  // namespace

HttpResponse serve_sqs_json(SqsGate& gate, const HttpRequest& request, const SqsEndpoint& endpoint) {
  const std::string id = request_id();
  const std::string_view target = request.header("X-Amz-Target").value_or("");
  const std::string_view action = target.substr(std::min(target.size(), k_sqs_json_target_prefix.size()));
  if (!known_sqs_action(action)) {
    return error_answer({.status = 400,
                         .query_code = "InvalidAction",
                         .json_type = "com.amazonaws.sqs#UnknownOperationException",
                         .fault = "Sender",
                         .message = "The action " + std::string(action) + " is not valid for this endpoint."},
                        id);
  }
  const std::string_view body =
      request.body.empty() ? std::string_view("{}") : std::string_view(request.body);
  const nlohmann::json input = nesting_within(body, k_max_depth)
                                   ? nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false)
                                   : nlohmann::json(nlohmann::json::value_t::discarded);
  if (input.is_discarded() || !input.is_object()) {
    return error_answer({.status = 400,
                         .query_code = "SerializationException",
                         .json_type = "com.amazon.coral.service#SerializationException",
                         .fault = "Sender",
                         .message = "The request body is not a JSON object (or nests deeper than 32)."},
                        id);
  }
  auto result = gate.call(action, input, endpoint);
  if (!result) {
    return error_answer(wire_error(result.error()), id);
  }
  return json_answer(200, *result, id);
}

}  // namespace drydock::emulator::http
