// Literal ('|') and folded ('>') block scalars: scan_block_scalar and its helpers from PyYAML's
// scanner.py, including the chomping/indentation indicators and PyYAML's folding rule.
#include <algorithm>

#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"
#include "workers/yaml/scanner.hpp"

namespace drydock::workers::yaml::detail {

Token Scanner::scan_block_scalar(char style) {
  const bool folded = style == '>';
  std::u32string chunks;
  Token token;
  token.type = TokenType::scalar;
  token.style = style;
  token.start = m_reader.mark();

  m_reader.forward();
  int chomping = 0;  // -1 strip, 0 clip, +1 keep
  int increment = 0;
  scan_block_scalar_indicators(token.start, chomping, increment);
  scan_block_scalar_ignored_line(token.start);

  int min_indent = m_indent + 1;
  if (min_indent < 1) {
    min_indent = 1;
  }
  std::u32string breaks;
  SourceMark end_mark;
  int indent = 0;
  if (increment == 0) {
    const int max_indent = scan_block_scalar_indentation(breaks, end_mark);
    indent = std::max(min_indent, max_indent);
  } else {
    indent = min_indent + increment - 1;
    scan_block_scalar_breaks(indent, breaks, end_mark);
  }
  std::u32string line_break;

  while (m_reader.column() == indent && m_reader.peek() != U'\0') {
    chunks += breaks;
    const bool leading_non_space = m_reader.peek() != U' ' && m_reader.peek() != U'\t';
    std::size_t length = 0;
    while (!is_break_or_nul(m_reader.peek(length))) {
      ++length;
    }
    chunks += m_reader.prefix(length);
    m_reader.forward(length);
    line_break = scan_line_break();
    breaks.clear();
    scan_block_scalar_breaks(indent, breaks, end_mark);
    if (m_reader.column() == indent && m_reader.peek() != U'\0') {
      // Folding as the specification has it (not Clark Evans's reading of the examples).
      if (folded && line_break == U"\n" && leading_non_space && m_reader.peek() != U' ' &&
          m_reader.peek() != U'\t') {
        if (breaks.empty()) {
          chunks += U' ';
        }
      } else {
        chunks += line_break;
      }
    } else {
      break;
    }
  }

  if (chomping >= 0) {
    chunks += line_break;
  }
  if (chomping > 0) {
    chunks += breaks;
  }
  token.value = encode_utf8(chunks);
  token.end = end_mark;
  return token;
}

void Scanner::scan_block_scalar_indicators(SourceMark start_mark, int& chomping, int& increment) {
  const auto read_increment = [&] {
    const char32_t ch = m_reader.peek();
    if (ch >= U'0' && ch <= U'9') {
      increment = static_cast<int>(ch - U'0');
      if (increment == 0) {
        error("while scanning a block scalar", start_mark,
              "expected indentation indicator in the range 1-9, but found 0", m_reader.mark());
      }
      m_reader.forward();
      return true;
    }
    return false;
  };
  const auto read_chomping = [&] {
    const char32_t ch = m_reader.peek();
    if (ch == U'+' || ch == U'-') {
      chomping = ch == U'+' ? 1 : -1;
      m_reader.forward();
      return true;
    }
    return false;
  };
  if (read_chomping()) {
    read_increment();
  } else if (read_increment()) {
    read_chomping();
  }
  const char32_t ch = m_reader.peek();
  if (!is_space_break_or_nul(ch)) {
    error("while scanning a block scalar", start_mark,
          fmt::format("expected chomping or indentation indicators, but found {}", python_repr_char(ch)),
          m_reader.mark());
  }
}

void Scanner::scan_block_scalar_ignored_line(SourceMark start_mark) {
  while (m_reader.peek() == U' ') {
    m_reader.forward();
  }
  if (m_reader.peek() == U'#') {
    while (!is_break_or_nul(m_reader.peek())) {
      m_reader.forward();
    }
  }
  const char32_t ch = m_reader.peek();
  if (!is_break_or_nul(ch)) {
    error("while scanning a block scalar", start_mark,
          fmt::format("expected a comment or a line break, but found {}", python_repr_char(ch)),
          m_reader.mark());
  }
  scan_line_break();
}

int Scanner::scan_block_scalar_indentation(std::u32string& breaks, SourceMark& end_mark) {
  int max_indent = 0;
  end_mark = m_reader.mark();
  while (m_reader.peek() == U' ' || is_break(m_reader.peek())) {
    if (m_reader.peek() != U' ') {
      breaks += scan_line_break();
      end_mark = m_reader.mark();
    } else {
      m_reader.forward();
      max_indent = std::max(max_indent, m_reader.column());
    }
  }
  return max_indent;
}

void Scanner::scan_block_scalar_breaks(int indent, std::u32string& breaks, SourceMark& end_mark) {
  end_mark = m_reader.mark();
  while (m_reader.column() < indent && m_reader.peek() == U' ') {
    m_reader.forward();
  }
  while (is_break(m_reader.peek())) {
    breaks += scan_line_break();
    end_mark = m_reader.mark();
    while (m_reader.column() < indent && m_reader.peek() == U' ') {
      m_reader.forward();
    }
  }
}

}  // namespace drydock::workers::yaml::detail
