#include "workers/lint/template_lint_source.hpp"

#include <cstring>

#include "workers/yaml/scalar_resolver.hpp"

namespace drydock::workers::lint {
namespace {

// The text of 1-based `line` without its line break, or nullopt when the source is shorter.
std::optional<std::string_view> line_text(std::string_view source, int line) {
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    const void* newline = std::memchr(source.data() + start, '\n', source.size() - start);
    if (newline == nullptr) {
      return std::nullopt;
    }
    start = static_cast<std::size_t>(static_cast<const char*>(newline) - source.data()) + 1;
  }
  auto end = source.find('\n', start);
  return source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// Byte offset of code point `index` in a UTF-8 line, or npos past its end.
std::size_t code_point_offset(std::string_view line, std::size_t index) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) == 0x80U) {
      continue;
    }
    if (seen == index) {
      return i;
    }
    ++seen;
  }
  return seen == index ? line.size() : std::string_view::npos;
}

// A plain scalar token can hold no whitespace, flow indicator or comment that an int or a digit
// string could contain, so the token ends at the first of them.
std::string_view token_at(std::string_view line, std::size_t offset) {
  if (offset >= line.size()) {
    return {};
  }
  auto rest = line.substr(offset);
  auto end = rest.find_first_of(" \t\r,[]{}#");
  return rest.substr(0, end);
}

bool rereads_as(std::string_view token, const yaml::Node& node) {
  if (token.empty() || token.front() == '\'' || token.front() == '"' || token.front() == '!') {
    return false;
  }
  auto resolved = yaml::resolve_plain_scalar(token);
  if (node.type == yaml::Type::integer) {
    return resolved.kind == yaml::ScalarKind::integer && resolved.error.empty() &&
           resolved.integer == node.text;
  }
  if (node.type == yaml::Type::string) {
    return resolved.kind == yaml::ScalarKind::string && token == node.text;
  }
  return false;
}

}  // namespace

std::optional<std::string_view> plain_scalar_source(std::string_view source, Mark mark,
                                                    const yaml::Node& node) {
  if (source.empty() || mark.line <= 0 || mark.column <= 0) {
    return std::nullopt;
  }
  auto line = line_text(source, mark.line);
  if (!line) {
    return std::nullopt;
  }
  const auto column = static_cast<std::size_t>(mark.column - 1);
  // A UTF-8 byte order mark may or may not have been counted in line 1's columns.
  const bool bom = mark.line == 1 && line->starts_with("\xEF\xBB\xBF");
  const auto after_bom = bom ? code_point_offset(line->substr(3), column) : std::string_view::npos;
  const std::size_t candidates[] = {
      column,
      code_point_offset(*line, column),
      bom ? column + 3 : std::string_view::npos,
      after_bom == std::string_view::npos ? std::string_view::npos : after_bom + 3,
  };
  for (auto offset : candidates) {
    if (offset == std::string_view::npos || offset > line->size()) {
      continue;
    }
    auto token = token_at(*line, offset);
    if (rereads_as(token, node)) {
      return token;
    }
  }
  return std::nullopt;
}

}  // namespace drydock::workers::lint
