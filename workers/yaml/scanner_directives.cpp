// %YAML and %TAG directives (scan_directive and its helpers from PyYAML's scanner.py), and the
// token ids error messages show.
#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"
#include "workers/yaml/scanner.hpp"

namespace drydock::workers::yaml::detail {

std::string_view token_id(TokenType type) {
  switch (type) {
    case TokenType::stream_start: return "<stream start>";
    case TokenType::stream_end: return "<stream end>";
    case TokenType::directive: return "<directive>";
    case TokenType::document_start: return "<document start>";
    case TokenType::document_end: return "<document end>";
    case TokenType::block_sequence_start: return "<block sequence start>";
    case TokenType::block_mapping_start: return "<block mapping start>";
    case TokenType::block_end: return "<block end>";
    case TokenType::flow_sequence_start: return "[";
    case TokenType::flow_mapping_start: return "{";
    case TokenType::flow_sequence_end: return "]";
    case TokenType::flow_mapping_end: return "}";
    case TokenType::block_entry: return "-";
    case TokenType::flow_entry: return ",";
    case TokenType::key: return "?";
    case TokenType::value: return ":";
    case TokenType::alias: return "<alias>";
    case TokenType::anchor: return "<anchor>";
    case TokenType::tag: return "<tag>";
    case TokenType::scalar: return "<scalar>";
  }
  return "<token>";
}

Token Scanner::scan_directive() {
  Token token;
  token.type = TokenType::directive;
  token.start = m_reader.mark();
  m_reader.forward();
  token.value = scan_directive_name(token.start);
  if (token.value == "YAML") {
    scan_yaml_directive_value(token.start, token);
    token.end = m_reader.mark();
  } else if (token.value == "TAG") {
    scan_tag_directive_value(token.start, token);
    token.end = m_reader.mark();
  } else {
    token.end = m_reader.mark();
    while (!is_break_or_nul(m_reader.peek())) {
      m_reader.forward();
    }
  }
  scan_directive_ignored_line(token.start);
  return token;
}

std::string Scanner::scan_directive_name(SourceMark start_mark) {
  std::size_t length = 0;
  while (is_word_char(m_reader.peek(length))) {
    ++length;
  }
  if (length == 0) {
    error("while scanning a directive", start_mark,
          fmt::format("expected alphabetic or numeric character, but found {}",
                      python_repr_char(m_reader.peek())),
          m_reader.mark());
  }
  std::string value = encode_utf8(m_reader.prefix(length));
  m_reader.forward(length);
  if (!is_space_break_or_nul(m_reader.peek())) {
    error("while scanning a directive", start_mark,
          fmt::format("expected alphabetic or numeric character, but found {}",
                      python_repr_char(m_reader.peek())),
          m_reader.mark());
  }
  return value;
}

void Scanner::scan_yaml_directive_value(SourceMark start_mark, Token& token) {
  while (m_reader.peek() == U' ') {
    m_reader.forward();
  }
  token.major = scan_yaml_directive_number(start_mark);
  if (m_reader.peek() != U'.') {
    error("while scanning a directive", start_mark,
          fmt::format("expected a digit or '.', but found {}", python_repr_char(m_reader.peek())),
          m_reader.mark());
  }
  m_reader.forward();
  token.minor = scan_yaml_directive_number(start_mark);
  if (!is_space_break_or_nul(m_reader.peek())) {
    error("while scanning a directive", start_mark,
          fmt::format("expected a digit or ' ', but found {}", python_repr_char(m_reader.peek())),
          m_reader.mark());
  }
}

int Scanner::scan_yaml_directive_number(SourceMark start_mark) {
  const char32_t ch = m_reader.peek();
  if (ch < U'0' || ch > U'9') {
    error("while scanning a directive", start_mark,
          fmt::format("expected a digit, but found {}", python_repr_char(ch)), m_reader.mark());
  }
  std::size_t length = 0;
  int value = 0;
  while (m_reader.peek(length) >= U'0' && m_reader.peek(length) <= U'9') {
    // Only "is it 1" matters to the parser; saturate instead of overflowing on absurd versions.
    value = value > 100000 ? value : value * 10 + static_cast<int>(m_reader.peek(length) - U'0');
    ++length;
  }
  m_reader.forward(length);
  return value;
}

void Scanner::scan_tag_directive_value(SourceMark start_mark, Token& token) {
  while (m_reader.peek() == U' ') {
    m_reader.forward();
  }
  token.tag_handle = scan_tag_handle("directive", start_mark);
  if (m_reader.peek() != U' ') {
    error("while scanning a directive", start_mark,
          fmt::format("expected ' ', but found {}", python_repr_char(m_reader.peek())), m_reader.mark());
  }
  while (m_reader.peek() == U' ') {
    m_reader.forward();
  }
  token.tag_prefix = scan_tag_uri("directive", start_mark);
  if (!is_space_break_or_nul(m_reader.peek())) {
    error("while scanning a directive", start_mark,
          fmt::format("expected ' ', but found {}", python_repr_char(m_reader.peek())), m_reader.mark());
  }
}

void Scanner::scan_directive_ignored_line(SourceMark start_mark) {
  while (m_reader.peek() == U' ') {
    m_reader.forward();
  }
  if (m_reader.peek() == U'#') {
    while (!is_break_or_nul(m_reader.peek())) {
      m_reader.forward();
    }
  }
  if (!is_break_or_nul(m_reader.peek())) {
    error("while scanning a directive", start_mark,
          fmt::format("expected a comment or a line break, but found {}", python_repr_char(m_reader.peek())),
          m_reader.mark());
  }
  scan_line_break();
}

}  // namespace drydock::workers::yaml::detail
