// The fast path of block_fast_path.hpp: one pass over the lines with a stack of open collections.
// Every rule here mirrors what PyYAML's scanner and parser do for the same lines (the comments say
// which); anything the rules do not cover returns nullopt.
#include "workers/yaml/block_fast_path.hpp"

#include <algorithm>
#include <vector>

#include "workers/yaml/scalar_resolver.hpp"

namespace drydock::workers::yaml::detail {
namespace {

constexpr std::size_t k_max_bytes = 64U * 1024U;
constexpr std::size_t k_max_depth = 64;
constexpr std::size_t k_max_key = 1000;  // PyYAML gives up on a simple key after 1024 characters

struct GiveUp {};

struct Open {
  int indent = 0;
  Node* node = nullptr;
  bool indentless = false;  // a sequence at its parent key's indentation
};

bool is_sequence(const Open& open) {
  return open.node->type == Type::sequence;
}

// `- ` or a lone `-`: a block entry (scanner.check_block_entry).
bool is_entry(std::string_view content) {
  return content[0] == '-' && (content.size() == 1 || content[1] == ' ');
}

// Can a plain scalar start with this text, in block context (scanner.check_plain)? Narrower than
// PyYAML: characters that start tags, anchors, flow collections, merge/value keys and so on are
// left to the full pipeline.
bool plain_start(std::string_view text) {
  const char c = text[0];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  if (c == '-') {
    return text.size() > 1 && text[1] != ' ';
  }
  return std::string_view("_./+~($^").find(c) != std::string_view::npos;
}

// Where a ` #` comment starts in `text`, or text.size().
std::size_t comment_start(std::string_view text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == '#' && text[i - 1] == ' ') {
      return i - 1;
    }
  }
  return text.size();
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// The offset of the ':' that makes `content` a `key: ...` line, or npos: a ':' followed by a space
// or the end of the line, before any comment (scanner.check_value in block context).
std::size_t key_colon(std::string_view content) {
  if (content[0] == '"' || content[0] == '\'') {
    return std::string_view::npos;
  }
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] == ':' && (i + 1 == content.size() || content[i + 1] == ' ')) {
      return i;
    }
    if (content[i] == '#' && i > 0 && content[i - 1] == ' ') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

class FastLoader {
 public:
  explicit FastLoader(std::string_view bytes) : m_src(bytes) {}

  Document run() {
    int line = 0;
    for (std::size_t start = 0; start < m_src.size(); ++line) {
      std::size_t end = m_src.find('\n', start);
      if (end == std::string_view::npos) {
        end = m_src.size();
      }
      const std::string_view text = m_src.substr(start, end - start);
      const std::size_t indent = text.find_first_not_of(' ');
      if (indent != std::string_view::npos && text[indent] != '#') {
        line_content(line, static_cast<int>(indent), text.substr(indent));
      }
      start = end + 1;
    }
    if (m_stack.empty()) {
      throw GiveUp{};  // an empty stream or only comments: rare, and the full pipeline knows it
    }
    resolve_pending_as_null();
    m_doc.set_root(m_stack.front().node);
    return std::move(m_doc);
  }

 private:
  static Mark mark(int line, int column) { return {line + 1, column + 1}; }

  void line_content(int line, int indent, std::string_view content) {
    if (indent == 0 && (content.starts_with("---") || content.starts_with("...")) &&
        (content.size() == 3 || content[3] == ' ')) {
      throw GiveUp{};  // a document marker
    }
    if (m_stack.empty()) {
      open(line, indent, content, nullptr);
      return;
    }
    if (m_pending) {
      Open& top = m_stack.back();
      if (indent > top.indent || (indent == top.indent && is_entry(content))) {
        // A block node after `key:` (parse_block_node_or_indentless_sequence).
        m_pending = false;
        Node* parent = top.node;
        open(line, indent, content, parent, indent == top.indent);
        return;
      }
      resolve_pending_as_null();
    }
    while (!m_stack.empty() && m_stack.back().indent > indent) {
      m_stack.pop_back();
    }
    if (m_stack.empty() || m_stack.back().indent != indent) {
      throw GiveUp{};
    }
    if (is_entry(content)) {
      if (!is_sequence(m_stack.back())) {
        throw GiveUp{};
      }
      add_entry(line, indent, content);
      return;
    }
    if (is_sequence(m_stack.back())) {
      if (!m_stack.back().indentless) {
        throw GiveUp{};
      }
      m_stack.pop_back();  // the indentless sequence ends at its parent's next key
    }
    add_key(line, indent, content);
  }

  // A new collection whose first line is `content` at `indent`: the root, or the value of the
  // pending key of `parent`.
  void open(int line, int indent, std::string_view content, Node* parent, bool indentless = false) {
    if (m_stack.size() >= k_max_depth) {
      throw GiveUp{};
    }
    const bool sequence = is_entry(content);
    if (!sequence && key_colon(content) == std::string_view::npos) {
      throw GiveUp{};  // a scalar document or a multi-line value
    }
    Node& node = m_doc.make(sequence ? Type::sequence : Type::mapping, mark(line, indent));
    if (parent != nullptr) {
      parent->entries.back().value = &node;
    }
    m_stack.push_back({indent, &node, indentless});
    if (sequence) {
      add_entry(line, indent, content);
    } else {
      add_key(line, indent, content);
    }
  }

  // `- ...` at `indent`, into the sequence on top of the stack.
  void add_entry(int line, int indent, std::string_view content) {
    std::size_t at = 1;
    while (at < content.size() && content[at] == ' ') {
      ++at;
    }
    const std::string_view rest = content.substr(at);
    if (rest.empty() || rest[0] == '#' || is_entry(rest)) {
      throw GiveUp{};  // an empty entry, or a sequence in a sequence
    }
    const int column = indent + static_cast<int>(at);
    Node* sequence = m_stack.back().node;
    if (key_colon(rest) != std::string_view::npos) {
      // `- key: value`: a mapping at the key's column (a BLOCK-MAPPING-START there).
      if (m_stack.size() >= k_max_depth) {
        throw GiveUp{};
      }
      Node& mapping = m_doc.make(Type::mapping, mark(line, column));
      sequence->items.push_back(&mapping);
      m_stack.push_back({column, &mapping, false});
      add_key(line, column, rest);
      return;
    }
    sequence->items.push_back(&value(line, column, rest));
  }

  // `key: value` or `key:` at `indent`, into the mapping on top of the stack.
  void add_key(int line, int indent, std::string_view content) {
    const std::size_t colon = key_colon(content);
    if (colon == std::string_view::npos || colon > k_max_key) {
      throw GiveUp{};
    }
    const std::string_view key_text = trim_right(content.substr(0, colon));
    if (key_text.empty() || !plain_start(key_text) || resolve_implicit_tag(key_text) != ImplicitTag::string) {
      throw GiveUp{};  // only str keys: others bring Python's key equality (1 == True)
    }
    Node* mapping = m_stack.back().node;
    for (const auto& entry : mapping->entries) {
      if (entry.key->text == key_text) {
        throw GiveUp{};  // a duplicate: the full pipeline merges and records it
      }
    }
    Node& key = m_doc.make(Type::string, mark(line, indent));
    key.text = key_text;
    std::size_t at = colon + 1;
    while (at < content.size() && content[at] == ' ') {
      ++at;
    }
    if (at == content.size() || content[at] == '#') {
      // The value is on the next lines, or is the empty scalar at the end of the ':' token.
      mapping->entries.push_back({&key, nullptr});
      m_pending = true;
      m_pending_mark = mark(line, indent + static_cast<int>(colon) + 1);
      return;
    }
    mapping->entries.push_back({&key, &value(line, indent + static_cast<int>(at), content.substr(at))});
  }

  void resolve_pending_as_null() {
    // The pending key is always the innermost mapping's last: nothing opens while it waits.
    if (m_pending) {
      m_pending = false;
      m_stack.back().node->entries.back().value = &m_doc.make(Type::null, m_pending_mark);
    }
  }

  // A scalar that ends its line: `text` starts at `column` and runs to the end of the line.
  Node& value(int line, int column, std::string_view text) {
    const Mark at = mark(line, column);
    if (text[0] == '"' || text[0] == '\'') {
      const char quote = text[0];
      const std::size_t close = text.find(quote, 1);
      if (close == std::string_view::npos) {
        throw GiveUp{};  // a multi-line scalar
      }
      const std::string_view inner = text.substr(1, close - 1);
      if (quote == '"' && inner.find('\\') != std::string_view::npos) {
        throw GiveUp{};  // escapes
      }
      const std::string_view after = text.substr(close + 1);
      const std::size_t next = after.find_first_not_of(' ');
      if (!after.empty() && (after[0] != ' ' || (next != std::string_view::npos && after[next] != '#'))) {
        throw GiveUp{};  // `'a''b'`, `"a": b`, `"a" b`: not just a comment after the quote
      }
      Node& node = m_doc.make(Type::string, at);
      node.text = inner;
      return node;
    }
    const std::string_view plain = trim_right(text.substr(0, comment_start(text)));
    if (!plain_start(plain)) {
      throw GiveUp{};
    }
    for (std::size_t i = 0; i < plain.size(); ++i) {
      if (plain[i] == ':' && (i + 1 == plain.size() || plain[i + 1] == ' ')) {
        throw GiveUp{};  // `a: b: c`: mapping values are not allowed here
      }
    }
    return plain_scalar(at, plain);
  }

  // Typed as the Resolver and SafeConstructor type it (resolve_plain_scalar).
  Node& plain_scalar(Mark at, std::string_view text) {
    ResolvedScalar value = resolve_plain_scalar(text);
    if (!value.error.empty()) {
      throw GiveUp{};  // a constructor error: the full pipeline reports it
    }
    switch (value.kind) {
      case ScalarKind::null: return m_doc.make(Type::null, at);
      case ScalarKind::boolean: {
        Node& node = m_doc.make(Type::boolean, at);
        node.boolean = value.boolean;
        return node;
      }
      case ScalarKind::integer: {
        Node& node = m_doc.make(Type::integer, at);
        node.text = std::move(value.integer);
        node.int_exceeds_str_digits = value.integer_exceeds_str_digits;
        return node;
      }
      case ScalarKind::floating: {
        Node& node = m_doc.make(Type::floating, at);
        node.number = value.number;
        return node;
      }
      case ScalarKind::string: {
        Node& node = m_doc.make(Type::string, at);
        node.text = text;
        return node;
      }
      default: throw GiveUp{};  // timestamps, merge and value keys
    }
  }

  std::string_view m_src;
  Document m_doc;
  std::vector<Open> m_stack;
  bool m_pending = false;  // the last key of the innermost mapping awaits its value
  Mark m_pending_mark;
};

}  // namespace

std::optional<Document> load_plain_block(std::string_view bytes) {
  if (bytes.size() > k_max_bytes || !std::all_of(bytes.begin(), bytes.end(), [](char c) {
        return c == '\n' || (c >= 0x20 && c <= 0x7E);
      })) {
    return std::nullopt;
  }
  try {
    return FastLoader(bytes).run();
  } catch (const GiveUp&) {
    return std::nullopt;
  }
}

}  // namespace drydock::workers::yaml::detail
