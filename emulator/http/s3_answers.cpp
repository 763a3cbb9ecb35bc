// The answers every S3 operation gives (s3_operations.hpp).
#include <fmt/format.h>

#include "emulator/http/aws_errors.hpp"
#include "emulator/http/s3_operations.hpp"
#include "emulator/http/xml_writer.hpp"

namespace drydock::emulator::http::s3_wire {
namespace {

void add_request_ids(HttpResponse& response) {
  const std::string id = request_id();
  response.headers.emplace_back("x-amz-request-id", id);
  response.headers.emplace_back("x-amz-id-2", id);
}

}  // namespace

HttpResponse xml_answer(std::string body, int status) {
  HttpResponse response;
  response.status = status;
  response.content_type = "application/xml";
  response.body = std::move(body);
  add_request_ids(response);
  return response;
}

HttpResponse empty_answer(int status) {
  HttpResponse response;
  response.status = status;
  add_request_ids(response);
  return response;
}

HttpResponse error_answer(const S3Error& error, const S3Request& request) {
  const int status = s3_status(error);
  if (request.http->method == "HEAD" || status == 304) {
    return empty_answer(status);
  }
  XmlWriter xml;
  xml.open("Error").element("Code", error.code).element("Message", error.message);
  if (!request.bucket.empty()) {
    xml.element("BucketName", request.bucket);
  }
  if (!request.key.empty()) {
    xml.element("Key", request.key);
  }
  xml.element("Resource", request.http->path).element("RequestId", request_id());
  return xml_answer(xml.finish(), status);
}

}  // namespace drydock::emulator::http::s3_wire
