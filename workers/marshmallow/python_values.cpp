#include "workers/marshmallow/python_values.hpp"

#include <cmath>

#include "workers/yaml/python_json.hpp"

namespace drydock::workers::marshmallow {

using yaml::Node;
using yaml::Type;

bool python_truthy(const Node& node) {
  switch (node.type) {
    case Type::null: return false;
    case Type::boolean: return node.boolean;
    case Type::integer: return node.text.find_first_not_of("-0") != std::string::npos;
    case Type::floating: return node.number != 0.0;  // NaN is truthy, as in Python
    case Type::string:
    case Type::bytes: return !node.text.empty();
    case Type::sequence:
    case Type::set: return !node.items.empty();
    case Type::mapping: return !node.entries.empty();
    case Type::date:
    case Type::datetime: return true;
  }
  return true;
}

bool is_collection(const Node& node) {
  return node.type == Type::sequence || node.type == Type::set;
}

std::string python_key_text(const Node& key) {
  switch (key.type) {
    case Type::null: return "None";
    case Type::boolean: return key.boolean ? "True" : "False";
    case Type::floating: {
      if (std::isnan(key.number)) {
        return "nan";
      }
      if (std::isinf(key.number)) {
        return key.number > 0 ? "inf" : "-inf";
      }
      std::string text;
      yaml::append_python_float(text, key.number);
      return text;
    }
    default: return key.text;
  }
}

PathElement key_path_element(const Node& key) {
  if (key.type == Type::integer) {
    if (auto value = key.as_int64()) {
      return *value;
    }
  }
  return python_key_text(key);
}

}  // namespace drydock::workers::marshmallow
