#pragma once
// A port of PyYAML's Scanner (yaml/scanner.py): characters to tokens, with its simple-key and
// indentation bookkeeping, so Drydock accepts and rejects exactly what `yaml.safe_load` does and
// reports the same ScannerError (class, wording, marks). Its rules are stricter than YAML 1.1 in
// places (tabs only inside quotes, block-scalar content and comments; implicit keys on one line and
// at most 1024 characters) and those are the rules upstream applies.
//
// Method names follow scanner.py so the two can be read side by side. Errors are raised as
// LoadFailure (load_failure.hpp).

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "workers/yaml/reader.hpp"
#include "workers/yaml/tokens.hpp"

namespace drydock::workers::yaml::detail {

// '\r' '\n' NEL LS PS: the line breaks of YAML 1.1.
inline bool is_break(char32_t c) {
  return c == U'\r' || c == U'\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
}
// "\0\r\n\x85\u2028\u2029"
inline bool is_break_or_nul(char32_t c) {
  return c == U'\0' || is_break(c);
}
// "\0 \r\n\x85\u2028\u2029"
inline bool is_space_break_or_nul(char32_t c) {
  return c == U' ' || is_break_or_nul(c);
}
// "\0 \t\r\n\x85\u2028\u2029"
inline bool is_blank_break_or_nul(char32_t c) {
  return c == U' ' || c == U'\t' || is_break_or_nul(c);
}
// [0-9A-Za-z_-]: anchor, directive and tag-handle characters.
inline bool is_word_char(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') || c == U'-' ||
         c == U'_';
}

class Scanner {
 public:
  explicit Scanner(Reader& reader);

  // The next token, fetching as many as PyYAML would to decide it (peek_token).
  const Token& peek_token();
  bool check_token(TokenType type) { return peek_token().type == type; }
  // Removes and returns the next token (get_token).
  Token get_token();

 private:
  struct SimpleKey {
    int level = 0;
    std::size_t token_number = 0;
    bool required = false;
    std::size_t index = 0;
    int line = 0;
    int column = 0;
    SourceMark mark;
  };

  [[noreturn]] void error(std::string_view context, std::optional<SourceMark> context_mark,
                          std::string_view problem, SourceMark problem_mark) const;

  // scanner.cpp: the token queue, simple keys, indentation and fetchers.
  bool need_more_tokens();
  void fetch_more_tokens();
  std::optional<std::size_t> next_possible_simple_key() const;
  void stale_possible_simple_keys();
  void save_possible_simple_key();
  void remove_possible_simple_key();
  void unwind_indent(int column);
  bool add_indent(int column);
  void add_token(TokenType type, SourceMark start, SourceMark end);
  void fetch_stream_start();
  void fetch_stream_end();
  void fetch_directive();
  void fetch_document_indicator(TokenType type);
  void fetch_flow_collection_start(TokenType type);
  void fetch_flow_collection_end(TokenType type);
  void fetch_flow_entry();
  void open_block_collection(const char* misplaced_message, TokenType start_type);
  void fetch_block_entry();
  void fetch_key();
  void fetch_value();
  void fetch_alias_or_anchor(TokenType type);
  void fetch_tag();
  void fetch_block_scalar(char style);
  void fetch_flow_scalar(char style);
  void fetch_plain();
  bool check_document_indicator(char32_t ch);
  bool check_plain();

  // scanner_properties.cpp: whitespace, line breaks, anchors, tags.
  void scan_to_next_token();
  // Consumes one line break: "\n" for CR, LF, CRLF and NEL; LS/PS as themselves; "" when none.
  std::u32string_view scan_line_break();
  Token scan_anchor(TokenType type);
  Token scan_tag();
  std::string scan_tag_handle(std::string_view name, SourceMark start_mark);
  std::string scan_tag_uri(std::string_view name, SourceMark start_mark);
  std::string scan_uri_escapes(std::string_view name, SourceMark start_mark);

  // scanner_directives.cpp
  Token scan_directive();
  std::string scan_directive_name(SourceMark start_mark);
  void scan_yaml_directive_value(SourceMark start_mark, Token& token);
  int scan_yaml_directive_number(SourceMark start_mark);
  void scan_tag_directive_value(SourceMark start_mark, Token& token);
  void scan_directive_ignored_line(SourceMark start_mark);

  // scanner_block_scalars.cpp
  Token scan_block_scalar(char style);
  void scan_block_scalar_indicators(SourceMark start_mark, int& chomping, int& increment);
  void scan_block_scalar_ignored_line(SourceMark start_mark);
  int scan_block_scalar_indentation(std::u32string& breaks, SourceMark& end_mark);
  void scan_block_scalar_breaks(int indent, std::u32string& breaks, SourceMark& end_mark);

  // scanner_scalars.cpp: quoted and plain scalars.
  Token scan_flow_scalar(char style);
  void scan_flow_scalar_non_spaces(bool is_double, SourceMark start_mark, std::u32string& chunks);
  void scan_flow_scalar_spaces(SourceMark start_mark, std::u32string& chunks);
  void scan_flow_scalar_breaks(SourceMark start_mark, std::u32string& chunks);
  Token scan_plain();
  bool scan_plain_spaces(std::u32string& chunks);
  bool at_document_separator();

  Reader& m_reader;
  bool m_done = false;
  int m_flow_level = 0;
  std::deque<Token> m_tokens;
  std::size_t m_tokens_taken = 0;
  int m_indent = -1;
  std::vector<int> m_indents;
  bool m_allow_simple_key = true;
  // PyYAML keeps these in a dict by flow level. Kept here in saving order, they are also sorted by
  // position and by level (one per level, all at or below the current one), so the current level's
  // key is the last one and the stale ones are a prefix: every operation is O(1).
  std::deque<SimpleKey> m_possible_simple_keys;
};

}  // namespace drydock::workers::yaml::detail
