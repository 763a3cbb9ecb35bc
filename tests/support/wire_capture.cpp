#include "tests/support/wire_capture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "emulator/common/hex_digit.hpp"
#include "tests/support/test_support.hpp"

namespace drydock::test {

namespace {

bool same_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
  });
}

std::optional<std::string> find_header(const std::vector<std::pair<std::string, std::string>>& headers,
                                       std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (same_name(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

// Reads lines from `pos` on; each call returns the next line without its '\n'.
struct Lines {
  std::string_view text;
  std::size_t pos = 0;

  std::optional<std::string_view> next() {
    if (pos >= text.size()) {
      return std::nullopt;
    }
    const std::size_t end = text.find('\n', pos);
    const std::string_view line =
        text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    return line;
  }
};

// "Name: Value" lines up to the first empty one.
std::expected<std::vector<std::pair<std::string, std::string>>, std::string> read_headers(Lines& lines) {
  std::vector<std::pair<std::string, std::string>> headers;
  while (auto line = lines.next()) {
    if (line->empty()) {
      return headers;
    }
    const std::size_t colon = line->find(':');
    if (colon == std::string_view::npos) {
      return std::unexpected(fmt::format("a header line without ':': '{}'", *line));
    }
    std::string_view value = line->substr(colon + 1);
    if (value.starts_with(' ')) {
      value.remove_prefix(1);
    }
    headers.emplace_back(std::string(line->substr(0, colon)), std::string(value));
  }
  return std::unexpected("the headers do not end in an empty line");
}

// A text the recorder cut: its two ends and what it says about the middle.
struct Cut {
  std::string_view head;
  std::string_view tail;
  std::optional<std::size_t> omitted_bytes;  // "...[N bytes omitted]..."; nullopt for a hand trim
};

std::optional<Cut> find_cut(std::string_view text) {
  const std::size_t open = text.find("\n...[");
  if (open == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t close = text.find("]...\n", open);
  if (close == std::string_view::npos) {
    return std::nullopt;
  }
  Cut cut{text.substr(0, open), text.substr(close + 5), std::nullopt};
  const std::string_view marker = text.substr(open + 5, close - open - 5);
  if (marker.ends_with(" bytes omitted")) {
    std::size_t omitted = 0;
    const auto [end, error] = std::from_chars(marker.data(), marker.data() + marker.size(), omitted);
    if (error == std::errc() && std::string_view(end, marker.data() + marker.size()) == " bytes omitted") {
      cut.omitted_bytes = omitted;
    }
  }
  return cut;
}

}  // namespace

std::optional<std::string> WireCapture::header(std::string_view header_name) const {
  return find_header(headers, header_name);
}

std::optional<std::string> WireCapture::response_header(std::string_view header_name) const {
  return find_header(response_headers, header_name);
}

std::string unescape_capture_text(std::string_view text) {
  std::string bytes;
  bytes.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'r') {
      bytes.push_back('\r');
      ++i;
    } else if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
               emulator::hex_digit_value(text[i + 2]) >= 0 && emulator::hex_digit_value(text[i + 3]) >= 0) {
      bytes.push_back(static_cast<char>(emulator::hex_digit_value(text[i + 2]) * 16 +
                                        emulator::hex_digit_value(text[i + 3])));
      i += 3;
    } else {
      bytes.push_back(text[i]);
    }
  }
  return bytes;
}

std::expected<WireCapture, std::string> parse_wire_capture(std::string_view text, std::string name) {
  WireCapture capture;
  capture.name = std::move(name);
  Lines lines{text};
  const auto banner = lines.next();
  if (!banner || !banner->starts_with("### REQUEST (")) {
    return std::unexpected("no '### REQUEST (' line first");
  }
  const auto request_line = lines.next();
  const std::size_t space = request_line ? request_line->find(' ') : std::string_view::npos;
  const std::size_t last_space = request_line ? request_line->rfind(' ') : std::string_view::npos;
  if (space == std::string_view::npos || last_space <= space) {
    return std::unexpected("no 'METHOD TARGET HTTP/1.1' request line");
  }
  capture.method = std::string(request_line->substr(0, space));
  const std::string_view target = request_line->substr(space + 1, last_space - space - 1);
  const std::size_t question = target.find('?');
  capture.path = std::string(target.substr(0, question));
  capture.query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  auto headers = read_headers(lines);
  if (!headers) {
    return std::unexpected("request: " + headers.error());
  }
  capture.headers = std::move(*headers);

  const auto body_line = lines.next();
  constexpr std::string_view k_body_banner = "### REQUEST BODY (";
  if (!body_line || !body_line->starts_with(k_body_banner)) {
    return std::unexpected("no '### REQUEST BODY (' line after the headers");
  }
  const std::string_view size_text = body_line->substr(k_body_banner.size());
  if (std::from_chars(size_text.data(), size_text.data() + size_text.size(), capture.body_size).ec !=
      std::errc()) {
    return std::unexpected("the body's size cannot be read");
  }
  constexpr std::string_view k_response_banner = "\n\n### RESPONSE from ";
  const std::size_t body_end = text.find(k_response_banner, lines.pos);
  if (body_end == std::string_view::npos) {
    return std::unexpected("no '### RESPONSE from' after the body");
  }
  const std::string_view body_text = text.substr(lines.pos, body_end - lines.pos);
  if (const auto cut = find_cut(body_text)) {
    const std::string head = unescape_capture_text(cut->head);
    const std::string tail = unescape_capture_text(cut->tail);
    const std::string ends = head + tail;
    const bool one_byte = !ends.empty() && std::ranges::all_of(ends, [&](char c) { return c == ends[0]; });
    if (cut->omitted_bytes && one_byte &&
        head.size() + *cut->omitted_bytes + tail.size() == capture.body_size) {
      capture.body.assign(capture.body_size, ends[0]);
      capture.body_text = CapturedText::filled;
    } else {
      capture.body_text = CapturedText::trimmed;
    }
  } else {
    capture.body = unescape_capture_text(body_text);
    if (capture.body.size() != capture.body_size) {
      return std::unexpected(fmt::format("the body has {} bytes once unescaped, the capture says {}",
                                         capture.body.size(), capture.body_size));
    }
  }

  lines.pos = body_end + 2;
  (void)lines.next();  // "### RESPONSE from …"
  const auto status_line = lines.next();
  if (!status_line || !status_line->starts_with("HTTP ")) {
    return std::unexpected("no 'HTTP <status>' line in the response");
  }
  const std::string_view status_text = status_line->substr(5);
  if (std::from_chars(status_text.data(), status_text.data() + status_text.size(), capture.status).ec !=
      std::errc()) {
    return std::unexpected("the response status cannot be read");
  }
  auto response_headers = read_headers(lines);
  if (!response_headers) {
    return std::unexpected("response: " + response_headers.error());
  }
  capture.response_headers = std::move(*response_headers);
  std::string_view response_text = text.substr(std::min(lines.pos, text.size()));
  if (response_text.ends_with('\n')) {
    response_text.remove_suffix(1);  // the recorder's own
  }
  if (const auto cut = find_cut(response_text)) {
    capture.response_complete = false;
    capture.response_body =
        unescape_capture_text(cut->head) + "\n...[omitted]...\n" + unescape_capture_text(cut->tail);
  } else {
    capture.response_body = unescape_capture_text(response_text);
  }
  return capture;
}

std::expected<std::vector<WireCapture>, std::string> read_wire_captures(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".txt") {
      files.push_back(entry.path());
    }
  }
  if (error) {
    return std::unexpected(fmt::format("{}: {}", dir.string(), error.message()));
  }
  std::ranges::sort(files);
  std::vector<WireCapture> captures;
  for (const auto& file : files) {
    auto capture = parse_wire_capture(read_file(file), file.stem().string());
    if (!capture) {
      return std::unexpected(fmt::format("{}: {}", file.string(), capture.error()));
    }
    captures.push_back(std::move(*capture));
  }
  return captures;
}

std::filesystem::path wire_captures_dir() {
  return source_dir() / "tests/data/wire-captures";
}

}  // namespace drydock::test
