// The collection states of PyYAML's parser.py: block sequences (with the indentless form under a
// mapping key), block mappings, flow sequences (with their single-pair mappings) and flow mappings.
#include <fmt/format.h>

#include "workers/yaml/parser.hpp"

namespace drydock::workers::yaml::detail {

Event Parser::parse_block_sequence_entry(bool first) {
  if (first) {
    m_marks.push_back(m_scanner.get_token().start);
  }
  if (check_token(TokenType::block_entry)) {
    const Token token = m_scanner.get_token();
    if (!check_token(TokenType::block_entry) && !check_token(TokenType::block_end)) {
      m_states.push_back(State::block_sequence_entry);
      return parse_node(true, false);
    }
    m_state = State::block_sequence_entry;
    return process_empty_scalar(token.end);
  }
  if (!check_token(TokenType::block_end)) {
    const Token& token = m_scanner.peek_token();
    error("while parsing a block collection", m_marks.back(),
          fmt::format("expected <block end>, but found {}", found(token)), token.start);
  }
  const Token token = m_scanner.get_token();
  m_state = pop_state();
  m_marks.pop_back();
  return make_event(EventType::sequence_end, token.start, token.end);
}

Event Parser::parse_indentless_sequence_entry() {
  if (check_token(TokenType::block_entry)) {
    const Token token = m_scanner.get_token();
    if (!check_token(TokenType::block_entry) && !check_token(TokenType::key) &&
        !check_token(TokenType::value) && !check_token(TokenType::block_end)) {
      m_states.push_back(State::indentless_sequence_entry);
      return parse_node(true, false);
    }
    m_state = State::indentless_sequence_entry;
    return process_empty_scalar(token.end);
  }
  const SourceMark mark = m_scanner.peek_token().start;
  m_state = pop_state();
  return make_event(EventType::sequence_end, mark, mark);
}

Event Parser::parse_block_mapping_key(bool first) {
  if (first) {
    m_marks.push_back(m_scanner.get_token().start);
  }
  if (check_token(TokenType::key)) {
    const Token token = m_scanner.get_token();
    if (!check_token(TokenType::key) && !check_token(TokenType::value) &&
        !check_token(TokenType::block_end)) {
      m_states.push_back(State::block_mapping_value);
      return parse_node(true, true);
    }
    m_state = State::block_mapping_value;
    return process_empty_scalar(token.end);
  }
  if (!check_token(TokenType::block_end)) {
    const Token& token = m_scanner.peek_token();
    error("while parsing a block mapping", m_marks.back(),
          fmt::format("expected <block end>, but found {}", found(token)), token.start);
  }
  const Token token = m_scanner.get_token();
  m_state = pop_state();
  m_marks.pop_back();
  return make_event(EventType::mapping_end, token.start, token.end);
}

Event Parser::parse_block_mapping_value() {
  if (check_token(TokenType::value)) {
    const Token token = m_scanner.get_token();
    if (!check_token(TokenType::key) && !check_token(TokenType::value) &&
        !check_token(TokenType::block_end)) {
      m_states.push_back(State::block_mapping_key);
      return parse_node(true, true);
    }
    m_state = State::block_mapping_key;
    return process_empty_scalar(token.end);
  }
  m_state = State::block_mapping_key;
  return process_empty_scalar(m_scanner.peek_token().start);
}

Event Parser::parse_flow_sequence_entry(bool first) {
  if (first) {
    m_marks.push_back(m_scanner.get_token().start);
  }
  if (!check_token(TokenType::flow_sequence_end)) {
    if (!first) {
      if (check_token(TokenType::flow_entry)) {
        m_scanner.get_token();
      } else {
        const Token& token = m_scanner.peek_token();
        error("while parsing a flow sequence", m_marks.back(),
              fmt::format("expected ',' or ']', but got {}", found(token)), token.start);
      }
    }
    if (check_token(TokenType::key)) {
      // `[a: 1]`: a single-pair mapping inside a flow sequence.
      const Token& token = m_scanner.peek_token();
      Event event = make_event(EventType::mapping_start, token.start, token.end);
      event.implicit = true;
      m_state = State::flow_sequence_entry_mapping_key;
      return event;
    }
    if (!check_token(TokenType::flow_sequence_end)) {
      m_states.push_back(State::flow_sequence_entry);
      return parse_node(false, false);
    }
  }
  const Token token = m_scanner.get_token();
  m_state = pop_state();
  m_marks.pop_back();
  return make_event(EventType::sequence_end, token.start, token.end);
}

Event Parser::parse_flow_sequence_entry_mapping_key() {
  const Token token = m_scanner.get_token();
  if (!check_token(TokenType::value) && !check_token(TokenType::flow_entry) &&
      !check_token(TokenType::flow_sequence_end)) {
    m_states.push_back(State::flow_sequence_entry_mapping_value);
    return parse_node(false, false);
  }
  m_state = State::flow_sequence_entry_mapping_value;
  return process_empty_scalar(token.end);
}

Event Parser::parse_flow_sequence_entry_mapping_value() {
  if (check_token(TokenType::value)) {
    const Token token = m_scanner.get_token();
    if (!check_token(TokenType::flow_entry) && !check_token(TokenType::flow_sequence_end)) {
      m_states.push_back(State::flow_sequence_entry_mapping_end);
      return parse_node(false, false);
    }
    m_state = State::flow_sequence_entry_mapping_end;
    return process_empty_scalar(token.end);
  }
  m_state = State::flow_sequence_entry_mapping_end;
  return process_empty_scalar(m_scanner.peek_token().start);
}

Event Parser::parse_flow_sequence_entry_mapping_end() {
  m_state = State::flow_sequence_entry;
  const SourceMark mark = m_scanner.peek_token().start;
  return make_event(EventType::mapping_end, mark, mark);
}

Event Parser::parse_flow_mapping_key(bool first) {
  if (first) {
    m_marks.push_back(m_scanner.get_token().start);
  }
  if (!check_token(TokenType::flow_mapping_end)) {
    if (!first) {
      if (check_token(TokenType::flow_entry)) {
        m_scanner.get_token();
      } else {
        const Token& token = m_scanner.peek_token();
        error("while parsing a flow mapping", m_marks.back(),
              fmt::format("expected ',' or '}}', but got {}", found(token)), token.start);
      }
    }
    if (check_token(TokenType::key)) {
      const Token token = m_scanner.get_token();
      if (!check_token(TokenType::value) && !check_token(TokenType::flow_entry) &&
          !check_token(TokenType::flow_mapping_end)) {
        m_states.push_back(State::flow_mapping_value);
        return parse_node(false, false);
      }
      m_state = State::flow_mapping_value;
      return process_empty_scalar(token.end);
    }
    if (!check_token(TokenType::flow_mapping_end)) {
      m_states.push_back(State::flow_mapping_empty_value);
      return parse_node(false, false);
    }
  }
  const Token token = m_scanner.get_token();
  m_state = pop_state();
  m_marks.pop_back();
  return make_event(EventType::mapping_end, token.start, token.end);
}

Event Parser::parse_flow_mapping_value() {
  if (check_token(TokenType::value)) {
    const Token token = m_scanner.get_token();
    if (!check_token(TokenType::flow_entry) && !check_token(TokenType::flow_mapping_end)) {
      m_states.push_back(State::flow_mapping_key);
      return parse_node(false, false);
    }
    m_state = State::flow_mapping_key;
    return process_empty_scalar(token.end);
  }
  m_state = State::flow_mapping_key;
  return process_empty_scalar(m_scanner.peek_token().start);
}

Event Parser::process_empty_scalar(SourceMark mark) const {
  Event event = make_event(EventType::scalar, mark, mark);
  event.implicit = true;
  return event;
}

}  // namespace drydock::workers::yaml::detail
