#include "workers/templates/schema_errors.hpp"

#include <cmath>

#include "workers/yaml/python_json.hpp"

namespace drydock::workers::templates {

FieldPath SchemaErrors::current_path() const {
  FieldPath path;
  path.reserve(m_path.size() + 1);
  for (const auto& step : m_path) {
    if (const auto* key = std::get_if<std::string_view>(&step)) {
      path.emplace_back(std::string(*key));
    } else {
      path.emplace_back(std::get<std::int64_t>(step));
    }
  }
  return path;
}

void SchemaErrors::add(Mark mark, std::string message) {
  m_out.push_back(Diagnostic{Severity::error, {}, mark, current_path(), std::move(message), {}});
}

void SchemaErrors::add(PathElement leaf, Mark mark, std::string message) {
  auto path = current_path();
  path.push_back(std::move(leaf));
  m_out.push_back(Diagnostic{Severity::error, {}, mark, std::move(path), std::move(message), {}});
}

Mark first_mark(std::initializer_list<Mark> candidates) {
  for (const auto& mark : candidates) {
    if (mark.line > 0) {
      return mark;
    }
  }
  return Mark{1, 1};
}

PathElement key_path_element(const yaml::Node& key) {
  using yaml::Type;
  switch (key.type) {
    case Type::string: return key.text;
    case Type::integer: {
      if (auto value = key.as_int64()) {
        return *value;
      }
      return key.text;
    }
    case Type::boolean: return std::string(key.boolean ? "True" : "False");
    case Type::null: return std::string("None");
    case Type::floating: {
      if (std::isnan(key.number)) {
        return std::string("nan");
      }
      if (std::isinf(key.number)) {
        return std::string(key.number > 0 ? "inf" : "-inf");
      }
      std::string text;
      yaml::append_python_float(text, key.number);
      return text;
    }
    default: return key.text;
  }
}

}  // namespace drydock::workers::templates
