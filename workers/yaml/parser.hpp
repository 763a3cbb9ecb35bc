#pragma once
// A port of PyYAML's Parser (yaml/parser.py): tokens to events, with its grammar, its tag-handle
// expansion (%TAG, "!", "!!") and its ParserError wording and marks. The state machine keeps its own
// stack (no recursion), so nesting depth costs heap, never C++ stack.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workers/yaml/scanner.hpp"

namespace drydock::workers::yaml::detail {

enum class EventType {
  stream_start,
  stream_end,
  document_start,
  document_end,
  alias,
  scalar,
  sequence_start,
  sequence_end,
  mapping_start,
  mapping_end,
};

struct Event {
  EventType type = EventType::stream_start;
  SourceMark start;
  SourceMark end;
  std::optional<std::string> anchor;  // alias: the name referred to
  std::optional<std::string> tag;     // expanded ("tag:yaml.org,2002:str", "!Ref", "!" non-specific)
  // scalar: implicit[0] of PyYAML, i.e. "resolve by the implicit patterns" (plain and untagged, or
  // tagged "!"); collections: untagged or tagged "!".
  bool implicit = false;
  std::string value;  // scalar (UTF-8)
  char style = 0;     // scalar: 0 plain, '\'', '"', '|', '>'
};

class Parser {
 public:
  explicit Parser(Scanner& scanner) : m_scanner(scanner) {}

  const Event& peek_event();
  Event get_event();
  bool check_event(EventType type) { return peek_event().type == type; }

 private:
  enum class State {
    stream_start,
    implicit_document_start,
    document_start,
    document_end,
    document_content,
    block_node,
    block_node_or_indentless_sequence,
    flow_node,
    block_sequence_first_entry,
    block_sequence_entry,
    indentless_sequence_entry,
    block_mapping_first_key,
    block_mapping_key,
    block_mapping_value,
    flow_sequence_first_entry,
    flow_sequence_entry,
    flow_sequence_entry_mapping_key,
    flow_sequence_entry_mapping_value,
    flow_sequence_entry_mapping_end,
    flow_mapping_first_key,
    flow_mapping_key,
    flow_mapping_value,
    flow_mapping_empty_value,
    done,
  };

  [[noreturn]] void error(std::string_view context, std::optional<SourceMark> context_mark,
                          std::string_view problem, SourceMark problem_mark) const;
  static Event make_event(EventType type, SourceMark start, SourceMark end);
  // "'<block end>'": a token id as "but found %r" shows it.
  static std::string found(const Token& token);
  bool check_token(TokenType type) { return m_scanner.check_token(type); }
  State pop_state();

  // parser.cpp: stream, documents, directives, nodes.
  Event run_state();
  Event parse_stream_start();
  Event parse_implicit_document_start();
  Event parse_document_start();
  Event parse_document_end();
  Event parse_document_content();
  void process_directives();
  Event parse_node(bool block, bool indentless_sequence);
  // parser_collections.cpp
  Event parse_block_sequence_entry(bool first);
  Event parse_indentless_sequence_entry();
  Event parse_block_mapping_key(bool first);
  Event parse_block_mapping_value();
  Event parse_flow_sequence_entry(bool first);
  Event parse_flow_sequence_entry_mapping_key();
  Event parse_flow_sequence_entry_mapping_value();
  Event parse_flow_sequence_entry_mapping_end();
  Event parse_flow_mapping_key(bool first);
  Event parse_flow_mapping_value();
  Event process_empty_scalar(SourceMark mark) const;

  Scanner& m_scanner;
  std::optional<Event> m_current;
  State m_state = State::stream_start;
  std::vector<State> m_states;
  std::vector<SourceMark> m_marks;
  std::map<std::string, std::string, std::less<>> m_tag_handles;
  bool m_has_yaml_version = false;
};

}  // namespace drydock::workers::yaml::detail
