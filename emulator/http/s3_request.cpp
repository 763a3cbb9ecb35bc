#include "emulator/http/s3_request.hpp"

#include <fmt/format.h>

#include <charconv>

namespace drydock::emulator::http {
namespace {

S3Error invalid_uri(std::string_view what, std::string_view why) {
  return S3Error{"InvalidURI", fmt::format("Couldn't parse the specified URI: {} ({}).", what, why)};
}

std::string_view without_port(std::string_view host) {
  if (host.starts_with('[')) {  // [::1]:4566
    return host.substr(0, host.find(']') + 1);
  }
  return host.substr(0, host.rfind(':'));
}

}  // namespace

bool S3Request::has(std::string_view name) const {
  return param(name).has_value();
}

std::optional<std::string_view> S3Request::param(std::string_view name) const {
  for (const auto& [field, value] : query) {
    if (field == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::expected<int, S3Error> S3Request::integer(std::string_view name, int fallback) const {
  const auto text = param(name);
  if (!text) {
    return fallback;
  }
  int value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size()) {
    return std::unexpected(invalid_argument_error(fmt::format("{} '{}' is not an integer", name, *text)));
  }
  return value;
}

std::optional<std::string> virtual_host_bucket(std::string_view host) {
  const std::string_view name = without_port(host);
  constexpr std::string_view k_localhost = ".localhost";
  if (name.size() > k_localhost.size() && name.ends_with(k_localhost)) {
    return std::string(name.substr(0, name.size() - k_localhost.size()));
  }
  if (name.ends_with(".amazonaws.com")) {
    const auto s3 = name.find(".s3.");
    if (s3 != std::string_view::npos && s3 > 0) {
      return std::string(name.substr(0, s3));
    }
  }
  return std::nullopt;
}

std::expected<S3Request, S3Error> read_s3_request(const HttpRequest& request) {
  S3Request s3;
  s3.http = &request;
  auto query = parse_form(request.query);
  if (!query) {
    return std::unexpected(invalid_uri(request.query, query.error()));
  }
  s3.query = std::move(*query);
  auto path = percent_decode(request.path, false);
  if (!path) {
    return std::unexpected(invalid_uri(request.path, path.error()));
  }
  std::string_view rest = *path;
  if (rest.starts_with('/')) {
    rest.remove_prefix(1);
  }
  if (auto bucket = virtual_host_bucket(request.header("Host").value_or(""))) {
    s3.bucket = std::move(*bucket);
    s3.key = std::string(rest);
    return s3;
  }
  const auto slash = rest.find('/');
  s3.bucket = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) {
    s3.key = std::string(rest.substr(slash + 1));
  }
  return s3;
}

}  // namespace drydock::emulator::http
