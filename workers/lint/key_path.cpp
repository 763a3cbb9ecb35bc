#include "workers/lint/key_path.hpp"

#include <unordered_set>

#include "workers/marshmallow/python_values.hpp"

namespace drydock::workers {
namespace {

using yaml::Node;
using yaml::Type;

class KeyFinder {
 public:
  explicit KeyFinder(Mark target) : m_target(target) {}

  bool visit(const Node& node) {
    if (!m_seen.insert(&node).second) {
      return false;  // aliases share nodes, and documents can be cyclic
    }
    if (node.type == Type::mapping) {
      for (const auto& entry : node.entries) {
        m_path.push_back(marshmallow::key_path_element(*entry.key));
        if (entry.key->mark == m_target || visit(*entry.value)) {
          return true;
        }
        m_path.pop_back();
      }
    } else if (node.type == Type::sequence || node.type == Type::set) {
      for (std::size_t i = 0; i < node.items.size(); ++i) {
        m_path.emplace_back(static_cast<std::int64_t>(i));
        if (visit(*node.items[i])) {
          return true;
        }
        m_path.pop_back();
      }
    }
    return false;
  }

  FieldPath take() { return std::move(m_path); }

 private:
  Mark m_target;
  FieldPath m_path;
  std::unordered_set<const Node*> m_seen;
};

}  // namespace

std::optional<FieldPath> find_key_path(const yaml::Node& root, Mark key_mark) {
  KeyFinder finder(key_mark);
  if (!finder.visit(root)) {
    return std::nullopt;
  }
  return finder.take();
}

}  // namespace drydock::workers
