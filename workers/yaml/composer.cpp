#include "workers/yaml/composer.hpp"

#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"
#include "workers/yaml/scalar_resolver.hpp"

namespace drydock::workers::yaml::detail {
namespace {

// Python 3.11 runs out of its 1000-frame recursion limit when the composer is about this deep
// (measured: block 489/490, flow mapping 491, flow sequence 493). Upstream's stack is deeper, so its
// real limit is a little lower still; this is only used to say what upstream would report.
constexpr int k_python_recursion_depth = 490;

constexpr std::string_view k_yaml_prefix = "tag:yaml.org,2002:";

TagKind explicit_tag_kind(std::string_view tag) {
  if (!tag.starts_with(k_yaml_prefix)) {
    return TagKind::other;
  }
  const std::string_view name = tag.substr(k_yaml_prefix.size());
  static constexpr std::pair<std::string_view, TagKind> k_known[] = {
      {"null", TagKind::null},      {"bool", TagKind::boolean},  {"int", TagKind::integer},
      {"float", TagKind::floating}, {"binary", TagKind::binary}, {"timestamp", TagKind::timestamp},
      {"omap", TagKind::omap},      {"pairs", TagKind::pairs},   {"set", TagKind::set},
      {"str", TagKind::str},        {"seq", TagKind::seq},       {"map", TagKind::map},
      {"merge", TagKind::merge},    {"value", TagKind::value},   {"yaml", TagKind::yaml},
  };
  for (const auto& [known, kind] : k_known) {
    if (name == known) {
      return kind;
    }
  }
  return TagKind::other;
}

TagKind implicit_tag_kind(std::string_view value) {
  switch (resolve_implicit_tag(value)) {
    case ImplicitTag::null: return TagKind::null;
    case ImplicitTag::boolean: return TagKind::boolean;
    case ImplicitTag::integer: return TagKind::integer;
    case ImplicitTag::floating: return TagKind::floating;
    case ImplicitTag::timestamp: return TagKind::timestamp;
    case ImplicitTag::merge: return TagKind::merge;
    case ImplicitTag::value: return TagKind::value;
    case ImplicitTag::yaml: return TagKind::yaml;
    case ImplicitTag::string: return TagKind::str;
  }
  return TagKind::str;
}

class Composer {
 public:
  Composer(Parser& parser, Composition& out, const LoadLimits& limits)
      : m_parser(parser), m_out(out), m_limits(limits) {}

  void get_single_node() {
    try {
      m_parser.get_event();  // STREAM-START
      if (!m_parser.check_event(EventType::stream_end)) {
        m_out.root = compose_document();
      }
      if (!m_parser.check_event(EventType::stream_end)) {
        const Event event = m_parser.get_event();
        raise_marked("ComposerError", "expected a single document in the stream", m_out.root->start,
                     "but found another document", event.start);
      }
      m_parser.get_event();  // STREAM-END
    } catch (const LoadFailure& failure) {
      if (!m_depth_limit_mark) {
        throw;
      }
      // Upstream would have failed on this later problem (not on Drydock's depth bound).
      raise_limit(depth_message(), m_depth_limit_mark, failure.error.python_error,
                  failure.error.python_error_full);
    }
    if (m_depth_limit_mark) {
      raise_limit(depth_message(), m_depth_limit_mark);  // upstream would accept it
    }
  }

 private:
  struct Frame {
    RawNode* node;
    RawNode* key = nullptr;
    bool has_key = false;
  };

  std::string depth_message() const {
    return fmt::format("nesting deeper than {} levels", m_limits.max_depth);
  }

  RawNode* compose_document() {
    m_parser.get_event();  // DOCUMENT-START
    RawNode* node = compose_node();
    m_parser.get_event();  // DOCUMENT-END
    m_anchors.clear();
    return node;
  }

  RawNode& make(NodeKind kind, SourceMark start) {
    if (m_out.nodes.size() >= m_limits.max_nodes) {
      raise_limit(fmt::format("more than {} YAML nodes", m_limits.max_nodes), start);
    }
    RawNode& node = m_out.nodes.emplace();
    node.kind = kind;
    node.start = start;
    return node;
  }

  void set_tag(RawNode& node, const std::optional<std::string>& tag, bool implicit) {
    if (tag && *tag != "!") {
      node.tag = explicit_tag_kind(*tag);
      if (node.tag == TagKind::other) {
        node.tag_text = *tag;
      }
    } else if (node.kind == NodeKind::scalar) {
      node.tag = implicit ? implicit_tag_kind(node.value) : TagKind::str;
    } else {
      node.tag = node.kind == NodeKind::sequence ? TagKind::seq : TagKind::map;
    }
  }

  void register_anchor(const std::optional<std::string>& anchor, RawNode& node) {
    if (anchor) {
      m_anchors[*anchor] = &node;
    }
  }

  // Composer.compose_node, with the recursion replaced by an explicit stack.
  RawNode* compose_node() {
    std::vector<Frame> stack;
    while (true) {
      RawNode* done = nullptr;
      if (!stack.empty()) {
        const Frame& top = stack.back();
        const bool closing = top.node->kind == NodeKind::sequence
                                 ? m_parser.check_event(EventType::sequence_end)
                                 : !top.has_key && m_parser.check_event(EventType::mapping_end);
        if (closing) {
          m_parser.get_event();
          done = top.node;
          stack.pop_back();
        }
      }
      if (done == nullptr) {
        done = compose_one(stack);
        if (done == nullptr) {
          continue;  // a collection was opened
        }
      }
      if (stack.empty()) {
        return done;
      }
      Frame& parent = stack.back();
      if (parent.node->kind == NodeKind::sequence) {
        parent.node->items.push_back(done);
      } else if (!parent.has_key) {
        parent.key = done;
        parent.has_key = true;
      } else {
        parent.node->pairs.emplace_back(parent.key, done);
        parent.has_key = false;
      }
    }
  }

  // Composes an alias or scalar (returned) or opens a collection (pushed; returns null).
  RawNode* compose_one(std::vector<Frame>& stack) {
    if (m_parser.check_event(EventType::alias)) {
      const Event event = m_parser.get_event();
      const auto it = m_anchors.find(*event.anchor);
      if (it == m_anchors.end()) {
        raise_marked("ComposerError", {}, std::nullopt,
                     fmt::format("found undefined alias {}", python_repr_utf8(*event.anchor)), event.start);
      }
      return it->second;
    }
    {
      const Event& event = m_parser.peek_event();
      if (event.anchor) {
        if (const auto it = m_anchors.find(*event.anchor); it != m_anchors.end()) {
          raise_marked(
              "ComposerError",
              fmt::format("found duplicate anchor {}; first occurrence", python_repr_utf8(*event.anchor)),
              it->second->start, "second occurrence", event.start);
        }
      }
    }
    Event event = m_parser.get_event();
    if (event.type == EventType::scalar) {
      RawNode& node = make(NodeKind::scalar, event.start);
      node.value = std::move(event.value);
      set_tag(node, event.tag, event.implicit);
      register_anchor(event.anchor, node);
      return &node;
    }
    RawNode& node =
        make(event.type == EventType::sequence_start ? NodeKind::sequence : NodeKind::mapping, event.start);
    set_tag(node, event.tag, event.implicit);
    register_anchor(event.anchor, node);
    stack.push_back({&node});
    const int depth = static_cast<int>(stack.size());
    if (depth > m_limits.max_depth && !m_depth_limit_mark) {
      m_depth_limit_mark = event.start;
    }
    if (m_depth_limit_mark && depth >= k_python_recursion_depth) {
      raise_limit(depth_message(), m_depth_limit_mark, "RecursionError: maximum recursion depth exceeded");
    }
    return nullptr;
  }

  Parser& m_parser;
  Composition& m_out;
  const LoadLimits& m_limits;
  std::unordered_map<std::string, RawNode*> m_anchors;
  std::optional<SourceMark> m_depth_limit_mark;
};

}  // namespace

std::string_view node_kind_id(NodeKind kind) {
  switch (kind) {
    case NodeKind::scalar: return "scalar";
    case NodeKind::sequence: return "sequence";
    case NodeKind::mapping: return "mapping";
  }
  return "node";
}

std::string full_tag_name(const RawNode& node) {
  switch (node.tag) {
    case TagKind::null: return "tag:yaml.org,2002:null";
    case TagKind::boolean: return "tag:yaml.org,2002:bool";
    case TagKind::integer: return "tag:yaml.org,2002:int";
    case TagKind::floating: return "tag:yaml.org,2002:float";
    case TagKind::binary: return "tag:yaml.org,2002:binary";
    case TagKind::timestamp: return "tag:yaml.org,2002:timestamp";
    case TagKind::omap: return "tag:yaml.org,2002:omap";
    case TagKind::pairs: return "tag:yaml.org,2002:pairs";
    case TagKind::set: return "tag:yaml.org,2002:set";
    case TagKind::str: return "tag:yaml.org,2002:str";
    case TagKind::seq: return "tag:yaml.org,2002:seq";
    case TagKind::map: return "tag:yaml.org,2002:map";
    case TagKind::merge: return "tag:yaml.org,2002:merge";
    case TagKind::value: return "tag:yaml.org,2002:value";
    case TagKind::yaml: return "tag:yaml.org,2002:yaml";
    case TagKind::other: return node.tag_text;
  }
  return node.tag_text;
}

void compose_single_document(Parser& parser, Composition& out, const LoadLimits& limits) {
  Composer(parser, out, limits).get_single_node();
}

}  // namespace drydock::workers::yaml::detail
