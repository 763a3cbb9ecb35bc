#include "workers/yaml/document.hpp"

#include <charconv>

namespace drydock::workers::yaml {

std::string_view python_type_name(Type type) {
  switch (type) {
    case Type::null: return "NoneType";
    case Type::boolean: return "bool";
    case Type::integer: return "int";
    case Type::floating: return "float";
    case Type::string: return "str";
    case Type::date: return "date";
    case Type::datetime: return "datetime";
    case Type::bytes: return "bytes";
    case Type::sequence: return "list";
    case Type::mapping: return "dict";
    case Type::set: return "set";
  }
  return "object";
}

std::optional<std::int64_t> Node::as_int64() const {
  if (type != Type::integer) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto* first = text.data();
  const auto* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || ptr != last) {
    return std::nullopt;
  }
  return value;
}

const Node* Node::find_key(std::string_view key) const {
  if (type != Type::mapping) {
    return nullptr;
  }
  for (const auto& entry : entries) {
    if (entry.key->type == Type::string && entry.key->text == key) {
      return entry.key;
    }
  }
  return nullptr;
}

const Node* Node::find(std::string_view key) const {
  if (type != Type::mapping) {
    return nullptr;
  }
  for (const auto& entry : entries) {
    if (entry.key->type == Type::string && entry.key->text == key) {
      return entry.value;
    }
  }
  return nullptr;
}

Node& Document::make(Type type, Mark mark) {
  auto& node = m_nodes.emplace();
  node.type = type;
  node.mark = mark;
  return node;
}

std::string_view Document::tag_of(const Node& node) const {
  const auto it = m_tags.find(&node);
  return it == m_tags.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace drydock::workers::yaml
