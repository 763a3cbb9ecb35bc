#pragma once
// The document model: a YAML document typed exactly as PyYAML's SafeLoader types it (YAML 1.1),
// with the source position of every node. Payload templates and configuration files are held in
// this form; validators read it, and `python_json` writes it back out as upstream's json.dumps would.
//
// Nodes live in an arena owned by the Document. An alias is the *same* node as its anchor (as in
// Python), so a node can appear in several places and documents can even be cyclic; never walk a
// document without a depth or size bound (see python_json.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/arena.hpp"

namespace drydock::workers::yaml {

// Python types a SafeLoader value can have.
enum class Type {
  null,      // None
  boolean,   // bool
  integer,   // int (arbitrary precision: see Node::text)
  floating,  // float
  string,    // str
  date,      // datetime.date      (json.dumps cannot write it)
  datetime,  // datetime.datetime  (json.dumps cannot write it)
  bytes,     // bytes from !!binary (json.dumps cannot write it)
  sequence,  // list, or a list of 2-item tuples from !!omap / !!pairs
  mapping,   // dict
  set,       // set from !!set (json.dumps cannot write it)
};

// Python's type name for a Type ("NoneType", "bool", "int", "float", "str", "date", ...).
std::string_view python_type_name(Type type);

struct Node;

struct Entry {
  const Node* key = nullptr;
  const Node* value = nullptr;
};

struct Node {
  Type type = Type::null;
  Mark mark;             // where the node starts in the source
  bool boolean = false;  // Type::boolean
  double number = 0.0;   // Type::floating
  // Type::string: the value (UTF-8; a lone surrogate from a "\ud800" escape is kept as its 3-byte
  // encoding, as Python keeps it in the str). Type::integer: exact decimal digits with an optional
  // leading '-' (Python ints are unbounded), except when int_exceeds_str_digits is set.
  // Type::date/datetime: the source text. Type::bytes: the bytes.
  std::string text;
  // Type::integer with more than 4300 decimal digits: Python holds it but refuses to print it, so
  // json.dumps fails; `text` then keeps the number as written (e.g. "0xfff...") instead of decimal.
  bool int_exceeds_str_digits = false;
  std::vector<const Node*> items;  // sequence and set members, in order
  std::vector<Entry> entries;      // mapping pairs, in Python dict order (duplicates already merged)
  bool is_tuple = false;           // a 2-item sequence built by !!omap / !!pairs

  // The int's value when it fits in 64 bits, else nullopt. Only meaningful for Type::integer.
  std::optional<std::int64_t> as_int64() const;
  // The value under a string key of a mapping, or nullptr if absent (or not a mapping).
  const Node* find(std::string_view key) const;
  // The key node of a string key in a mapping, or nullptr.
  const Node* find_key(std::string_view key) const;
  bool is_scalar() const { return type != Type::sequence && type != Type::mapping && type != Type::set; }
};

// Facts the loader noticed that PyYAML accepts silently but a user should hear about.
struct DuplicateKey {
  std::string key;  // the key as written
  Mark first;       // where it first appeared
  Mark duplicate;   // where it appeared again (its value wins, at the first position)
};

class Document {
 public:
  Document() = default;
  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // The top node; never null (an empty document holds a Type::null node).
  const Node* root() const { return m_root; }
  void set_root(const Node* root) { m_root = root; }

  // Allocates a node owned by this document; the pointer stays valid for the document's life.
  Node& make(Type type, Mark mark);

  std::vector<DuplicateKey> duplicate_keys;
  std::size_t node_count() const { return m_nodes.size(); }

  // The local tag `node` was written with ("!GetAtt"), recorded only when the document was loaded
  // with LoadLimits::keep_unknown_local_tags; "" for an untagged node or one with a standard tag.
  std::string_view tag_of(const Node& node) const;
  // Records `tag` for `node` (a node of this document); used by the loader.
  void set_tag(const Node& node, std::string tag) { m_tags[&node] = std::move(tag); }

 private:
  Arena<Node> m_nodes;
  const Node* m_root = nullptr;
  std::unordered_map<const Node*, std::string> m_tags;  // empty unless keep_unknown_local_tags
};

}  // namespace drydock::workers::yaml
