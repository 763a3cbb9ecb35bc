#include "emulator/http/aws_chunked.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emulator/common/hex_digit.hpp"

namespace drydock::emulator::http {
namespace {

constexpr std::string_view k_crlf = "\r\n";
constexpr std::size_t k_max_size_digits = 16;  // any more could not fit in 64 bits

// Client bytes quoted in a message: bounded, and anything unprintable as \xNN.
std::string shown(std::string_view text) {
  constexpr std::size_t k_most = 40;
  std::string out;
  for (const char c : text.substr(0, k_most)) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out += c;
    } else {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    }
  }
  if (text.size() > k_most) {
    out += "...";
  }
  return out;
}

std::string_view trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && blank(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lower_cased(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

// The bytes still to read and where reading is; each step returns the text it consumed.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : m_text(text) {}

  std::size_t at() const { return m_at; }
  std::size_t left() const { return m_text.size() - m_at; }
  std::string_view rest() const { return m_text.substr(m_at); }

  // The next line without its CRLF; nullopt (nothing consumed) when no CRLF ends one within
  // k_max_aws_chunked_line bytes.
  std::optional<std::string_view> line() {
    const std::string_view window = m_text.substr(m_at, k_max_aws_chunked_line + k_crlf.size());
    const std::size_t end = window.find(k_crlf);
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    m_at += end + k_crlf.size();
    return window.substr(0, end);
  }

  std::string_view take(std::size_t count) {
    const std::string_view taken = m_text.substr(m_at, count);
    m_at += taken.size();
    return taken;
  }

 private:
  std::string_view m_text;
  std::size_t m_at = 0;
};

// Why cursor.line() found no line: the line is too long, or the body ends inside it.
std::string no_line(const Cursor& cursor, std::string_view what) {
  if (cursor.left() > k_max_aws_chunked_line) {
    return fmt::format("{} at byte {} is longer than {} bytes", what, cursor.at(), k_max_aws_chunked_line);
  }
  return fmt::format("the body ends inside {} at byte {} ('{}')", what, cursor.at(), shown(cursor.rest()));
}

// The size a chunk's line declares; the extensions after ';' (chunk-signature=...) are skipped.
std::expected<std::uint64_t, std::string> chunk_size(std::string_view line) {
  const std::string_view digits = line.substr(0, line.find(';'));
  if (digits.empty() ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return hex_digit_value(c) >= 0; })) {
    return std::unexpected(fmt::format("size '{}' is not hexadecimal", shown(digits)));
  }
  if (digits.size() > k_max_size_digits) {
    return std::unexpected(
        fmt::format("size '{}' has more than {} hex digits", shown(digits), k_max_size_digits));
  }
  std::uint64_t size = 0;
  for (const char c : digits) {
    size = size * 16 + static_cast<std::uint64_t>(hex_digit_value(c));
  }
  return size;
}

// Reads the chunks up to and including the zero-size one, appending their data to `out`.
std::expected<void, std::string> read_chunks(Cursor& cursor, std::optional<std::uint64_t> decoded_length,
                                             std::size_t max_decoded_bytes, std::string& out) {
  for (std::size_t chunk = 1;; ++chunk) {
    const std::size_t line_at = cursor.at();
    const auto line = cursor.line();
    if (!line) {
      return std::unexpected(no_line(cursor, fmt::format("the size line of chunk {}", chunk)));
    }
    const auto size = chunk_size(*line);
    if (!size) {
      return std::unexpected(fmt::format("chunk {} at byte {}: {}", chunk, line_at, size.error()));
    }
    if (*size == 0) {
      return {};
    }
    if (*size > max_decoded_bytes - out.size()) {
      return std::unexpected(
          fmt::format("chunk {} at byte {}: the data would be more than {} bytes ({} before this "
                      "chunk, which declares {})",
                      chunk, line_at, max_decoded_bytes, out.size(), *size));
    }
    if (decoded_length && *size > *decoded_length - out.size()) {
      return std::unexpected(
          fmt::format("chunk {} at byte {}: the data would be more than the {} bytes "
                      "x-amz-decoded-content-length says ({} before this chunk, which declares {})",
                      chunk, line_at, *decoded_length, out.size(), *size));
    }
    if (*size > cursor.left()) {
      return std::unexpected(fmt::format("the body ends inside chunk {} (declared {} bytes, {} present)",
                                         chunk, *size, cursor.left()));
    }
    out += cursor.take(static_cast<std::size_t>(*size));
    const std::size_t end_at = cursor.at();
    const std::string_view end = cursor.take(k_crlf.size());
    if (end != k_crlf) {
      if (end == k_crlf.substr(0, end.size())) {
        return std::unexpected(
            fmt::format("the body ends after chunk {}'s {} bytes, before their CRLF", chunk, *size));
      }
      return std::unexpected(
          fmt::format("chunk {}: its {} bytes are followed by '{}' at byte {}, not by CRLF", chunk, *size,
                      shown(end), end_at));
    }
  }
}

// Reads the trailer lines and the empty line that ends them, which must end the body.
std::expected<void, std::string> read_trailers(Cursor& cursor,
                                               std::vector<std::pair<std::string, std::string>>& out) {
  for (std::size_t trailer = 1;; ++trailer) {
    const std::size_t line_at = cursor.at();
    const auto line = cursor.line();
    if (!line) {
      if (cursor.left() == 0) {
        return std::unexpected(
            fmt::format("the body ends at byte {}, before the empty line that ends the trailers", line_at));
      }
      return std::unexpected(no_line(cursor, fmt::format("trailer {}", trailer)));
    }
    if (line->empty()) {
      break;
    }
    if (out.size() == k_max_aws_chunked_trailers) {
      return std::unexpected(fmt::format("more than {} trailers (trailer {} at byte {})",
                                         k_max_aws_chunked_trailers, trailer, line_at));
    }
    const std::size_t colon = line->find(':');
    if (colon == std::string_view::npos) {
      return std::unexpected(
          fmt::format("trailer {} at byte {} has no ':' ('{}')", trailer, line_at, shown(*line)));
    }
    const std::string_view name = trimmed(line->substr(0, colon));
    if (name.empty()) {
      return std::unexpected(
          fmt::format("trailer {} at byte {} has an empty name ('{}')", trailer, line_at, shown(*line)));
    }
    out.emplace_back(lower_cased(name), std::string(trimmed(line->substr(colon + 1))));
  }
  if (cursor.left() != 0) {
    return std::unexpected(fmt::format("{} bytes after the end of the body at byte {} ('{}')", cursor.left(),
                                       cursor.at(), shown(cursor.rest())));
  }
  return {};
}

}  // namespace

std::expected<AwsChunkedBody, std::string> decode_aws_chunked(std::string_view encoded,
                                                              std::optional<std::uint64_t> decoded_length,
                                                              std::size_t max_decoded_bytes) {
  AwsChunkedBody body;
  // Never trust a declared size for the allocation: the data cannot be longer than the encoding.
  std::size_t expected_size = std::min(encoded.size(), max_decoded_bytes);
  if (decoded_length && *decoded_length < expected_size) {
    expected_size = static_cast<std::size_t>(*decoded_length);
  }
  body.bytes.reserve(expected_size);

  Cursor cursor(encoded);
  if (auto chunks = read_chunks(cursor, decoded_length, max_decoded_bytes, body.bytes); !chunks) {
    return std::unexpected(std::move(chunks.error()));
  }
  // The unsigned form without trailers may stop right after "0\r\n".
  if (cursor.left() != 0) {
    if (auto trailers = read_trailers(cursor, body.trailers); !trailers) {
      return std::unexpected(std::move(trailers.error()));
    }
  }
  if (decoded_length && body.bytes.size() != *decoded_length) {
    return std::unexpected(fmt::format("decoded {} bytes but x-amz-decoded-content-length says {}",
                                       body.bytes.size(), *decoded_length));
  }
  return body;
}

std::optional<std::string_view> find_trailer(const AwsChunkedBody& body, std::string_view lower_case_name) {
  for (const auto& [name, value] : body.trailers) {
    if (name == lower_case_name) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace drydock::emulator::http
