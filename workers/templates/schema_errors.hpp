#pragma once
// Collects upstream-shaped validation errors as Diagnostics while a schema walks a document.
// Keeps the current field path as a stack of borrowed steps so that a template without errors costs
// no allocation; a FieldPath is built only when an error is recorded.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::workers::templates {

class SchemaErrors {
 public:
  // Errors are appended to `out` (severity error, `file` empty, `code` empty).
  explicit SchemaErrors(std::vector<Diagnostic>& out) : m_out(out) {}

  // Extends the current path while it lives. The key's characters must outlive the Step.
  class [[nodiscard]] Step {
   public:
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;
    ~Step() { m_errors->m_path.pop_back(); }

   private:
    friend class SchemaErrors;
    explicit Step(SchemaErrors* errors) : m_errors(errors) {}
    SchemaErrors* m_errors;
  };
  Step step(std::string_view key) {
    m_path.emplace_back(key);
    return Step(this);
  }
  Step step(std::int64_t index) {
    m_path.emplace_back(index);
    return Step(this);
  }

  // Records `message` under the current path.
  void add(Mark mark, std::string message);
  // Records `message` under the current path plus `leaf` (e.g. "_schema" or an unknown key).
  void add(PathElement leaf, Mark mark, std::string message);

  // Errors recorded so far (by this collector and anything before it in `out`).
  std::size_t count() const { return m_out.size(); }

 private:
  FieldPath current_path() const;

  std::vector<Diagnostic>& m_out;
  std::vector<std::variant<std::string_view, std::int64_t>> m_path;
};

// The first of `candidates` that has a position; line 1 column 1 when none has (e.g. a document
// built by hand, or an implicit null yaml-cpp gives no mark).
Mark first_mark(std::initializer_list<Mark> candidates);

}  // namespace drydock::workers::templates
