#include "workers/yaml/python_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

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

void append_u_escape(std::string& out, unsigned value) {
  static constexpr char k_hex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) {
    out += k_hex[(value >> shift) & 0xF];
  }
}

// The Python type name json.dumps puts in "keys must be str, int, float, bool or None, not ...".
std::string qualified_type_name(Type type) {
  return type == Type::date ? "datetime.date" : type == Type::datetime ? "datetime.datetime" : std::string(python_type_name(type));
}

// Walks a document in json.dumps order with its bounds: output size (alias bombs), depth, cycles.
class Walker {
 public:
  Walker(const DumpLimits& limits) : m_limits(limits) {}

 protected:
  [[noreturn]] void fail(const Node& node, std::string message, std::string_view python_error) const {
    throw Failure{{node.mark, m_path, std::move(message), std::string(python_error)}};
  }

  void check_size(const Node& node, std::size_t size) const {
    if (size > m_limits.max_output_bytes) {
      fail(node, fmt::format("the JSON text would exceed {} bytes (alias expansion?)", m_limits.max_output_bytes), {});
    }
  }

  void enter(const Node& node) {
    for (const auto* open : m_open) {
      if (open == &node) {
        fail(node, "the document refers to itself (cyclic alias)", "ValueError: Circular reference detected");
      }
    }
    if (static_cast<int>(m_open.size()) >= m_limits.max_depth) {
      fail(node, fmt::format("nesting deeper than {} levels", m_limits.max_depth),
           "RecursionError: maximum recursion depth exceeded while encoding a JSON object");
    }
    m_open.push_back(&node);
  }
  void leave() { m_open.pop_back(); }

  // The text json.dumps gives a dict key.
  std::string key_text(const Node& key) const {
    switch (key.type) {
      case Type::string: return key.text;
      case Type::integer:
        if (exceeds_str_digits(key)) {
          fail(key, "an integer key of more than 4300 digits cannot be written", k_int_str_limit);
        }
        return key.text;
      case Type::boolean: return key.boolean ? "true" : "false";
      case Type::null: return "null";
      case Type::floating: {
        std::string s;
        append_json_float(s, key.number);
        return s;
      }
      default: {
        const std::string name = qualified_type_name(key.type);
        fail(key, "a mapping key of type " + name + " cannot be written as JSON",
             "TypeError: keys must be str, int, float, bool or None, not " + name);
      }
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

  const DumpLimits& m_limits;
  std::vector<const Node*> m_open;
  FieldPath m_path;
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
    std::int64_t index = 0;
    for (const auto* item : node.items) {
      if (index > 0) {
        m_out += ", ";
      }
      m_path.emplace_back(index++);
      write(*item);
      m_path.pop_back();
    }
    m_out += ']';
    leave();
  }

  void write_mapping(const Node& node) {
    enter(node);
    m_out += '{';
    bool first = true;
    for (const auto& entry : node.entries) {
      if (!first) {
        m_out += ", ";
      }
      first = false;
      auto key = key_text(*entry.key);
      append_python_string(m_out, key);
      m_out += ": ";
      m_path.emplace_back(std::move(key));
      write(*entry.value);
      m_path.pop_back();
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
  explicit JsonBuilder(const DumpLimits& limits) : Walker(limits) {}

  nlohmann::ordered_json build(const Node& node) {
    m_size += 8;  // roughly what the node costs in JSON text; bounds alias expansion
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
        std::int64_t index = 0;
        for (const auto* item : node.items) {
          m_path.emplace_back(index++);
          array.push_back(build(*item));
          m_path.pop_back();
        }
        leave();
        return array;
      }
      case Type::mapping: {
        enter(node);
        auto object = nlohmann::ordered_json::object();
        for (const auto& entry : node.entries) {
          std::string key = (entry.key->type == Type::date || entry.key->type == Type::datetime)
                                ? entry.key->text
                                : entry.key->type == Type::bytes ? entry.key->text : key_text(*entry.key);
          key = valid_utf8(key);
          m_size += key.size();
          m_path.emplace_back(key);
          object[key] = build(*entry.value);  // a repeated key text: last value, first position
          m_path.pop_back();
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
    if (auto [ptr, ec] = std::from_chars(node.text.data(), last, unsigned_value); ec == std::errc{} && ptr == last) {
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

void append_python_float(std::string& out, double value) {
  if (value == 0.0) {
    out += std::signbit(value) ? "-0.0" : "0.0";
    return;
  }
  // Shortest round-trip digits and exponent, then Python's repr layout (python-compat.md §d).
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  const bool negative = sci.front() == '-';
  if (negative) {
    sci.remove_prefix(1);
  }
  const auto e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') {
      digits += c;
    }
  }
  const int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  if (negative) {
    out += '-';
  }
  const int n = static_cast<int>(digits.size());
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out += digits;
    } else if (exponent + 1 >= n) {
      out += digits;
      out.append(static_cast<std::size_t>(exponent + 1 - n), '0');
      out += ".0";
    } else {
      out += digits.substr(0, static_cast<std::size_t>(exponent + 1));
      out += '.';
      out += digits.substr(static_cast<std::size_t>(exponent + 1));
    }
    return;
  }
  out += digits[0];
  if (n > 1) {
    out += '.';
    out += digits.substr(1);
  }
  out += fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::abs(exponent));
}

void append_python_string(std::string& out, std::string_view utf8) {
  out += '"';
  std::size_t i = 0;
  while (i < utf8.size()) {
    const char32_t cp = next_code_point(utf8, i);
    switch (cp) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    if (cp >= 0x20 && cp <= 0x7E) {
      out += static_cast<char>(cp);
    } else if (cp < 0x10000) {
      append_u_escape(out, static_cast<unsigned>(cp));
    } else {
      const unsigned v = static_cast<unsigned>(cp) - 0x10000;
      append_u_escape(out, 0xD800 + (v >> 10));
      append_u_escape(out, 0xDC00 + (v & 0x3FF));
    }
  }
  out += '"';
}

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
