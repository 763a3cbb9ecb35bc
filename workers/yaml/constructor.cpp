// Object dispatch by tag, the breadth-first order of construct_document, and the scalar
// constructors' use of construct_scalar.
#include "workers/yaml/constructor.hpp"

#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"
#include "workers/yaml/scalar_constructors.hpp"
#include "workers/yaml/timestamp.hpp"

namespace drydock::workers::yaml::detail {
namespace {

// Python's default recursion limit, minus the frames of safe_load around the constructor.
constexpr int k_python_recursion_frames = 960;

}  // namespace

Node& Constructor::make(Type type, const RawNode& raw) {
  Node& node = m_doc.make(type, to_mark(raw.start));
  return node;
}

const Node* Constructor::construct_document(RawNode* root) {
  if (root == nullptr) {
    return &m_doc.make(Type::null, {1, 1});
  }
  const Node* data = construct_object(root);
  while (!m_pending.empty()) {
    std::vector<Pending> batch;
    batch.swap(m_pending);
    for (const auto& pending : batch) {
      run(pending);
    }
  }
  return data;
}

Node* Constructor::construct_object(RawNode* raw) {
  if (raw->constructed != nullptr) {
    return raw->constructed;
  }
  Node* node = nullptr;
  switch (raw->tag) {
    case TagKind::seq:
    case TagKind::omap:
    case TagKind::pairs: node = &make(Type::sequence, *raw); break;
    case TagKind::map: node = &make(Type::mapping, *raw); break;
    case TagKind::set: node = &make(Type::set, *raw); break;
    case TagKind::other:
      if (m_limits.keep_unknown_local_tags && raw->tag_text.starts_with('!')) {
        node = &construct_local_tagged(*raw);
        break;
      }
      [[fallthrough]];
    case TagKind::merge:
    case TagKind::value:
    case TagKind::yaml:
      raise_marked("ConstructorError", {}, std::nullopt,
                   fmt::format("could not determine a constructor for the tag {}",
                               python_repr_utf8(full_tag_name(*raw))),
                   raw->start);
    default: node = construct_scalar_value(raw); break;
  }
  if (node->type == Type::sequence || node->type == Type::mapping || node->type == Type::set) {
    // A generator constructor: the empty container is returned now and filled in a later round.
    m_pending.push_back({raw, node});
  }
  raw->constructed = node;
  return node;
}

const std::string& Constructor::construct_scalar(RawNode* raw, int depth) {
  // SafeConstructor.construct_scalar: a mapping stands for the value under its `=` key.
  if (depth > k_python_recursion_frames) {
    raise_limit("a scalar defined through itself (`=` keys)", raw->start,
                "RecursionError: maximum recursion depth exceeded");
  }
  if (raw->kind == NodeKind::mapping) {
    for (const auto& [key, value] : raw->pairs) {
      if (key->tag == TagKind::value) {
        return construct_scalar(value, depth + 1);
      }
    }
  }
  if (raw->kind != NodeKind::scalar) {
    raise_marked("ConstructorError", {}, std::nullopt,
                 fmt::format("expected a scalar node, but found {}", node_kind_id(raw->kind)), raw->start);
  }
  return raw->value;
}

Node* Constructor::construct_scalar_value(RawNode* raw) {
  const std::string& text = construct_scalar(raw);
  switch (raw->tag) {
    case TagKind::null: return &make(Type::null, *raw);
    case TagKind::boolean: {
      Node& node = make(Type::boolean, *raw);
      node.boolean = construct_bool(text, raw->start);
      return &node;
    }
    case TagKind::integer: {
      IntValue value = construct_int(text, raw->start);
      Node& node = make(Type::integer, *raw);
      node.text = std::move(value.text);
      node.int_exceeds_str_digits = value.exceeds_str_digits;
      return &node;
    }
    case TagKind::floating: {
      bool shared_nan = false;
      const double number = construct_float(text, raw->start, shared_nan);
      Node& node = make(Type::floating, *raw);
      node.number = number;
      if (shared_nan) {
        m_shared_nan.insert(&node);
      }
      return &node;
    }
    case TagKind::binary: {
      std::string bytes = construct_binary(text, raw->start);
      Node& node = make(Type::bytes, *raw);
      node.text = std::move(bytes);
      return &node;
    }
    case TagKind::timestamp: {
      if (raw->kind != NodeKind::scalar) {
        // timestamp_regexp.match(node.value) on a mapping's list of pairs.
        raise_python("TypeError", "expected string or bytes-like object, got 'list'", raw->start);
      }
      auto value = construct_timestamp(text);
      if (!value) {
        raise_python(value.error().cls, value.error().message, raw->start);
      }
      Node& node = make(value->has_time ? Type::datetime : Type::date, *raw);
      node.text = text;
      return &node;
    }
    default: {
      Node& node = make(Type::string, *raw);
      node.text = text;
      return &node;
    }
  }
}

Node& Constructor::construct_local_tagged(const RawNode& raw) {
  // keep_unknown_local_tags: the node's own kind decides what it becomes, as if it had no tag.
  const Type type = raw.kind == NodeKind::scalar     ? Type::string
                    : raw.kind == NodeKind::sequence ? Type::sequence
                                                     : Type::mapping;
  Node& node = make(type, raw);
  if (type == Type::string) {
    node.text = raw.value;
  }
  m_doc.set_tag(node, raw.tag_text);
  return node;
}

void Constructor::run(const Pending& pending) {
  if (pending.raw->tag == TagKind::other) {
    // Only kept local tags get here: construct_object raises for the others.
    if (pending.raw->kind == NodeKind::sequence) {
      construct_sequence_into(pending.raw, *pending.node);
    } else {
      construct_mapping_into(pending.raw, *pending.node);
    }
    return;
  }
  switch (pending.raw->tag) {
    case TagKind::seq: construct_sequence_into(pending.raw, *pending.node); break;
    case TagKind::omap:
      construct_pairs_into(pending.raw, *pending.node, "while constructing an ordered map");
      break;
    case TagKind::pairs: construct_pairs_into(pending.raw, *pending.node, "while constructing pairs"); break;
    default: construct_mapping_into(pending.raw, *pending.node); break;
  }
}

void Constructor::construct_sequence_into(RawNode* raw, Node& node) {
  if (raw->kind != NodeKind::sequence) {
    raise_marked("ConstructorError", {}, std::nullopt,
                 fmt::format("expected a sequence node, but found {}", node_kind_id(raw->kind)), raw->start);
  }
  node.items.reserve(raw->items.size());
  for (RawNode* child : raw->items) {
    node.items.push_back(construct_object(child));
  }
}

}  // namespace drydock::workers::yaml::detail
