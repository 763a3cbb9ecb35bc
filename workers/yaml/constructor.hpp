#pragma once
// A port of PyYAML's SafeConstructor (yaml/constructor.py): the composed node graph to typed Python
// values, held as Document nodes. It keeps PyYAML's order of work (collections are filled breadth
// first, through its "state generators"), so when a document has several bad values the one reported
// is the one upstream reports.
//
// Mappings follow Python dict semantics: keys are equal when Python says so (1 == 1.0 == True,
// 0 == False == -0.0, PyYAML's single NaN), the last value wins at the first key's position, and each
// repeated key among a mapping's own pairs is recorded in Document::duplicate_keys. Merge keys (`<<`)
// are flattened exactly as flatten_mapping does.

#include <unordered_set>
#include <vector>

#include "workers/yaml/composer.hpp"
#include "workers/yaml/document.hpp"
#include "workers/yaml/loader.hpp"

namespace drydock::workers::yaml::detail {

class Constructor {
 public:
  Constructor(Document& doc, const LoadLimits& limits) : m_doc(doc), m_limits(limits) {}

  // construct_document: the root value (a null node for an empty stream). Raises as PyYAML does.
  const Node* construct_document(RawNode* root);

 private:
  struct Pending {
    RawNode* raw;
    Node* node;
  };

  // constructor.cpp
  Node* construct_object(RawNode* raw);
  Node* construct_scalar_value(RawNode* raw);
  Node& construct_local_tagged(const RawNode& raw);
  const std::string& construct_scalar(RawNode* raw, int depth = 0);
  void run(const Pending& pending);
  void construct_sequence_into(RawNode* raw, Node& node);
  Node& make(Type type, const RawNode& raw);

  // constructor_mapping.cpp
  void flatten_mapping(RawNode* raw, int depth);
  void construct_mapping_into(RawNode* raw, Node& node);
  void construct_pairs_into(RawNode* raw, Node& node, std::string_view context);
  std::string key_identity(const Node& key) const;

  Document& m_doc;
  const LoadLimits& m_limits;
  std::vector<Pending> m_pending;                // PyYAML's state_generators
  std::unordered_set<const Node*> m_shared_nan;  // nodes holding SafeConstructor.nan_value
  std::size_t m_merged_pairs = 0;                // work done by merges, bounded by max_nodes
};

}  // namespace drydock::workers::yaml::detail
