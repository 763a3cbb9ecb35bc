// Whitespace and comments, line breaks, anchors/aliases and tags: the scan_* helpers of PyYAML's
// scanner.py that are neither scalars nor directives.
#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"
#include "workers/yaml/scanner.hpp"
#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::workers::yaml::detail {
namespace {

bool is_hex_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}

unsigned hex_value(char32_t c) {
  if (c >= U'0' && c <= U'9') {
    return c - U'0';
  }
  return (c | 0x20) - U'a' + 10;
}

// Characters scan_tag_uri accepts besides letters and digits.
bool is_uri_char(char32_t c) {
  static constexpr std::u32string_view k_extra = U"-;/?:@&=+$,_.!~*'()[]%";
  return is_word_char(c) || k_extra.find(c) != std::u32string_view::npos;
}

// str(UnicodeDecodeError) for bytes.decode('utf-8'), which scan_uri_escapes puts in its message.
std::string utf8_decode_error(const std::string& bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const Utf8Step step = decode_utf8_at(bytes, i);
    if (step.error == nullptr) {
      i += step.length;
      continue;
    }
    // CPython names one byte, or the range up to the byte that broke the sequence.
    const std::size_t end = step.error_end == i ? i + 1 : step.error_end;
    if (end - i == 1) {
      return fmt::format("'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
                         static_cast<unsigned char>(bytes[i]), i, step.error);
    }
    return fmt::format("'utf-8' codec can't decode bytes in position {}-{}: {}", i, end - 1, step.error);
  }
  return {};
}

}  // namespace

void Scanner::scan_to_next_token() {
  // Spaces, line breaks and comments; a BOM only as the very first character. Tabs are not skipped:
  // PyYAML then fails with "found character '\t' that cannot start any token".
  if (m_reader.index() == 0 && m_reader.peek() == 0xFEFF) {
    m_reader.forward();
  }
  while (true) {
    while (m_reader.peek() == U' ') {
      m_reader.forward();
    }
    if (m_reader.peek() == U'#') {
      while (!is_break_or_nul(m_reader.peek())) {
        m_reader.forward();
      }
    }
    if (scan_line_break().empty()) {
      return;
    }
    if (m_flow_level == 0) {
      m_allow_simple_key = true;
    }
  }
}

std::u32string_view Scanner::scan_line_break() {
  static constexpr char32_t k_newline[] = U"\n";
  static constexpr char32_t k_ls[] = U"\u2028";
  static constexpr char32_t k_ps[] = U"\u2029";
  const char32_t ch = m_reader.peek();
  if (ch == U'\r' || ch == U'\n' || ch == 0x85) {
    m_reader.forward(ch == U'\r' && m_reader.peek(1) == U'\n' ? 2 : 1);
    return {k_newline, 1};
  }
  if (ch == 0x2028 || ch == 0x2029) {
    m_reader.forward();
    return {ch == 0x2028 ? k_ls : k_ps, 1};
  }
  return {};
}

Token Scanner::scan_anchor(TokenType type) {
  // Names are restricted to ASCII letters, digits, '-' and '_' (so `[*a, b]` is unambiguous).
  Token token;
  token.type = type;
  token.start = m_reader.mark();
  const std::string_view context =
      type == TokenType::alias ? "while scanning an alias" : "while scanning an anchor";
  m_reader.forward();
  std::size_t length = 0;
  while (is_word_char(m_reader.peek(length))) {
    ++length;
  }
  if (length == 0) {
    error(context, token.start,
          fmt::format("expected alphabetic or numeric character, but found {}",
                      python_repr_char(m_reader.peek(length))),
          m_reader.mark());
  }
  token.value = encode_utf8(m_reader.prefix(length));
  m_reader.forward(length);
  static constexpr std::u32string_view k_may_follow = U"?:,]}%@`";
  const char32_t ch = m_reader.peek();
  if (!is_blank_break_or_nul(ch) && k_may_follow.find(ch) == std::u32string_view::npos) {
    error(context, token.start,
          fmt::format("expected alphabetic or numeric character, but found {}", python_repr_char(ch)),
          m_reader.mark());
  }
  token.end = m_reader.mark();
  return token;
}

Token Scanner::scan_tag() {
  Token token;
  token.type = TokenType::tag;
  token.start = m_reader.mark();
  char32_t ch = m_reader.peek(1);
  if (ch == U'<') {
    m_reader.forward(2);
    token.value = scan_tag_uri("tag", token.start);
    if (m_reader.peek() != U'>') {
      error("while parsing a tag", token.start,
            fmt::format("expected '>', but found {}", python_repr_char(m_reader.peek())), m_reader.mark());
    }
    m_reader.forward();
  } else if (is_blank_break_or_nul(ch)) {
    token.value = "!";
    m_reader.forward();
  } else {
    std::size_t length = 1;
    bool use_handle = false;
    while (!is_space_break_or_nul(ch)) {
      if (ch == U'!') {
        use_handle = true;
        break;
      }
      ++length;
      ch = m_reader.peek(length);
    }
    if (use_handle) {
      token.handle = scan_tag_handle("tag", token.start);
    } else {
      token.handle = "!";
      m_reader.forward();
    }
    token.value = scan_tag_uri("tag", token.start);
  }
  if (!is_space_break_or_nul(m_reader.peek())) {
    error("while scanning a tag", token.start,
          fmt::format("expected ' ', but found {}", python_repr_char(m_reader.peek())), m_reader.mark());
  }
  token.end = m_reader.mark();
  return token;
}

std::string Scanner::scan_tag_handle(std::string_view name, SourceMark start_mark) {
  const std::string context = fmt::format("while scanning a {}", name);
  char32_t ch = m_reader.peek();
  if (ch != U'!') {
    error(context, start_mark, fmt::format("expected '!', but found {}", python_repr_char(ch)),
          m_reader.mark());
  }
  std::size_t length = 1;
  ch = m_reader.peek(length);
  if (ch != U' ') {
    while (is_word_char(ch)) {
      ++length;
      ch = m_reader.peek(length);
    }
    if (ch != U'!') {
      m_reader.forward(length);
      error(context, start_mark, fmt::format("expected '!', but found {}", python_repr_char(ch)),
            m_reader.mark());
    }
    ++length;
  }
  std::string value = encode_utf8(m_reader.prefix(length));
  m_reader.forward(length);
  return value;
}

std::string Scanner::scan_tag_uri(std::string_view name, SourceMark start_mark) {
  // The URI is not checked for being well formed, only for its characters.
  std::string chunks;
  std::size_t length = 0;
  char32_t ch = m_reader.peek(length);
  while (is_uri_char(ch)) {
    if (ch == U'%') {
      chunks += encode_utf8(m_reader.prefix(length));
      m_reader.forward(length);
      length = 0;
      chunks += scan_uri_escapes(name, start_mark);
    } else {
      ++length;
    }
    ch = m_reader.peek(length);
  }
  if (length > 0) {
    chunks += encode_utf8(m_reader.prefix(length));
    m_reader.forward(length);
  }
  if (chunks.empty()) {
    error(fmt::format("while parsing a {}", name), start_mark,
          fmt::format("expected URI, but found {}", python_repr_char(ch)), m_reader.mark());
  }
  return chunks;
}

std::string Scanner::scan_uri_escapes(std::string_view name, SourceMark start_mark) {
  std::string bytes;
  const SourceMark mark = m_reader.mark();
  while (m_reader.peek() == U'%') {
    m_reader.forward();
    for (std::size_t k = 0; k < 2; ++k) {
      if (!is_hex_digit(m_reader.peek(k))) {
        error(fmt::format("while scanning a {}", name), start_mark,
              fmt::format("expected URI escape sequence of 2 hexadecimal numbers, but found {}",
                          python_repr_char(m_reader.peek(k))),
              m_reader.mark());
      }
    }
    bytes += static_cast<char>(hex_value(m_reader.peek(0)) * 16 + hex_value(m_reader.peek(1)));
    m_reader.forward(2);
  }
  if (auto problem = utf8_decode_error(bytes); !problem.empty()) {
    error(fmt::format("while scanning a {}", name), start_mark, problem, mark);
  }
  return bytes;
}

}  // namespace drydock::workers::yaml::detail
