#include "workers/templates/schema_errors.hpp"

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

}  // namespace drydock::workers::templates
