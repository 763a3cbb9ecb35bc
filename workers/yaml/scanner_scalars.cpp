// Quoted and plain scalars: the value-producing scan_* helpers of PyYAML's scanner.py, with its
// folding rules and the document-separator checks (block scalars: scanner_block_scalars.cpp).
#include <fmt/format.h>

#include "workers/yaml/load_failure.hpp"
#include "workers/yaml/python_text.hpp"
#include "workers/yaml/scanner.hpp"

namespace drydock::workers::yaml::detail {
namespace {

// scanner.py ESCAPE_REPLACEMENTS; 0 means "not a one-character escape".
char32_t escape_replacement(char32_t ch) {
  switch (ch) {
    case U'0': return U'\0';
    case U'a': return 0x07;
    case U'b': return 0x08;
    case U't':
    case U'\t': return 0x09;
    case U'n': return 0x0A;
    case U'v': return 0x0B;
    case U'f': return 0x0C;
    case U'r': return 0x0D;
    case U'e': return 0x1B;
    case U' ': return U' ';
    case U'"': return U'"';
    case U'\\': return U'\\';
    case U'/': return U'/';
    case U'N': return 0x85;
    case U'_': return 0xA0;
    case U'L': return 0x2028;
    case U'P': return 0x2029;
    default: return 0xFFFFFFFF;
  }
}

bool is_hex_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}

}  // namespace

bool Scanner::at_document_separator() {
  const auto three = m_reader.prefix(3);
  return (three == U"---" || three == U"...") && is_blank_break_or_nul(m_reader.peek(3));
}

// ---- quoted scalars ----------------------------------------------------------------------------

Token Scanner::scan_flow_scalar(char style) {
  // Quoted scalars need not follow indentation; only document separators inside them are checked.
  const bool is_double = style == '"';
  std::u32string chunks;
  Token token;
  token.type = TokenType::scalar;
  token.style = style;
  token.start = m_reader.mark();
  const char32_t quote = m_reader.peek();
  m_reader.forward();
  scan_flow_scalar_non_spaces(is_double, token.start, chunks);
  while (m_reader.peek() != quote) {
    scan_flow_scalar_spaces(token.start, chunks);
    scan_flow_scalar_non_spaces(is_double, token.start, chunks);
  }
  m_reader.forward();
  token.end = m_reader.mark();
  token.value = encode_utf8(chunks);
  return token;
}

void Scanner::scan_flow_scalar_non_spaces(bool is_double, SourceMark start_mark, std::u32string& chunks) {
  const auto is_stop = [](char32_t c) {
    return c == U'\'' || c == U'"' || c == U'\\' || is_blank_break_or_nul(c);
  };
  while (true) {
    std::size_t length = 0;
    while (!is_stop(m_reader.peek(length))) {
      ++length;
    }
    if (length > 0) {
      chunks += m_reader.prefix(length);
      m_reader.forward(length);
    }
    char32_t ch = m_reader.peek();
    if (!is_double && ch == U'\'' && m_reader.peek(1) == U'\'') {
      chunks += U'\'';
      m_reader.forward(2);
    } else if ((is_double && ch == U'\'') || (!is_double && (ch == U'"' || ch == U'\\'))) {
      chunks += ch;
      m_reader.forward();
    } else if (is_double && ch == U'\\') {
      m_reader.forward();
      ch = m_reader.peek();
      if (const char32_t replacement = escape_replacement(ch); replacement != 0xFFFFFFFF) {
        chunks += replacement;
        m_reader.forward();
      } else if (ch == U'x' || ch == U'u' || ch == U'U') {
        const std::size_t length_hex = ch == U'x' ? 2 : ch == U'u' ? 4 : 8;
        m_reader.forward();
        for (std::size_t k = 0; k < length_hex; ++k) {
          if (!is_hex_digit(m_reader.peek(k))) {
            error("while scanning a double-quoted scalar", start_mark,
                  fmt::format("expected escape sequence of {} hexadecimal numbers, but found {}", length_hex,
                              python_repr_char(m_reader.peek(k))),
                  m_reader.mark());
          }
        }
        std::uint64_t code = 0;
        for (char32_t digit : m_reader.prefix(length_hex)) {
          code = code * 16 + (digit <= U'9' ? digit - U'0' : (digit | 0x20) - U'a' + 10);
        }
        if (code > 0x10FFFF) {
          // chr() raises before PyYAML can wrap it: a plain ValueError, not a YAMLError.
          raise_python("ValueError", "chr() arg not in range(0x110000)", m_reader.mark());
        }
        chunks += static_cast<char32_t>(code);
        m_reader.forward(length_hex);
      } else if (is_break(ch)) {
        scan_line_break();
        scan_flow_scalar_breaks(start_mark, chunks);
      } else {
        error("while scanning a double-quoted scalar", start_mark,
              fmt::format("found unknown escape character {}", python_repr_char(ch)), m_reader.mark());
      }
    } else {
      return;
    }
  }
}

void Scanner::scan_flow_scalar_spaces(SourceMark start_mark, std::u32string& chunks) {
  std::size_t length = 0;
  while (m_reader.peek(length) == U' ' || m_reader.peek(length) == U'\t') {
    ++length;
  }
  const std::u32string whitespaces(m_reader.prefix(length));
  m_reader.forward(length);
  const char32_t ch = m_reader.peek();
  if (ch == U'\0') {
    error("while scanning a quoted scalar", start_mark, "found unexpected end of stream", m_reader.mark());
  }
  if (is_break(ch)) {
    const std::u32string line_break(scan_line_break());
    std::u32string breaks;
    scan_flow_scalar_breaks(start_mark, breaks);
    if (line_break != U"\n") {
      chunks += line_break;
    } else if (breaks.empty()) {
      chunks += U' ';
    }
    chunks += breaks;
  } else {
    chunks += whitespaces;
  }
}

void Scanner::scan_flow_scalar_breaks(SourceMark start_mark, std::u32string& chunks) {
  while (true) {
    // Instead of checking indentation, PyYAML checks for document separators.
    if (at_document_separator()) {
      error("while scanning a quoted scalar", start_mark, "found unexpected document separator",
            m_reader.mark());
    }
    while (m_reader.peek() == U' ' || m_reader.peek() == U'\t') {
      m_reader.forward();
    }
    if (!is_break(m_reader.peek())) {
      return;
    }
    chunks += scan_line_break();
  }
}

// ---- plain scalars -----------------------------------------------------------------------------

Token Scanner::scan_plain() {
  // In the flow context plain scalars cannot contain ',' '?' '[' ']' '{' '}'. Tabs end them.
  std::u32string chunks;
  Token token;
  token.type = TokenType::scalar;
  token.plain = true;
  token.start = m_reader.mark();
  token.end = token.start;
  const int indent = m_indent + 1;
  std::u32string spaces;
  static constexpr std::u32string_view k_flow_stops = U",?[]{}";
  static constexpr std::u32string_view k_flow_after_colon = U",[]{}";
  while (true) {
    if (m_reader.peek() == U'#') {
      break;
    }
    std::size_t length = 0;
    while (true) {
      const char32_t ch = m_reader.peek(length);
      if (is_blank_break_or_nul(ch)) {
        break;
      }
      if (ch == U':') {
        const char32_t next = m_reader.peek(length + 1);
        if (is_blank_break_or_nul(next) ||
            (m_flow_level > 0 && k_flow_after_colon.find(next) != std::u32string_view::npos)) {
          break;
        }
      }
      if (m_flow_level > 0 && k_flow_stops.find(ch) != std::u32string_view::npos) {
        break;
      }
      ++length;
    }
    if (length == 0) {
      break;
    }
    m_allow_simple_key = false;
    chunks += spaces;
    chunks += m_reader.prefix(length);
    m_reader.forward(length);
    token.end = m_reader.mark();
    spaces.clear();
    const bool more = scan_plain_spaces(spaces);
    if (!more || spaces.empty() || m_reader.peek() == U'#' ||
        (m_flow_level == 0 && m_reader.column() < indent)) {
      break;
    }
  }
  token.value = encode_utf8(chunks);
  return token;
}

bool Scanner::scan_plain_spaces(std::u32string& chunks) {
  // Returns false where scanner.py returns None (a document separator follows a line break).
  std::size_t length = 0;
  while (m_reader.peek(length) == U' ') {
    ++length;
  }
  const std::u32string whitespaces(m_reader.prefix(length));
  m_reader.forward(length);
  const char32_t ch = m_reader.peek();
  if (is_break(ch)) {
    const std::u32string line_break(scan_line_break());
    m_allow_simple_key = true;
    if (at_document_separator()) {
      return false;
    }
    std::u32string breaks;
    while (m_reader.peek() == U' ' || is_break(m_reader.peek())) {
      if (m_reader.peek() == U' ') {
        m_reader.forward();
      } else {
        breaks += scan_line_break();
        if (at_document_separator()) {
          return false;
        }
      }
    }
    if (line_break != U"\n") {
      chunks += line_break;
    } else if (breaks.empty()) {
      chunks += U' ';
    }
    chunks += breaks;
  } else if (!whitespaces.empty()) {
    chunks += whitespaces;
  }
  return true;
}

}  // namespace drydock::workers::yaml::detail
