#include "workers/yaml/python_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace drydock::workers::yaml {
namespace {

struct Failure {
  DumpError error;
};

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes yield U+FFFD (the loader only
// produces valid UTF-8, so this is defensive).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int extra = (c >= 0xF0) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC0) ? 1 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    cp = (cp << 6) | (byte(i + static_cast<std::size_t>(k)) & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

void append_u_escape(std::string& out, unsigned value) {
  out += fmt::format("\\u{:04x}", value);
}

std::string key_text(const Node& key, const FieldPath& path) {
  switch (key.type) {
    case Type::string: return key.text;
    case Type::integer: return key.text;
    case Type::boolean: return key.boolean ? "true" : "false";
    case Type::null: return "null";
    case Type::floating: {
      if (std::isnan(key.number)) {
        return "NaN";
      }
      if (std::isinf(key.number)) {
        return key.number > 0 ? "Infinity" : "-Infinity";
      }
      std::string s;
      append_python_float(s, key.number);
      return s;
    }
    default: {
      std::string qual = key.type == Type::date       ? "datetime.date"
                         : key.type == Type::datetime ? "datetime.datetime"
                                                      : std::string(python_type_name(key.type));
      std::string msg = "TypeError: keys must be str, int, float, bool or None, not " + qual;
      throw Failure{{key.mark, path, "a mapping key of type " + qual + " cannot be written as JSON", msg}};
    }
  }
}

class Writer {
 public:
  Writer(std::string& out, const DumpLimits& limits) : m_out(out), m_limits(limits) {}

  void write(const Node& node) {
    if (m_out.size() > m_limits.max_output_bytes) {
      throw Failure{
          {node.mark,
           m_path,
           fmt::format("the JSON text would exceed {} bytes (alias expansion?)", m_limits.max_output_bytes),
           {}}};
    }
    switch (node.type) {
      case Type::null: m_out += "null"; return;
      case Type::boolean: m_out += node.boolean ? "true" : "false"; return;
      case Type::integer: write_int(node); return;
      case Type::floating: write_float(node.number); return;
      case Type::string: append_python_string(m_out, node.text); return;
      case Type::date:
      case Type::datetime:
      case Type::bytes:
      case Type::set: {
        std::string name(python_type_name(node.type));
        throw Failure{{node.mark, m_path, "a value of type " + name + " cannot be written as JSON",
                       "TypeError: Object of type " + name + " is not JSON serializable"}};
      }
      case Type::sequence: write_sequence(node); return;
      case Type::mapping: write_mapping(node); return;
    }
  }

 private:
  void enter(const Node& node) {
    for (const auto* open : m_open) {
      if (open == &node) {
        throw Failure{{node.mark, m_path, "the document refers to itself (cyclic alias)",
                       "ValueError: Circular reference detected"}};
      }
    }
    if (static_cast<int>(m_open.size()) >= m_limits.max_depth) {
      throw Failure{
          {node.mark, m_path, fmt::format("nesting deeper than {} levels", m_limits.max_depth), {}}};
    }
    m_open.push_back(&node);
  }

  void write_int(const Node& node) {
    auto digits = node.text.size() - (node.text.starts_with('-') ? 1 : 0);
    if (digits > 4300) {
      throw Failure{{node.mark, m_path, "an integer of more than 4300 digits cannot be written",
                     "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
                     "sys.set_int_max_str_digits() to increase the limit"}};
    }
    m_out += node.text;
  }

  void write_float(double value) {
    if (std::isnan(value)) {
      m_out += "NaN";
    } else if (std::isinf(value)) {
      m_out += value > 0 ? "Infinity" : "-Infinity";
    } else {
      append_python_float(m_out, value);
    }
  }

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
    m_open.pop_back();
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
      auto key = key_text(*entry.key, m_path);
      append_python_string(m_out, key);
      m_out += ": ";
      m_path.emplace_back(key);
      write(*entry.value);
      m_path.pop_back();
    }
    m_out += '}';
    m_open.pop_back();
  }

  std::string& m_out;
  const DumpLimits& m_limits;
  std::vector<const Node*> m_open;
  FieldPath m_path;
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
  bool negative = sci.front() == '-';
  if (negative) {
    sci.remove_prefix(1);
  }
  auto e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') {
      digits += c;
    }
  }
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
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
    char32_t cp = next_code_point(utf8, i);
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
      unsigned v = static_cast<unsigned>(cp) - 0x10000;
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
  // Reuse the exact writer for structure and limits, then parse: simple and bounded. Values JSON
  // cannot carry are converted first by the schema layer when needed.
  auto text = dumps(node, limits);
  if (!text) {
    return std::unexpected(text.error());
  }
  try {
    return nlohmann::ordered_json::parse(*text, nullptr, true, true);
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(DumpError{node.mark, {}, e.what(), {}});
  }
}

}  // namespace drydock::workers::yaml
