#pragma once
// One port, every protocol (aws-wire.md §1): a request goes to SQS JSON when its X-Amz-Target names
// AmazonSQS, to SQS Query when it is a POST whose form body says Action=…&Version=2012-11-05 (or a GET
// with Action= in its query string; a PUT with a form Content-Type is S3's), to Drydock's own
// endpoints under /_drydock/, and to S3 REST otherwise — always with an AWS-style error body, never a
// dropped connection.

#include <functional>
#include <optional>
#include <string>

#include "emulator/http/http_exchange.hpp"
#include "emulator/http/sqs_gate.hpp"

namespace drydock::emulator::http {

inline constexpr std::string_view k_drydock_path = "/_drydock/";

class AwsRouter {
 public:
  // `drydock_endpoints` answers requests under k_drydock_path (health, clock); nullopt: 404.
  // `s3` answers what is not SQS (s3_rest); unset: 501 NotImplemented.
  // `fallback_origin` names the endpoint when a request has no Host header.
  AwsRouter(SqsGate& sqs, std::function<std::optional<HttpResponse>(const HttpRequest&)> drydock_endpoints,
            std::function<HttpResponse(const HttpRequest&)> s3, std::string fallback_origin);

  HttpResponse handle(const HttpRequest& request);

 private:
  SqsGate& m_sqs;
  std::function<std::optional<HttpResponse>(const HttpRequest&)> m_drydock;
  std::function<HttpResponse(const HttpRequest&)> m_s3;
  std::string m_fallback_origin;
};

// A JSON answer of Drydock's own endpoints.
HttpResponse drydock_json(int status, const std::string& body);

}  // namespace drydock::emulator::http
