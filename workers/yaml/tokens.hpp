#pragma once
// The tokens PyYAML's scanner produces (yaml/tokens.py), with their ids as error messages show them.

#include <optional>
#include <string>
#include <string_view>

#include "workers/yaml/load_failure.hpp"

namespace drydock::workers::yaml::detail {

enum class TokenType {
  stream_start,
  stream_end,
  directive,
  document_start,
  document_end,
  block_sequence_start,
  block_mapping_start,
  block_end,
  flow_sequence_start,
  flow_mapping_start,
  flow_sequence_end,
  flow_mapping_end,
  block_entry,
  flow_entry,
  key,
  value,
  alias,
  anchor,
  tag,
  scalar,
};

// Token.id: "<block end>", "[", "<scalar>" ...
std::string_view token_id(TokenType type);

struct Token {
  TokenType type = TokenType::stream_start;
  SourceMark start;
  SourceMark end;
  // alias/anchor: the name; scalar: the value (UTF-8); directive: the name; tag: the suffix.
  std::string value;
  std::optional<std::string> handle;  // tag: "!", "!!", "!e!"; none for verbatim `!<...>` and bare `!`
  bool plain = false;                 // scalar
  char style = 0;                     // scalar: 0 (plain), '\'', '"', '|', '>'
  int major = 0;                      // %YAML directive
  int minor = 0;
  std::string tag_handle;  // %TAG directive
  std::string tag_prefix;
};

}  // namespace drydock::workers::yaml::detail
