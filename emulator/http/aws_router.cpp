#include "emulator/http/aws_router.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "emulator/http/form_fields.hpp"
#include "emulator/http/sqs_json.hpp"
#include "emulator/http/sqs_query.hpp"
#include "emulator/http/xml_writer.hpp"

namespace drydock::emulator::http {

namespace {

HttpResponse not_served(const HttpRequest& request, std::string_view why) {
  XmlWriter xml;
  xml.open("Error")
      .element("Code", "NotImplemented")
      .element("Message", fmt::format("{} {}: {}", request.method, request.path, why))
      .element("RequestId", request_id());
  HttpResponse response;
  response.status = 501;
  response.content_type = "application/xml";
  response.body = xml.finish();
  return response;
}

std::string query_field(const FormFields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

}  // namespace

AwsRouter::AwsRouter(SqsGate& sqs,
                     std::function<std::optional<HttpResponse>(const HttpRequest&)> drydock_endpoints,
                     std::function<HttpResponse(const HttpRequest&)> s3, std::string fallback_origin)
    : m_sqs(sqs),
      m_drydock(std::move(drydock_endpoints)),
      m_s3(std::move(s3)),
      m_fallback_origin(std::move(fallback_origin)) {}

HttpResponse AwsRouter::handle(const HttpRequest& request) {
  const auto host = request.header("Host");
  const SqsEndpoint endpoint{host && !host->empty() ? fmt::format("http://{}", *host) : m_fallback_origin};
  if (request.path.starts_with(k_drydock_path)) {
    if (auto answer = m_drydock ? m_drydock(request) : std::nullopt) {
      return *answer;
    }
    return drydock_json(
        404, nlohmann::json{{"error", fmt::format("no Drydock endpoint {} {}", request.method, request.path)}}
                 .dump());
  }
  if (const auto target = request.header("X-Amz-Target");
      target && target->starts_with(k_sqs_json_target_prefix)) {
    return serve_sqs_json(m_sqs, request, endpoint);
  }
  // The Query protocol is a POST of a form, or a GET with Action= in its query string. A PUT with a
  // form Content-Type is an S3 PutObject (curl --data-binary's default), not SQS.
  const std::string_view content_type = request.header("Content-Type").value_or("");
  const bool form = request.method == "POST" && content_type.starts_with("application/x-www-form-urlencoded");
  if (form || (request.method == "GET" && request.query.find("Action=") != std::string::npos)) {
    auto fields = parse_form(form ? std::string_view(request.body) : std::string_view(request.query));
    if (!fields) {
      return query_error_answer(
          {"MalformedQueryString", fmt::format("The form body cannot be read: {}.", fields.error()), true});
    }
    const std::string version = query_field(*fields, "Version");
    if (version == k_sqs_query_version ||
        (version.empty() && known_sqs_action(query_field(*fields, "Action")))) {
      // Older SDKs POST to the queue's URL instead of naming it in the body.
      if (query_field(*fields, "QueueUrl").empty() &&
          std::count(request.path.begin(), request.path.end(), '/') == 2) {
        fields->emplace_back("QueueUrl", endpoint.origin + request.path);
      }
      return serve_sqs_query(m_sqs, *fields, endpoint);
    }
    return not_served(request,
                      fmt::format("the Query API version '{}' is not served (SQS is 2012-11-05)", version));
  }
  if (m_s3) {
    return m_s3(request);
  }
  return not_served(request, "this endpoint serves SQS only (JSON and Query protocols)");
}

HttpResponse drydock_json(int status, const std::string& body) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = body;
  return response;
}

}  // namespace drydock::emulator::http
