// PyYAML's parser.py, state for state. The grammar it implements:
//   stream            ::= STREAM-START implicit_document? explicit_document* STREAM-END
//   implicit_document ::= block_node DOCUMENT-END*
//   explicit_document ::= DIRECTIVE* DOCUMENT-START block_node? DOCUMENT-END*
//   block_node        ::= ALIAS | properties block_content? | block_content
//   block_sequence    ::= BLOCK-SEQUENCE-START (BLOCK-ENTRY block_node?)* BLOCK-END
//   block_mapping     ::= BLOCK-MAPPING-START ((KEY node?)? (VALUE node?)?)* BLOCK-END
//   flow_sequence     ::= FLOW-SEQUENCE-START (flow_sequence_entry FLOW-ENTRY)* flow_sequence_entry?
//                         FLOW-SEQUENCE-END
//   flow_mapping      ::= FLOW-MAPPING-START (flow_mapping_entry FLOW-ENTRY)* flow_mapping_entry?
//                         FLOW-MAPPING-END
#include "workers/yaml/parser.hpp"

#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"

namespace drydock::workers::yaml::detail {
Event Parser::make_event(EventType type, SourceMark start, SourceMark end) {
  Event event;
  event.type = type;
  event.start = start;
  event.end = end;
  return event;
}

std::string Parser::found(const Token& token) {
  return fmt::format("'{}'", token_id(token.type));
}

void Parser::error(std::string_view context, std::optional<SourceMark> context_mark, std::string_view problem,
                   SourceMark problem_mark) const {
  raise_marked("ParserError", context, context_mark, problem, problem_mark);
}

const Event& Parser::peek_event() {
  if (!m_current) {
    // After STREAM-END there is nothing more; keep answering STREAM-END.
    m_current = m_state == State::done ? make_event(EventType::stream_end, {}, {}) : run_state();
  }
  return *m_current;
}

Event Parser::get_event() {
  peek_event();
  Event event = std::move(*m_current);
  m_current.reset();
  return event;
}

Parser::State Parser::pop_state() {
  const State state = m_states.back();
  m_states.pop_back();
  return state;
}

Event Parser::run_state() {
  switch (m_state) {
    case State::stream_start: return parse_stream_start();
    case State::implicit_document_start: return parse_implicit_document_start();
    case State::document_start: return parse_document_start();
    case State::document_end: return parse_document_end();
    case State::document_content: return parse_document_content();
    case State::block_node: return parse_node(true, false);
    case State::block_node_or_indentless_sequence: return parse_node(true, true);
    case State::flow_node: return parse_node(false, false);
    case State::block_sequence_first_entry: return parse_block_sequence_entry(true);
    case State::block_sequence_entry: return parse_block_sequence_entry(false);
    case State::indentless_sequence_entry: return parse_indentless_sequence_entry();
    case State::block_mapping_first_key: return parse_block_mapping_key(true);
    case State::block_mapping_key: return parse_block_mapping_key(false);
    case State::block_mapping_value: return parse_block_mapping_value();
    case State::flow_sequence_first_entry: return parse_flow_sequence_entry(true);
    case State::flow_sequence_entry: return parse_flow_sequence_entry(false);
    case State::flow_sequence_entry_mapping_key: return parse_flow_sequence_entry_mapping_key();
    case State::flow_sequence_entry_mapping_value: return parse_flow_sequence_entry_mapping_value();
    case State::flow_sequence_entry_mapping_end: return parse_flow_sequence_entry_mapping_end();
    case State::flow_mapping_first_key: return parse_flow_mapping_key(true);
    case State::flow_mapping_key: return parse_flow_mapping_key(false);
    case State::flow_mapping_value: return parse_flow_mapping_value();
    case State::flow_mapping_empty_value: {
      m_state = State::flow_mapping_key;
      return process_empty_scalar(m_scanner.peek_token().start);
    }
    case State::done: break;
  }
  return make_event(EventType::stream_end, {}, {});
}

Event Parser::parse_stream_start() {
  const Token token = m_scanner.get_token();
  m_state = State::implicit_document_start;
  return make_event(EventType::stream_start, token.start, token.end);
}

Event Parser::parse_implicit_document_start() {
  if (!check_token(TokenType::directive) && !check_token(TokenType::document_start) &&
      !check_token(TokenType::stream_end)) {
    m_tag_handles = {{"!", "!"}, {"!!", "tag:yaml.org,2002:"}};
    const SourceMark mark = m_scanner.peek_token().start;
    m_states.push_back(State::document_end);
    m_state = State::block_node;
    return make_event(EventType::document_start, mark, mark);
  }
  return parse_document_start();
}

Event Parser::parse_document_start() {
  while (check_token(TokenType::document_end)) {
    m_scanner.get_token();
  }
  if (check_token(TokenType::stream_end)) {
    const Token token = m_scanner.get_token();
    m_state = State::done;
    return make_event(EventType::stream_end, token.start, token.end);
  }
  const SourceMark start = m_scanner.peek_token().start;
  process_directives();
  if (!check_token(TokenType::document_start)) {
    const Token& token = m_scanner.peek_token();
    error({}, std::nullopt, fmt::format("expected '<document start>', but found {}", found(token)),
          token.start);
  }
  const Token token = m_scanner.get_token();
  m_states.push_back(State::document_end);
  m_state = State::document_content;
  return make_event(EventType::document_start, start, token.end);
}

Event Parser::parse_document_end() {
  const SourceMark start = m_scanner.peek_token().start;
  SourceMark end = start;
  if (check_token(TokenType::document_end)) {
    end = m_scanner.get_token().end;
  }
  m_state = State::document_start;
  return make_event(EventType::document_end, start, end);
}

Event Parser::parse_document_content() {
  if (check_token(TokenType::directive) || check_token(TokenType::document_start) ||
      check_token(TokenType::document_end) || check_token(TokenType::stream_end)) {
    Event event = process_empty_scalar(m_scanner.peek_token().start);
    m_state = pop_state();
    return event;
  }
  return parse_node(true, false);
}

void Parser::process_directives() {
  m_has_yaml_version = false;
  m_tag_handles.clear();
  while (check_token(TokenType::directive)) {
    const Token token = m_scanner.get_token();
    if (token.value == "YAML") {
      if (m_has_yaml_version) {
        error({}, std::nullopt, "found duplicate YAML directive", token.start);
      }
      if (token.major != 1) {
        error({}, std::nullopt, "found incompatible YAML document (version 1.* is required)", token.start);
      }
      m_has_yaml_version = true;
    } else if (token.value == "TAG") {
      if (m_tag_handles.contains(token.tag_handle)) {
        error({}, std::nullopt, fmt::format("duplicate tag handle {}", python_repr_utf8(token.tag_handle)),
              token.start);
      }
      m_tag_handles[token.tag_handle] = token.tag_prefix;
    }
  }
  m_tag_handles.try_emplace("!", "!");
  m_tag_handles.try_emplace("!!", "tag:yaml.org,2002:");
}

Event Parser::parse_node(bool block, bool indentless_sequence) {
  if (check_token(TokenType::alias)) {
    Token token = m_scanner.get_token();
    m_state = pop_state();
    Event event = make_event(EventType::alias, token.start, token.end);
    event.anchor = std::move(token.value);
    return event;
  }
  std::optional<std::string> anchor;
  std::optional<Token> tag_token;
  std::optional<SourceMark> start;
  SourceMark end;
  SourceMark tag_mark;
  if (check_token(TokenType::anchor)) {
    Token token = m_scanner.get_token();
    start = token.start;
    end = token.end;
    anchor = std::move(token.value);
    if (check_token(TokenType::tag)) {
      tag_token = m_scanner.get_token();
      tag_mark = tag_token->start;
      end = tag_token->end;
    }
  } else if (check_token(TokenType::tag)) {
    tag_token = m_scanner.get_token();
    start = tag_mark = tag_token->start;
    end = tag_token->end;
    if (check_token(TokenType::anchor)) {
      Token token = m_scanner.get_token();
      end = token.end;
      anchor = std::move(token.value);
    }
  }
  std::optional<std::string> tag;
  if (tag_token) {
    if (tag_token->handle) {
      const auto it = m_tag_handles.find(*tag_token->handle);
      if (it == m_tag_handles.end()) {
        error("while parsing a node", start,
              fmt::format("found undefined tag handle {}", python_repr_utf8(*tag_token->handle)), tag_mark);
      }
      tag = it->second + tag_token->value;
    } else {
      tag = tag_token->value;
    }
  }
  if (!start) {
    start = end = m_scanner.peek_token().start;
  }
  const bool implicit = !tag || *tag == "!";
  Event event;
  event.start = *start;
  event.anchor = std::move(anchor);
  event.implicit = implicit;
  if (indentless_sequence && check_token(TokenType::block_entry)) {
    event.type = EventType::sequence_start;
    event.end = m_scanner.peek_token().end;
    m_state = State::indentless_sequence_entry;
  } else if (check_token(TokenType::scalar)) {
    Token token = m_scanner.get_token();
    event.type = EventType::scalar;
    event.end = token.end;
    event.implicit = (token.plain && !tag) || (tag && *tag == "!");
    event.value = std::move(token.value);
    event.style = token.style;
    m_state = pop_state();
  } else if (check_token(TokenType::flow_sequence_start)) {
    event.type = EventType::sequence_start;
    event.end = m_scanner.peek_token().end;
    m_state = State::flow_sequence_first_entry;
  } else if (check_token(TokenType::flow_mapping_start)) {
    event.type = EventType::mapping_start;
    event.end = m_scanner.peek_token().end;
    m_state = State::flow_mapping_first_key;
  } else if (block && check_token(TokenType::block_sequence_start)) {
    event.type = EventType::sequence_start;
    event.end = m_scanner.peek_token().start;
    m_state = State::block_sequence_first_entry;
  } else if (block && check_token(TokenType::block_mapping_start)) {
    event.type = EventType::mapping_start;
    event.end = m_scanner.peek_token().start;
    m_state = State::block_mapping_first_key;
  } else if (event.anchor || tag) {
    // Empty scalars are allowed even if a tag or an anchor is specified.
    event.type = EventType::scalar;
    event.end = end;
    m_state = pop_state();
  } else {
    const Token& token = m_scanner.peek_token();
    error(block ? "while parsing a block node" : "while parsing a flow node", start,
          fmt::format("expected the node content, but found {}", found(token)), token.start);
  }
  event.tag = std::move(tag);
  return event;
}

}  // namespace drydock::workers::yaml::detail
