#include "workers/yaml/loader.hpp"

#include <map>
#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "workers/yaml/scalar_resolver.hpp"

namespace drydock::workers::yaml {
namespace {

Mark to_mark(const YAML::Mark& mark) {
  if (mark.is_null()) {
    return {};
  }
  return {mark.line + 1, mark.column + 1};
}

// Thrown inside the event handler to abort parsing; caught in load().
struct Abort {
  LoadError error;
};

// Builds the typed tree from yaml-cpp's event stream.
class TreeBuilder final : public YAML::EventHandler {
 public:
  TreeBuilder(Document& doc, const LoadLimits& limits) : m_doc(doc), m_limits(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(m_doc.make(Type::null, to_mark(mark)), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = m_anchors.find(anchor);
    if (it == m_anchors.end()) {
      throw Abort{{to_mark(mark), "found undefined alias", "ComposerError: found undefined alias"}};
    }
    attach(it->second, to_mark(mark));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    add(make_scalar(to_mark(mark), tag, value), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(m_doc.make(Type::sequence, to_mark(mark)), anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(m_doc.make(Type::mapping, to_mark(mark)), anchor);
  }
  void OnMapEnd() override { close(); }

  const Node* root() const { return m_root; }

 private:
  struct Frame {
    Node* node;
    const Node* pending_key = nullptr;  // mapping: key waiting for its value
  };

  Node& make_scalar(Mark mark, const std::string& tag, const std::string& value) {
    if (tag == "?") {
      auto resolved = resolve_plain_scalar(value);
      if (!resolved.error.empty()) {
        throw Abort{{mark, resolved.error, resolved.error}};
      }
      switch (resolved.kind) {
        case ScalarKind::null: return m_doc.make(Type::null, mark);
        case ScalarKind::boolean: {
          auto& node = m_doc.make(Type::boolean, mark);
          node.boolean = resolved.boolean;
          return node;
        }
        case ScalarKind::integer: {
          auto& node = m_doc.make(Type::integer, mark);
          node.text = std::move(resolved.integer);
          return node;
        }
        case ScalarKind::floating: {
          auto& node = m_doc.make(Type::floating, mark);
          node.number = resolved.number;
          return node;
        }
        case ScalarKind::timestamp_date:
        case ScalarKind::timestamp_datetime: {
          auto& node =
              m_doc.make(resolved.kind == ScalarKind::timestamp_date ? Type::date : Type::datetime, mark);
          node.text = value;
          return node;
        }
        case ScalarKind::string:
        case ScalarKind::merge:
        case ScalarKind::value: break;
      }
    }
    auto& node = m_doc.make(Type::string, mark);
    node.text = value;
    return node;
  }

  void add(Node& node, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      m_anchors[anchor] = &node;
    }
    attach(&node, node.mark);
  }

  void open(Node& node, YAML::anchor_t anchor) {
    add(node, anchor);
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
      throw Abort{{node.mark, fmt::format("nesting deeper than {} levels", m_limits.max_depth), {}}};
    }
    m_stack.push_back({&node});
  }

  void close() { m_stack.pop_back(); }

  void attach(const Node* node, Mark) {
    if (m_doc.node_count() > m_limits.max_nodes) {
      throw Abort{{node->mark, fmt::format("more than {} YAML nodes", m_limits.max_nodes), {}}};
    }
    if (m_stack.empty()) {
      m_root = node;
      return;
    }
    auto& frame = m_stack.back();
    if (frame.node->type == Type::sequence) {
      frame.node->items.push_back(node);
      return;
    }
    if (frame.pending_key == nullptr) {
      frame.pending_key = node;
      return;
    }
    frame.node->entries.push_back({frame.pending_key, node});
    frame.pending_key = nullptr;
  }

  Document& m_doc;
  const LoadLimits& m_limits;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, const Node*> m_anchors;
  const Node* m_root = nullptr;
};

}  // namespace

std::expected<Document, LoadError> load(std::string_view bytes, const LoadLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return std::unexpected(LoadError{
        {}, fmt::format("file is {} bytes; the limit is {} bytes", bytes.size(), limits.max_bytes), {}});
  }
  Document doc;
  try {
    std::istringstream stream{std::string(bytes)};
    YAML::Parser parser(stream);
    TreeBuilder builder(doc, limits);
    if (parser.HandleNextDocument(builder)) {
      if (parser.HandleNextDocument(builder)) {
        return std::unexpected(LoadError{{},
                                         "expected a single document in the stream",
                                         "ComposerError: expected a single document in the stream"});
      }
    }
    doc.set_root(builder.root() != nullptr ? builder.root() : &doc.make(Type::null, {1, 1}));
  } catch (const Abort& abort) {
    return std::unexpected(abort.error);
  } catch (const YAML::Exception& e) {
    return std::unexpected(LoadError{to_mark(e.mark), e.msg, "YAMLError: " + e.msg});
  }
  return doc;
}

}  // namespace drydock::workers::yaml
