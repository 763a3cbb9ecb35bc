#include "emulator/s3/key_encoding.hpp"

#include <algorithm>
#include <optional>

#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::emulator {
namespace {

constexpr std::string_view k_hex_upper = "0123456789ABCDEF";
constexpr std::string_view k_replacement_character = "\xEF\xBF\xBD";

bool kept_by_quote_plus(unsigned char byte) {
  return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
         byte == '_' || byte == '.' || byte == '-' || byte == '~' || byte == '/';
}

std::optional<unsigned char> hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return static_cast<unsigned char>(c - '0');
  }
  if (c >= 'a' && c <= 'f') {
    return static_cast<unsigned char>(c - 'a' + 10);
  }
  if (c >= 'A' && c <= 'F') {
    return static_cast<unsigned char>(c - 'A' + 10);
  }
  return std::nullopt;
}

// Python's unquote_to_bytes on an ASCII run, with '+' already read as ' '.
std::string percent_decode(std::string_view ascii) {
  std::string bytes;
  bytes.reserve(ascii.size());
  for (std::size_t i = 0; i < ascii.size(); ++i) {
    const char c = ascii[i];
    if (c == '%' && i + 2 < ascii.size()) {
      const auto high = hex_value(ascii[i + 1]);
      const auto low = hex_value(ascii[i + 2]);
      if (high && low) {
        bytes.push_back(static_cast<char>((*high << 4) | *low));
        i += 2;
        continue;
      }
    }
    bytes.push_back(c == '+' ? ' ' : c);
  }
  return bytes;
}

// bytes.decode("utf-8", "replace"): each maximal subpart of an ill-formed sequence is one U+FFFD
// (Unicode §3.9 "U+FFFD Substitution of Maximal Subparts", which CPython follows). decode_utf8_at's
// error_end is where that subpart ends; an invalid start byte is a subpart of its own.
void append_utf8_with_replacement(std::string& out, std::string_view bytes) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const workers::yaml::Utf8Step step = workers::yaml::decode_utf8_at(bytes, pos);
    if (step.error == nullptr) {
      out.append(bytes.substr(pos, step.length));
      pos += step.length;
    } else {
      out.append(k_replacement_character);
      pos = std::max(step.error_end, pos + 1);
    }
  }
}

std::string percent_encode(std::string_view key, bool space_as_plus) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    if (kept_by_quote_plus(byte)) {
      out.push_back(c);
    } else if (byte == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(k_hex_upper[byte >> 4]);
      out.push_back(k_hex_upper[byte & 0x0F]);
    }
  }
  return out;
}

}  // namespace

std::string quote_plus(std::string_view key) {
  return percent_encode(key, true);
}

std::string quote(std::string_view key) {
  return percent_encode(key, false);
}

std::string unquote_plus(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const bool ascii = static_cast<unsigned char>(text[pos]) < 0x80;
    std::size_t end = pos;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) < 0x80) == ascii) {
      ++end;
    }
    const std::string_view run = text.substr(pos, end - pos);
    if (ascii) {
      append_utf8_with_replacement(out, percent_decode(run));
    } else {
      out.append(run);
    }
    pos = end;
  }
  return out;
}

}  // namespace drydock::emulator
