#include "workers/yaml/python_text.hpp"

#include <array>
#include <cstdio>

namespace drydock::workers::yaml {

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    append_utf8(out, cp);
  }
  return out;
}

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  const int extra = (c >= 0xF0 && c < 0xF8)   ? 3
                    : (c >= 0xE0 && c < 0xF0) ? 2
                    : (c >= 0xC0 && c < 0xE0) ? 1
                                              : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    const unsigned char cont = byte(i + static_cast<std::size_t>(k));
    if ((cont & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cont & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t count = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++count;
    }
  }
  return count;
}

bool python_isprintable(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F) {
    return false;
  }
  if (cp < 0x7F) {
    return true;
  }
  if (cp <= 0xA0 || cp == 0xAD) {
    return false;  // C1 controls, NO-BREAK SPACE (Zs), SOFT HYPHEN (Cf)
  }
  // Ranges of Cf/Zs/Zl/Zp/Cs/Co/noncharacters, sorted; unassigned code points are not tabulated.
  struct Range {
    char32_t first;
    char32_t last;
  };
  static constexpr std::array<Range, 31> k_non_printable = {{
      {0x0600, 0x0605},    {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},
      {0x08E2, 0x08E2},    {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},   {0x2028, 0x202F},
      {0x205F, 0x2064},    {0x2066, 0x206F},   {0x3000, 0x3000},   {0xD800, 0xF8FF},   {0xFDD0, 0xFDEF},
      {0xFEFF, 0xFEFF},    {0xFFF9, 0xFFFB},   {0xFFFE, 0xFFFF},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
      {0x13430, 0x1343F},  {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
      {0xF0000, 0x10FFFF}, {0x1FFFE, 0x1FFFF}, {0x2FFFE, 0x2FFFF}, {0x3FFFE, 0x3FFFF}, {0xEFFFE, 0xEFFFF},
      {0xDFFFE, 0xDFFFF},
  }};
  for (const auto& range : k_non_printable) {
    if (cp >= range.first && cp <= range.last) {
      return false;
    }
  }
  return true;
}

namespace {

void append_char_escaped(std::string& out, char32_t cp, char32_t quote) {
  char buf[16];
  if (cp == quote || cp == '\\') {
    out += '\\';
    out += static_cast<char>(cp);
  } else if (cp == '\t') {
    out += "\\t";
  } else if (cp == '\n') {
    out += "\\n";
  } else if (cp == '\r') {
    out += "\\r";
  } else if (python_isprintable(cp)) {
    append_utf8(out, cp);
  } else if (cp <= 0xFF) {
    std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
    out += buf;
  } else if (cp <= 0xFFFF) {
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
    out += buf;
  } else {
    std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(cp));
    out += buf;
  }
}

}  // namespace

std::string python_repr(std::u32string_view text) {
  // Python picks double quotes only when the text holds a single quote and no double quote.
  const bool has_single = text.find(U'\'') != std::u32string_view::npos;
  const bool has_double = text.find(U'"') != std::u32string_view::npos;
  const char32_t quote = (has_single && !has_double) ? U'"' : U'\'';
  std::string out;
  out += static_cast<char>(quote);
  for (char32_t cp : text) {
    append_char_escaped(out, cp, quote);
  }
  out += static_cast<char>(quote);
  return out;
}

std::string python_repr_utf8(std::string_view utf8) {
  std::u32string wide;
  std::size_t i = 0;
  while (i < utf8.size()) {
    wide += next_code_point(utf8, i);
  }
  return python_repr(wide);
}

std::string python_repr_char(char32_t cp) {
  return python_repr(std::u32string_view(&cp, 1));
}

}  // namespace drydock::workers::yaml
