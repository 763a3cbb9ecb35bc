#include "workers/yaml/python_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include <fmt/format.h>

#include "workers/yaml/big_integer.hpp"
#include "workers/yaml/python_text.hpp"

namespace drydock::workers::yaml {
namespace {

struct Failure {
  DumpError error;
};

constexpr std::string_view k_int_str_limit =
    "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
    "sys.set_int_max_str_digits() to increase the limit";

bool exceeds_str_digits(const Node& node) {
  return node.int_exceeds_str_digits ||
         node.text.size() - (node.text.starts_with('-') ? 1 : 0) > k_python_int_max_str_digits;
}

// The Python type name json.dumps puts in "keys must be str, int, float, bool or None, not ...".
std::string qualified_type_name(Type type) {
  return type == Type::date       ? "datetime.date"
         : type == Type::datetime ? "datetime.datetime"
                                  : std::string(python_type_name(type));
}

// Walks a document in json.dumps order with its bounds: output size (alias bombs), depth, cycles.
// The field path of a failure is rebuilt from the open containers only when something fails.
class Walker {
 public:
  explicit Walker(const DumpLimits& limits) : m_limits(limits) {}

 protected:
  struct Frame {
    const Node* node;
    std::size_t index = 0;  // the item or entry being written
  };

  // `at_key`: the failure is the current entry's key itself, so the path stops at its mapping.
  [[noreturn]] void fail(const Node& node, std::string message, std::string_view python_error,
                         bool at_key = false) const {
    FieldPath path;
    for (std::size_t k = 0; k < m_frames.size(); ++k) {
      const Frame& frame = m_frames[k];
      if (frame.node->type == Type::mapping) {
        if (at_key && k + 1 == m_frames.size()) {
          break;
        }
        const Node& key = *frame.node->entries[frame.index].key;
        path.emplace_back(key.type == Type::string ? key.text : path_key_text(key));
      } else {
        path.emplace_back(static_cast<std::int64_t>(frame.index));
      }
    }
    throw Failure{{node.mark, std::move(path), std::move(message), std::string(python_error)}};
  }

  void check_size(const Node& node, std::size_t size) const {
    if (size > m_limits.max_output_bytes) {
      fail(node,
           fmt::format("the JSON text would exceed {} bytes (alias expansion?)", m_limits.max_output_bytes),
           {});
    }
  }

  void enter(const Node& node) {
    if (static_cast<int>(m_frames.size()) >= m_limits.max_depth) {
      fail(node, fmt::format("nesting deeper than {} levels", m_limits.max_depth),
           "RecursionError: maximum recursion depth exceeded while encoding a JSON object");
    }
    if (!m_open.insert(&node).second) {
      fail(node, "the document refers to itself (cyclic alias)", "ValueError: Circular reference detected");
    }
    m_frames.push_back({&node});
  }
  void leave() {
    m_open.erase(m_frames.back().node);
    m_frames.pop_back();
  }
  void at(std::size_t index) { m_frames.back().index = index; }

  // The text json.dumps gives a dict key.
  std::string key_text(const Node& key) const {
    switch (key.type) {
      case Type::string: return key.text;
      case Type::integer:
        if (exceeds_str_digits(key)) {
          fail(key, "an integer key of more than 4300 digits cannot be written", k_int_str_limit, true);
        }
        return key.text;
      case Type::boolean:
      case Type::null:
      case Type::floating: return path_key_text(key);
      default: {
        const std::string name = qualified_type_name(key.type);
        fail(key, "a mapping key of type " + name + " cannot be written as JSON",
             "TypeError: keys must be str, int, float, bool or None, not " + name, true);
      }
    }
  }

  // A key as text for a field path; never fails (dates and bytes give their text).
  static std::string path_key_text(const Node& key) {
    switch (key.type) {
      case Type::boolean: return key.boolean ? "true" : "false";
      case Type::null: return "null";
      case Type::floating: {
        std::string s;
        append_json_float(s, key.number);
        return s;
      }
      default: return key.text;
    }
  }

  static void append_json_float(std::string& out, double value) {
    if (std::isnan(value)) {
      out += "NaN";
    } else if (std::isinf(value)) {
      out += value > 0 ? "Infinity" : "-Infinity";
    } else {
      append_python_float(out, value);
    }
  }

 private:
  const DumpLimits& m_limits;
  std::vector<Frame> m_frames;
  std::unordered_set<const Node*> m_open;
};

class Writer : Walker {
 public:
  Writer(std::string& out, const DumpLimits& limits) : Walker(limits), m_out(out) {}

  void write(const Node& node) {
    check_size(node, m_out.size());
    switch (node.type) {
      case Type::null: m_out += "null"; return;
      case Type::boolean: m_out += node.boolean ? "true" : "false"; return;
      case Type::integer:
        if (exceeds_str_digits(node)) {
          fail(node, "an integer of more than 4300 digits cannot be written", k_int_str_limit);
        }
        m_out += node.text;
        return;
      case Type::floating: append_json_float(m_out, node.number); return;
      case Type::string: append_python_string(m_out, node.text); return;
      case Type::date:
      case Type::datetime:
      case Type::bytes:
      case Type::set: {
        const std::string name(python_type_name(node.type));
        fail(node, "a value of type " + name + " cannot be written as JSON",
             "TypeError: Object of type " + name + " is not JSON serializable");
      }
      case Type::sequence: write_sequence(node); return;
      case Type::mapping: write_mapping(node); return;
    }
  }

 private:
  void write_sequence(const Node& node) {
    enter(node);
    m_out += '[';
    for (std::size_t index = 0; index < node.items.size(); ++index) {
      if (index > 0) {
        m_out += ", ";
      }
      at(index);
      write(*node.items[index]);
    }
    m_out += ']';
    leave();
  }

  void write_mapping(const Node& node) {
    enter(node);
    m_out += '{';
    for (std::size_t index = 0; index < node.entries.size(); ++index) {
      if (index > 0) {
        m_out += ", ";
      }
      at(index);
      const Node& key = *node.entries[index].key;
      append_python_string(m_out, key.type == Type::string ? key.text : key_text(key));
      m_out += ": ";
      write(*node.entries[index].value);
    }
    m_out += '}';
    leave();
  }

  std::string& m_out;
};

// Valid UTF-8 for nlohmann (whose dump() throws on anything else): lone surrogates become U+FFFD.
std::string valid_utf8(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char32_t cp = next_code_point(text, i);
    append_utf8(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
  }
  return out;
}

class JsonBuilder : Walker {
 public:
  static constexpr std::size_t k_value_cost = 32;

  explicit JsonBuilder(const DumpLimits& limits) : Walker(limits) {}

  nlohmann::ordered_json build(const Node& node) {
    // The tree costs far more memory than its JSON text, so each value is charged k_value_cost: the
    // same cap then bounds memory, not only text.
    m_size += k_value_cost;
    check_size(node, m_size);
    switch (node.type) {
      case Type::null: return nullptr;
      case Type::boolean: return node.boolean;
      case Type::integer: return integer(node);
      case Type::floating: return node.number;
      case Type::string:
      case Type::date:
      case Type::datetime: m_size += node.text.size(); return valid_utf8(node.text);
      case Type::bytes: {
        std::string latin1;  // one code point per byte keeps every byte and stays valid UTF-8
        for (char c : node.text) {
          append_utf8(latin1, static_cast<unsigned char>(c));
        }
        m_size += node.text.size();
        return latin1;
      }
      case Type::sequence:
      case Type::set: {
        enter(node);
        auto array = nlohmann::ordered_json::array();
        for (std::size_t index = 0; index < node.items.size(); ++index) {
          at(index);
          array.push_back(build(*node.items[index]));
        }
        leave();
        return array;
      }
      case Type::mapping: {
        enter(node);
        auto object = nlohmann::ordered_json::object();
        for (std::size_t index = 0; index < node.entries.size(); ++index) {
          at(index);
          const Node& key_node = *node.entries[index].key;
          const bool text_key =
              key_node.type == Type::date || key_node.type == Type::datetime || key_node.type == Type::bytes;
          const std::string key = valid_utf8(text_key ? key_node.text : key_text(key_node));
          m_size += key.size() + k_value_cost;
          object[key] = build(*node.entries[index].value);  // a repeated key: last value, first position
        }
        leave();
        return object;
      }
    }
    return nullptr;
  }

 private:
  static nlohmann::ordered_json integer(const Node& node) {
    if (const auto small = node.as_int64()) {
      return *small;
    }
    std::uint64_t unsigned_value = 0;
    const auto* last = node.text.data() + node.text.size();
    if (auto [ptr, ec] = std::from_chars(node.text.data(), last, unsigned_value);
        ec == std::errc{} && ptr == last) {
      return unsigned_value;
    }
    if (node.int_exceeds_str_digits) {
      return node.text.starts_with('-') ? -HUGE_VAL : HUGE_VAL;
    }
    return std::strtod(node.text.c_str(), nullptr);
  }

  std::size_t m_size = 0;
};

}  // namespace

std::expected<std::string, DumpError> dumps(const Node& node, const DumpLimits& limits) {
  std::string out;
  try {
    Writer writer(out, limits);
    writer.write(node);
  } catch (const Failure& failure) {
    return std::unexpected(failure.error);
  }
  return out;
}

std::expected<nlohmann::ordered_json, DumpError> to_json(const Node& node, const DumpLimits& limits) {
  try {
    JsonBuilder builder(limits);
    return builder.build(node);
  } catch (const Failure& failure) {
    return std::unexpected(failure.error);
  }
}

}  // namespace drydock::workers::yaml
