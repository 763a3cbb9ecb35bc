#pragma once
// The team's wire captures (tests/data/wire-captures/<client>/NNN-<op>.txt, written by the recorder in
// front of moto_server, see the README.md there) read back: the request as the client sent it and the
// answer moto gave, with the recorder's escapes undone.

#include <cstddef>
#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::test {

// How much of a body the capture holds.
enum class CapturedText {
  exact,    // every byte
  filled,   // the recorder left out the middle, and both ends it kept are one repeated byte: the middle
            // is filled with it (SDK v3's multipart parts, Buffer.alloc(n, 0x61)); the size is checked
  trimmed,  // only the ends were kept (random data): `body` holds no usable bytes
};

struct WireCapture {
  std::string name;  // the file's name without ".txt": "boto3-1.43-003-AmazonSQS_SendMessage"
  std::string method;
  std::string path;                                          // percent-encoded, as sent
  std::string query;                                         // after '?', empty when none
  std::vector<std::pair<std::string, std::string>> headers;  // in the order sent
  std::string body;                                          // HTTP chunked framing already removed
  std::size_t body_size = 0;                                 // as the capture declares it
  CapturedText body_text = CapturedText::exact;

  int status = 0;  // moto's answer: not AWS's
  std::vector<std::pair<std::string, std::string>> response_headers;
  std::string response_body;  // with "...[N bytes omitted]..." where the recorder cut it
  bool response_complete = true;

  // The first request / response header named `name` (ASCII case ignored); nullopt when absent.
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> response_header(std::string_view name) const;
};

// The recorder's rendering undone: "\r" is a carriage return, "\xHH" the byte HH, everything else (a
// newline included) itself. The recorder did not escape backslashes; callers check the size.
std::string unescape_capture_text(std::string_view text);

// One capture file's text; fails naming what does not have the recorder's layout, or a body whose
// size differs from the declared one.
std::expected<WireCapture, std::string> parse_wire_capture(std::string_view text, std::string name);

// Every capture file in `dir`, in capture order (by name: the recorder numbers them); fails on the
// first one that cannot be read.
std::expected<std::vector<WireCapture>, std::string> read_wire_captures(const std::filesystem::path& dir);

// tests/data/wire-captures in the source tree.
std::filesystem::path wire_captures_dir();

}  // namespace drydock::test
