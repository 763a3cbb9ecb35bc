#pragma once
// A port of PyYAML's Composer (yaml/composer.py) plus the Resolver's tag choice: events to a graph of
// untyped nodes (scalar text, sequences, mappings, each with its resolved tag). Aliases are the same
// node as their anchor, as in Python; reusing an anchor name and an alias before its anchor are
// ComposerErrors; a second document is "expected a single document in the stream".
//
// Composition is iterative. Drydock's own bounds (depth, node count) are checked here; past the depth
// bound composition goes on a little way to learn what upstream would report (RecursionError near 490
// levels, or an earlier YAML error).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "workers/yaml/arena.hpp"
#include "workers/yaml/loader.hpp"
#include "workers/yaml/parser.hpp"

namespace drydock::workers::yaml::detail {

enum class NodeKind { scalar, sequence, mapping };

// Node.id in PyYAML messages: "scalar", "sequence", "mapping".
std::string_view node_kind_id(NodeKind kind);

// The tags SafeConstructor knows, plus the resolver-only ones and "anything else".
enum class TagKind {
  null,
  boolean,
  integer,
  floating,
  binary,
  timestamp,
  omap,
  pairs,
  set,
  str,
  seq,
  map,
  merge,  // `<<`: meaningful only as a mapping key
  value,  // `=`:  meaningful only as a mapping key
  yaml,   // `!`, `&`, `*` through the non-specific tag
  other,  // no constructor: ConstructorError
};

struct RawNode {
  NodeKind kind = NodeKind::scalar;
  TagKind tag = TagKind::str;
  std::string tag_text;  // the full tag, for messages about TagKind::other
  std::string value;     // scalar text (UTF-8)
  std::vector<RawNode*> items;
  std::vector<std::pair<RawNode*, RawNode*>> pairs;
  SourceMark start;
  // Construction state (constructor.cpp).
  Node* constructed = nullptr;
  std::size_t merged_prefix = 0;  // pairs at the front that merge keys brought in
};

// The full tag name PyYAML prints for a node ("tag:yaml.org,2002:merge", "!Ref").
std::string full_tag_name(const RawNode& node);

// Owns the nodes of one composed document.
struct Composition {
  Arena<RawNode> nodes;
  RawNode* root = nullptr;  // null for an empty stream
};

// Composer.get_single_node: the one document of the stream, or null when there is none. Raises the
// Reader/Scanner/Parser/Composer errors PyYAML would, and Drydock's limits.
void compose_single_document(Parser& parser, Composition& out, const LoadLimits& limits);

}  // namespace drydock::workers::yaml::detail
