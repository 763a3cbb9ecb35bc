#pragma once
// Reading the wire for the replay of the captured requests (wire_replay_test.cpp): what a capture asks
// for, its form fields and aws-chunked payload (decoded here, not by Drydock's own decoder, which is
// what is tested), and the parts of SQS and S3 answers the checks compare, from JSON or XML alike.

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "emulator/common/md5.hpp"
#include "emulator/http/form_fields.hpp"
#include "emulator/http/http_exchange.hpp"
#include "tests/support/wire_capture.hpp"

namespace drydock::test {

using emulator::md5_hex;
using emulator::http::FormFields;
using emulator::http::HttpResponse;
using emulator::http::parse_form;
using emulator::http::percent_decode;
using Json = nlohmann::json;

inline std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

inline std::optional<std::string> response_header(const HttpResponse& response, std::string_view name) {
  if (lower(name) == "content-type" && !response.content_type.empty()) {
    return response.content_type;
  }
  for (const auto& [key, value] : response.headers) {
    if (lower(key) == lower(name)) {
      return value;
    }
  }
  return std::nullopt;
}

// --- XML, read as far as the answers need: elements by name, entities undone ------------------------

inline std::string xml_unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const std::size_t semicolon = text.find(';', i);
    const std::string_view entity = text.substr(i + 1, semicolon - i - 1);
    if (entity == "quot") {
      out.push_back('"');
    } else if (entity == "amp") {
      out.push_back('&');
    } else if (entity == "lt") {
      out.push_back('<');
    } else if (entity == "gt") {
      out.push_back('>');
    } else if (entity == "apos") {
      out.push_back('\'');
    } else {
      out.append(text.substr(i, semicolon - i + 1));
    }
    i = semicolon;
  }
  return out;
}

// The raw contents of every <name>…</name> in `xml` (not nested in one another), in order.
inline std::vector<std::string> xml_all(std::string_view xml, std::string_view name) {
  std::vector<std::string> found;
  const std::string open = fmt::format("<{}>", name);
  const std::string close = fmt::format("</{}>", name);
  for (std::size_t at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at)) {
    const std::size_t end = xml.find(close, at + open.size());
    if (end == std::string_view::npos) {
      break;
    }
    found.emplace_back(xml.substr(at + open.size(), end - at - open.size()));
    at = end + close.size();
  }
  return found;
}

inline std::optional<std::string> xml_first(std::string_view xml, std::string_view name) {
  auto all = xml_all(xml, name);
  return all.empty() ? std::nullopt : std::optional<std::string>(xml_unescape(all.front()));
}

// The <Name>s of the <`element`><Name>…</Name>…</`element`> entries of `xml`.
inline std::set<std::string> xml_names(std::string_view xml, std::string_view element) {
  std::set<std::string> names;
  for (const auto& entry : xml_all(xml, element)) {
    if (auto name = xml_first(entry, "Name")) {
      names.insert(*name);
    }
  }
  return names;
}

// The <Attribute> entries of `xml` as name → value.
inline std::map<std::string, std::string> xml_attributes(std::string_view xml) {
  std::map<std::string, std::string> values;
  for (const auto& entry : xml_all(xml, "Attribute")) {
    if (auto name = xml_first(entry, "Name")) {
      values[*name] = xml_first(entry, "Value").value_or("");
    }
  }
  return values;
}

// --- requests -----------------------------------------------------------------------------------

inline std::string form_encode(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

inline std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

inline bool form_request(const WireCapture& capture) {
  return capture.header("Content-Type").value_or("").starts_with("application/x-www-form-urlencoded");
}

inline FormFields form_of(std::string_view text) {
  auto fields = parse_form(text);
  REQUIRE_MESSAGE(fields.has_value(), "a captured form does not parse");
  return *fields;
}

inline std::optional<std::string> field(const FormFields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

// What a capture asks for: the SQS or STS action, or the S3 operation.
struct Operation {
  enum class Protocol { sqs_json, sqs_query, sts_query, s3 } protocol;
  std::string name;
};

inline Operation operation_of(const WireCapture& capture) {
  if (const auto target = capture.header("X-Amz-Target"); target && target->starts_with("AmazonSQS.")) {
    return {Operation::Protocol::sqs_json, target->substr(10)};
  }
  if (form_request(capture)) {
    const auto fields = form_of(capture.body);
    const bool sts = field(fields, "Version") == "2011-06-15";
    return {sts ? Operation::Protocol::sts_query : Operation::Protocol::sqs_query,
            field(fields, "Action").value_or("")};
  }
  const auto form = form_of(capture.query);
  const bool has_key =
      std::count(capture.path.begin(), capture.path.end(), '/') >= 2 && !capture.path.ends_with('/');
  auto has = [&](std::string_view name) { return field(form, name).has_value(); };
  if (capture.method == "PUT") {
    return {Operation::Protocol::s3,
            !has_key ? "CreateBucket" : (has("uploadId") ? "UploadPart" : "PutObject")};
  }
  if (capture.method == "POST") {
    return {Operation::Protocol::s3,
            has("delete") ? "DeleteObjects"
                          : (has("uploads") ? "CreateMultipartUpload" : "CompleteMultipartUpload")};
  }
  if (capture.method == "GET" && has("list-type")) {
    return {Operation::Protocol::s3, "ListObjectsV2"};
  }
  return {Operation::Protocol::s3, capture.method == "HEAD" ? "HeadObject" : "GetObject"};
}

// The bytes and trailers of an aws-chunked body (aws-wire.md §5), decoded here rather than by
// Drydock's own decoder, which is what is being tested.
struct Unchunked {
  std::string bytes;
  std::map<std::string, std::string> trailers;
};

inline Unchunked aws_unchunk(std::string_view body) {
  Unchunked out;
  std::size_t at = 0;
  auto line = [&] {
    const std::size_t end = body.find("\r\n", at);
    REQUIRE(end != std::string_view::npos);
    const std::string_view text = body.substr(at, end - at);
    at = end + 2;
    return text;
  };
  while (true) {
    const std::string_view size_line = line();
    const std::size_t size = std::stoul(std::string(size_line.substr(0, size_line.find(';'))), nullptr, 16);
    if (size == 0) {
      break;
    }
    out.bytes.append(body.substr(at, size));
    at += size + 2;
  }
  for (std::string_view trailer = line(); !trailer.empty(); trailer = line()) {
    const std::size_t colon = trailer.find(':');
    out.trailers[lower(trailer.substr(0, colon))] = std::string(trailer.substr(colon + 1));
  }
  return out;
}

// "dir/hello%20world%2Bx.txt" → "dir/hello world+x.txt" (botocore's unquote_plus for encoding-type=url).
inline std::string url_decoded(std::string_view text, bool plus_is_space) {
  auto decoded = percent_decode(text, plus_is_space);
  REQUIRE(decoded.has_value());
  return *decoded;
}

inline std::string raw_md5(std::string_view bytes) {
  const std::string hex = md5_hex(bytes);
  std::string raw;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return raw;
}

inline std::string unquoted(std::string_view etag) {
  std::string text = xml_unescape(etag);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  return text;
}

// One SQS message of a ReceiveMessage answer, from JSON or XML alike.
struct Received {
  std::string body;
  std::string receipt_handle;
  std::optional<std::string> md5_of_body;
  std::optional<std::string> md5_of_attributes;
  std::set<std::string> attribute_names;
  std::set<std::string> message_attribute_names;
  bool intact = true;  // false for a message cut by the recorder: only what was found is compared
};

inline std::optional<std::string> json_string(const Json& object, std::string_view name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? std::optional<std::string>(it->get<std::string>())
                                               : std::nullopt;
}

// The member `name` of `object`, or an empty object when it has none (iterating it yields nothing).
inline const Json& member(const Json& object, std::string_view name) {
  static const Json k_empty = Json::object();
  const auto it = object.find(name);
  return it != object.end() ? *it : k_empty;
}

inline std::vector<Received> received_messages(std::string_view body, bool json) {
  std::vector<Received> messages;
  if (json) {
    const Json answer = Json::parse(body, nullptr, false);
    if (!answer.is_object() || !answer.contains("Messages")) {
      return messages;
    }
    for (const auto& message : answer["Messages"]) {
      Received received{json_string(message, "Body").value_or(""),
                        json_string(message, "ReceiptHandle").value_or(""),
                        json_string(message, "MD5OfBody"),
                        json_string(message, "MD5OfMessageAttributes"),
                        {},
                        {}};
      for (const auto& [name, value] : member(message, "Attributes").items()) {
        received.attribute_names.insert(name);
      }
      for (const auto& [name, value] : member(message, "MessageAttributes").items()) {
        received.message_attribute_names.insert(name);
      }
      messages.push_back(std::move(received));
    }
    return messages;
  }
  // <Message> chunks; the recorder may have cut one (its fields are then compared as far as they go).
  constexpr std::string_view k_open = "<Message>";
  for (std::size_t at = body.find(k_open); at != std::string_view::npos;) {
    const std::size_t next = body.find(k_open, at + k_open.size());
    const std::string_view chunk = body.substr(at, next == std::string_view::npos ? next : next - at);
    at = next;
    const auto message_body = xml_first(chunk, "Body");
    if (!message_body) {
      continue;
    }
    Received received{*message_body,
                      xml_first(chunk, "ReceiptHandle").value_or(""),
                      xml_first(chunk, "MD5OfBody"),
                      xml_first(chunk, "MD5OfMessageAttributes"),
                      xml_names(chunk, "Attribute"),
                      xml_names(chunk, "MessageAttribute"),
                      chunk.find("</Message>") != std::string_view::npos &&
                          chunk.find("...[omitted]...") == std::string_view::npos};
    messages.push_back(std::move(received));
  }
  return messages;
}

}  // namespace drydock::test
