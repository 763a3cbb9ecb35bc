#include "emulator/s3/key_encoding.hpp"

#include <optional>

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
// (Unicode §3.9 "U+FFFD Substitution of Maximal Subparts", which CPython follows).
void append_utf8_with_replacement(std::string& out, std::string_view bytes) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
      out.push_back(static_cast<char>(lead));
      ++pos;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    }
    std::size_t valid = length == 0 ? 0 : 1;
    while (valid > 0 && valid < length && pos + valid < bytes.size()) {
      const unsigned char next = byte(pos + valid);
      const unsigned char next_low = valid == 1 ? low : 0x80;
      const unsigned char next_high = valid == 1 ? high : 0xBF;
      if (next < next_low || next > next_high) {
        break;
      }
      ++valid;
    }
    if (length != 0 && valid == length) {
      out.append(bytes.substr(pos, length));
      pos += length;
    } else {
      out.append(k_replacement_character);
      pos += valid == 0 ? 1 : valid;
    }
  }
}

}  // namespace

std::string quote_plus(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    if (kept_by_quote_plus(byte)) {
      out.push_back(c);
    } else if (byte == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(k_hex_upper[byte >> 4]);
      out.push_back(k_hex_upper[byte & 0x0F]);
    }
  }
  return out;
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
