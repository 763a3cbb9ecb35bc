// The token queue, simple keys, indentation and the fetch_* dispatch of PyYAML's scanner.py.
#include "workers/yaml/scanner.hpp"

#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"

namespace drydock::workers::yaml::detail {

Scanner::Scanner(Reader& reader) : m_reader(reader) {
  fetch_stream_start();
}

void Scanner::error(std::string_view context, std::optional<SourceMark> context_mark,
                    std::string_view problem, SourceMark problem_mark) const {
  raise_marked("ScannerError", context, context_mark, problem, problem_mark);
}

const Token& Scanner::peek_token() {
  while (need_more_tokens()) {
    fetch_more_tokens();
  }
  if (m_tokens.empty()) {
    // Only after STREAM-END was taken; the parser never asks then.
    static const Token k_end = [] {
      Token token;
      token.type = TokenType::stream_end;
      return token;
    }();
    return k_end;
  }
  return m_tokens.front();
}

Token Scanner::get_token() {
  peek_token();
  Token token = std::move(m_tokens.front());
  m_tokens.pop_front();
  ++m_tokens_taken;
  return token;
}

bool Scanner::need_more_tokens() {
  if (m_done) {
    return false;
  }
  if (m_tokens.empty()) {
    return true;
  }
  // The current token may be a potential simple key, so we need to look further.
  stale_possible_simple_keys();
  return next_possible_simple_key() == m_tokens_taken;
}

void Scanner::fetch_more_tokens() {
  scan_to_next_token();
  stale_possible_simple_keys();
  unwind_indent(m_reader.column());
  const char32_t ch = m_reader.peek();
  switch (ch) {
    case U'\0': fetch_stream_end(); return;
    case U'%':
      if (m_reader.column() == 0) {
        fetch_directive();
        return;
      }
      break;
    case U'-':
      if (check_document_indicator(U'-')) {
        fetch_document_indicator(TokenType::document_start);
        return;
      }
      break;
    case U'.':
      if (check_document_indicator(U'.')) {
        fetch_document_indicator(TokenType::document_end);
        return;
      }
      break;
    default: break;
  }
  switch (ch) {
    case U'[': fetch_flow_collection_start(TokenType::flow_sequence_start); return;
    case U'{': fetch_flow_collection_start(TokenType::flow_mapping_start); return;
    case U']': fetch_flow_collection_end(TokenType::flow_sequence_end); return;
    case U'}': fetch_flow_collection_end(TokenType::flow_mapping_end); return;
    case U',': fetch_flow_entry(); return;
    case U'-':
      if (is_blank_break_or_nul(m_reader.peek(1))) {
        fetch_block_entry();
        return;
      }
      break;
    case U'?':
      if (m_flow_level > 0 || is_blank_break_or_nul(m_reader.peek(1))) {
        fetch_key();
        return;
      }
      break;
    case U':':
      if (m_flow_level > 0 || is_blank_break_or_nul(m_reader.peek(1))) {
        fetch_value();
        return;
      }
      break;
    case U'*': fetch_alias_or_anchor(TokenType::alias); return;
    case U'&': fetch_alias_or_anchor(TokenType::anchor); return;
    case U'!': fetch_tag(); return;
    case U'|':
      if (m_flow_level == 0) {
        fetch_block_scalar('|');
        return;
      }
      break;
    case U'>':
      if (m_flow_level == 0) {
        fetch_block_scalar('>');
        return;
      }
      break;
    case U'\'': fetch_flow_scalar('\''); return;
    case U'"': fetch_flow_scalar('"'); return;
    default: break;
  }
  if (check_plain()) {
    fetch_plain();
    return;
  }
  error("while scanning for the next token", std::nullopt,
        fmt::format("found character {} that cannot start any token", python_repr_char(ch)), m_reader.mark());
}

// ---- simple keys -------------------------------------------------------------------------------

std::optional<std::size_t> Scanner::next_possible_simple_key() const {
  if (m_possible_simple_keys.empty()) {
    return std::nullopt;
  }
  return m_possible_simple_keys.front().token_number;
}

void Scanner::stale_possible_simple_keys() {
  // Simple keys are limited to a single line and 1024 characters.
  while (!m_possible_simple_keys.empty()) {
    const auto& key = m_possible_simple_keys.front();
    if (key.line == m_reader.line() && m_reader.index() - key.index <= 1024) {
      return;
    }
    if (key.required) {
      error("while scanning a simple key", key.mark, "could not find expected ':'", m_reader.mark());
    }
    m_possible_simple_keys.pop_front();
  }
}

void Scanner::save_possible_simple_key() {
  // A simple key is required at the first column of a block collection's indentation.
  const bool required = m_flow_level == 0 && m_indent == m_reader.column();
  if (m_allow_simple_key) {
    remove_possible_simple_key();
    m_possible_simple_keys.push_back({m_flow_level, m_tokens_taken + m_tokens.size(), required,
                                      m_reader.index(), m_reader.line(), m_reader.column(), m_reader.mark()});
  }
}

void Scanner::remove_possible_simple_key() {
  if (m_possible_simple_keys.empty() || m_possible_simple_keys.back().level != m_flow_level) {
    return;
  }
  if (m_possible_simple_keys.back().required) {
    error("while scanning a simple key", m_possible_simple_keys.back().mark, "could not find expected ':'",
          m_reader.mark());
  }
  m_possible_simple_keys.pop_back();
}

// ---- indentation -------------------------------------------------------------------------------

void Scanner::unwind_indent(int column) {
  // In the flow context indentation is ignored (PyYAML is laxer than the specification here).
  if (m_flow_level > 0) {
    return;
  }
  while (m_indent > column) {
    const SourceMark mark = m_reader.mark();
    m_indent = m_indents.back();
    m_indents.pop_back();
    add_token(TokenType::block_end, mark, mark);
  }
}

bool Scanner::add_indent(int column) {
  if (m_indent < column) {
    m_indents.push_back(m_indent);
    m_indent = column;
    return true;
  }
  return false;
}

void Scanner::add_token(TokenType type, SourceMark start, SourceMark end) {
  Token token;
  token.type = type;
  token.start = start;
  token.end = end;
  m_tokens.push_back(std::move(token));
}

// ---- fetchers ----------------------------------------------------------------------------------

void Scanner::fetch_stream_start() {
  const SourceMark mark = m_reader.mark();
  add_token(TokenType::stream_start, mark, mark);
}

void Scanner::fetch_stream_end() {
  unwind_indent(-1);
  remove_possible_simple_key();
  m_allow_simple_key = false;
  m_possible_simple_keys.clear();
  const SourceMark mark = m_reader.mark();
  add_token(TokenType::stream_end, mark, mark);
  m_done = true;
}

void Scanner::fetch_directive() {
  unwind_indent(-1);
  remove_possible_simple_key();
  m_allow_simple_key = false;
  m_tokens.push_back(scan_directive());
}

bool Scanner::check_document_indicator(char32_t ch) {
  if (m_reader.column() != 0) {
    return false;
  }
  const auto three = m_reader.prefix(3);
  return three.size() == 3 && three[0] == ch && three[1] == ch && three[2] == ch &&
         is_blank_break_or_nul(m_reader.peek(3));
}

void Scanner::fetch_document_indicator(TokenType type) {
  unwind_indent(-1);
  // There could not be a block collection after '---'.
  remove_possible_simple_key();
  m_allow_simple_key = false;
  const SourceMark start = m_reader.mark();
  m_reader.forward(3);
  add_token(type, start, m_reader.mark());
}

void Scanner::fetch_flow_collection_start(TokenType type) {
  // '[' and '{' may start a simple key.
  save_possible_simple_key();
  ++m_flow_level;
  m_allow_simple_key = true;
  const SourceMark start = m_reader.mark();
  m_reader.forward();
  add_token(type, start, m_reader.mark());
}

void Scanner::fetch_flow_collection_end(TokenType type) {
  remove_possible_simple_key();
  --m_flow_level;
  m_allow_simple_key = false;
  const SourceMark start = m_reader.mark();
  m_reader.forward();
  add_token(type, start, m_reader.mark());
}

void Scanner::fetch_flow_entry() {
  m_allow_simple_key = true;
  remove_possible_simple_key();
  const SourceMark start = m_reader.mark();
  m_reader.forward();
  add_token(TokenType::flow_entry, start, m_reader.mark());
}

// In the block context, an indicator that starts a collection ('-', '?', ':') must stand where a
// simple key could, and a deeper column opens the collection (scanner.py's shared preamble).
void Scanner::open_block_collection(const char* misplaced_message, TokenType start_type) {
  if (m_flow_level != 0) {
    return;
  }
  if (!m_allow_simple_key) {
    error({}, std::nullopt, misplaced_message, m_reader.mark());
  }
  if (add_indent(m_reader.column())) {
    const SourceMark mark = m_reader.mark();
    add_token(start_type, mark, mark);
  }
}

void Scanner::fetch_block_entry() {
  open_block_collection("sequence entries are not allowed here", TokenType::block_sequence_start);
  // A '-' in the flow context is left for the parser to reject.
  m_allow_simple_key = true;
  remove_possible_simple_key();
  const SourceMark start = m_reader.mark();
  m_reader.forward();
  add_token(TokenType::block_entry, start, m_reader.mark());
}

void Scanner::fetch_key() {
  open_block_collection("mapping keys are not allowed here", TokenType::block_mapping_start);
  m_allow_simple_key = m_flow_level == 0;
  remove_possible_simple_key();
  const SourceMark start = m_reader.mark();
  m_reader.forward();
  add_token(TokenType::key, start, m_reader.mark());
}

void Scanner::fetch_value() {
  if (!m_possible_simple_keys.empty() && m_possible_simple_keys.back().level == m_flow_level) {
    // The saved simple key becomes a KEY token, inserted where the key started.
    const SimpleKey key = m_possible_simple_keys.back();
    m_possible_simple_keys.pop_back();
    const auto position = static_cast<std::ptrdiff_t>(key.token_number - m_tokens_taken);
    Token key_token;
    key_token.type = TokenType::key;
    key_token.start = key.mark;
    key_token.end = key.mark;
    m_tokens.insert(m_tokens.begin() + position, std::move(key_token));
    if (m_flow_level == 0 && add_indent(key.column)) {
      Token start_token;
      start_token.type = TokenType::block_mapping_start;
      start_token.start = key.mark;
      start_token.end = key.mark;
      m_tokens.insert(m_tokens.begin() + position, std::move(start_token));
    }
    // There cannot be two simple keys one after another.
    m_allow_simple_key = false;
  } else {
    // Part of a complex key ('?'), or an error the parser reports.
    open_block_collection("mapping values are not allowed here", TokenType::block_mapping_start);
    m_allow_simple_key = m_flow_level == 0;
    remove_possible_simple_key();
  }
  const SourceMark start = m_reader.mark();
  m_reader.forward();
  add_token(TokenType::value, start, m_reader.mark());
}

void Scanner::fetch_alias_or_anchor(TokenType type) {
  save_possible_simple_key();
  m_allow_simple_key = false;
  m_tokens.push_back(scan_anchor(type));
}

void Scanner::fetch_tag() {
  save_possible_simple_key();
  m_allow_simple_key = false;
  m_tokens.push_back(scan_tag());
}

void Scanner::fetch_block_scalar(char style) {
  // A simple key may follow a block scalar.
  m_allow_simple_key = true;
  remove_possible_simple_key();
  m_tokens.push_back(scan_block_scalar(style));
}

void Scanner::fetch_flow_scalar(char style) {
  save_possible_simple_key();
  m_allow_simple_key = false;
  m_tokens.push_back(scan_flow_scalar(style));
}

void Scanner::fetch_plain() {
  save_possible_simple_key();
  // scan_plain sets it again when the scalar ends at the start of a line.
  m_allow_simple_key = false;
  m_tokens.push_back(scan_plain());
}

bool Scanner::check_plain() {
  // A plain scalar may start with any non-space character except the indicators; '-', '?' and ':'
  // may start one when followed by a non-space ('?' and ':' only in the block context).
  const char32_t ch = m_reader.peek();
  static constexpr std::u32string_view k_indicators = U"-?:,[]{}#&*!|>'\"%@`";
  if (!is_blank_break_or_nul(ch) && k_indicators.find(ch) == std::u32string_view::npos) {
    return true;
  }
  return !is_blank_break_or_nul(m_reader.peek(1)) &&
         (ch == U'-' || (m_flow_level == 0 && (ch == U'?' || ch == U':')));
}

}  // namespace drydock::workers::yaml::detail
