// Mappings as SafeConstructor builds them: merge keys (flatten_mapping), Python dict semantics for
// keys, sets, and the ordered-pair lists of !!omap / !!pairs.
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "workers/yaml/big_integer.hpp"
#include "workers/yaml/constructor.hpp"
#include "workers/yaml/python_json.hpp"
#include "workers/yaml/timestamp.hpp"

namespace drydock::workers::yaml::detail {
namespace {

constexpr int k_python_recursion_frames = 960;  // see constructor.cpp

bool is_unhashable(const Node& node) {
  return node.type == Type::sequence || node.type == Type::mapping || node.type == Type::set;
}

}  // namespace

void Constructor::flatten_mapping(RawNode* raw, int depth) {
  // A chain of mappings merging each other recurses once per link, as in Python.
  if (depth > k_python_recursion_frames) {
    raise_limit("merge keys nested too deeply", raw->start,
                "RecursionError: maximum recursion depth exceeded");
  }
  std::vector<std::pair<RawNode*, RawNode*>> merge;
  std::size_t index = 0;
  while (index < raw->pairs.size()) {
    const auto [key, value] = raw->pairs[index];
    if (key->tag == TagKind::merge) {
      // The `<<` pair is removed before its value is flattened, so `&a {<<: *a}` terminates.
      raw->pairs.erase(raw->pairs.begin() + static_cast<std::ptrdiff_t>(index));
      if (value->kind == NodeKind::mapping) {
        flatten_mapping(value, depth + 1);
        merge.insert(merge.end(), value->pairs.begin(), value->pairs.end());
      } else if (value->kind == NodeKind::sequence) {
        std::vector<const std::vector<std::pair<RawNode*, RawNode*>>*> submerge;
        for (RawNode* sub : value->items) {
          if (sub->kind != NodeKind::mapping) {
            raise_marked("ConstructorError", "while constructing a mapping", raw->start,
                         fmt::format("expected a mapping for merging, but found {}", node_kind_id(sub->kind)),
                         sub->start);
          }
          flatten_mapping(sub, depth + 1);
          submerge.push_back(&sub->pairs);
        }
        // Earlier mappings in the list win, so they are added last.
        for (auto it = submerge.rbegin(); it != submerge.rend(); ++it) {
          merge.insert(merge.end(), (*it)->begin(), (*it)->end());
        }
      } else {
        raise_marked("ConstructorError", "while constructing a mapping", raw->start,
                     fmt::format("expected a mapping or list of mappings for merging, but found {}",
                                 node_kind_id(value->kind)),
                     value->start);
      }
      m_merged_pairs += merge.size();
      if (m_merged_pairs > m_limits.max_nodes) {
        raise_limit(fmt::format("merge keys expand to more than {} pairs", m_limits.max_nodes), raw->start);
      }
    } else {
      if (key->tag == TagKind::value) {
        key->tag = TagKind::str;
      }
      ++index;
    }
  }
  if (!merge.empty()) {
    raw->merged_prefix = merge.size();
    merge.insert(merge.end(), raw->pairs.begin(), raw->pairs.end());
    raw->pairs = std::move(merge);
  }
}

std::string Constructor::key_identity(const Node& key) const {
  // Equal strings for keys Python's dict treats as the same key (== and hash).
  switch (key.type) {
    case Type::null: return "N";
    case Type::boolean: return key.boolean ? "i1" : "i0";
    case Type::integer: return (key.int_exceeds_str_digits ? "I" : "i") + key.text;
    case Type::floating: {
      const double v = key.number;
      if (std::isnan(v)) {
        // NaN != NaN: only the same object is the same key (PyYAML's `.nan` is one shared object).
        return m_shared_nan.contains(&key) ? "nan" : fmt::format("nan@{}", static_cast<const void*>(&key));
      }
      if (std::isinf(v)) {
        return v > 0 ? "+inf" : "-inf";
      }
      if (v == std::trunc(v)) {
        const std::string digits = integral_double_to_decimal(v);
        return (v < 0 && digits != "0" ? "i-" : "i") + digits;
      }
      std::string repr = "f";
      append_python_float(repr, v);
      return repr;
    }
    case Type::string: return "s" + key.text;
    case Type::bytes: return "b" + key.text;
    case Type::date:
    case Type::datetime: {
      const auto value = construct_timestamp(key.text);
      return value ? timestamp_key(*value) : "?" + key.text;
    }
    default: return {};
  }
}

void Constructor::construct_mapping_into(RawNode* raw, Node& node) {
  if (raw->kind == NodeKind::mapping) {
    flatten_mapping(raw, 0);
  }
  if (raw->kind != NodeKind::mapping) {
    raise_marked("ConstructorError", {}, std::nullopt,
                 fmt::format("expected a mapping node, but found {}", node_kind_id(raw->kind)), raw->start);
  }
  struct Slot {
    std::size_t position = 0;            // in node.entries / node.items
    const RawNode* first_own = nullptr;  // first occurrence among the mapping's own pairs
  };
  // Most mappings are small: a linear scan beats hashing there.
  constexpr std::size_t k_small = 16;
  std::vector<std::pair<std::string, Slot>> small_slots;
  std::unordered_map<std::string, Slot> slots;
  const bool small = raw->pairs.size() <= k_small;
  if (small) {
    small_slots.reserve(raw->pairs.size());
  }
  const auto find_or_insert = [&](std::string identity) -> std::pair<Slot*, bool> {
    if (!small) {
      auto [it, inserted] = slots.try_emplace(std::move(identity));
      return {&it->second, inserted};
    }
    for (auto& [existing, slot] : small_slots) {
      if (existing == identity) {
        return {&slot, false};
      }
    }
    small_slots.emplace_back(std::move(identity), Slot{});
    return {&small_slots.back().second, true};
  };
  const bool is_set = node.type == Type::set;
  for (std::size_t k = 0; k < raw->pairs.size(); ++k) {
    const auto [raw_key, raw_value] = raw->pairs[k];
    const bool own = k >= raw->merged_prefix;
    const Node* key = construct_object(raw_key);
    if (is_unhashable(*key)) {
      raise_marked("ConstructorError", "while constructing a mapping", raw->start, "found unhashable key",
                   raw_key->start);
    }
    const Node* value = construct_object(raw_value);
    const auto [slot, inserted] = find_or_insert(key_identity(*key));
    if (inserted) {
      slot->position = is_set ? node.items.size() : node.entries.size();
      if (is_set) {
        node.items.push_back(key);
      } else {
        node.entries.push_back({key, value});
      }
    } else if (!is_set) {
      // Python's dict keeps the first key object and its position; the value is replaced.
      node.entries[slot->position].value = value;
    }
    if (own) {
      if (slot->first_own == nullptr) {
        slot->first_own = raw_key;
      } else if (!inserted) {
        m_doc.duplicate_keys.push_back(
            {raw_key->value, to_mark(slot->first_own->start), to_mark(raw_key->start)});
      }
    }
  }
}

void Constructor::construct_pairs_into(RawNode* raw, Node& node, std::string_view context) {
  if (raw->kind != NodeKind::sequence) {
    raise_marked("ConstructorError", context, raw->start,
                 fmt::format("expected a sequence, but found {}", node_kind_id(raw->kind)), raw->start);
  }
  for (RawNode* sub : raw->items) {
    if (sub->kind != NodeKind::mapping) {
      raise_marked("ConstructorError", context, raw->start,
                   fmt::format("expected a mapping of length 1, but found {}", node_kind_id(sub->kind)),
                   sub->start);
    }
    if (sub->pairs.size() != 1) {
      raise_marked("ConstructorError", context, raw->start,
                   fmt::format("expected a single mapping item, but found {} items", sub->pairs.size()),
                   sub->start);
    }
    const Node* key = construct_object(sub->pairs[0].first);
    const Node* value = construct_object(sub->pairs[0].second);
    Node& pair = make(Type::sequence, *sub);
    pair.is_tuple = true;
    pair.items = {key, value};
    node.items.push_back(&pair);
  }
}

}  // namespace drydock::workers::yaml::detail
