#include "workers/yaml/load_failure.hpp"

#include <fmt/format.h>

namespace drydock::workers::yaml::detail {
namespace {

// Upstream reads the S3 body as a byte stream without a name (python-compat.md, intro).
std::string format_mark(SourceMark mark) {
  return fmt::format("  in \"<file>\", line {}, column {}", mark.line + 1, mark.column + 1);
}

// MarkedYAMLError compares marks by name, line and column only (not by index: a BOM takes no column).
bool same_place(SourceMark a, SourceMark b) {
  return a.line == b.line && a.column == b.column;
}

std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

}  // namespace

void raise_marked(std::string_view cls, std::string_view context, std::optional<SourceMark> context_mark,
                  std::string_view problem, std::optional<SourceMark> problem_mark) {
  std::string full;
  const auto add_line = [&](std::string_view line) {
    if (!full.empty()) {
      full += '\n';
    }
    full += line;
  };
  if (!context.empty()) {
    add_line(context);
  }
  if (context_mark && (problem.empty() || !problem_mark || !same_place(*context_mark, *problem_mark))) {
    add_line(format_mark(*context_mark));
  }
  if (!problem.empty()) {
    add_line(problem);
  }
  if (problem_mark) {
    add_line(format_mark(*problem_mark));
  }

  LoadError error;
  const auto where = problem_mark ? problem_mark : context_mark;
  if (where) {
    error.mark = to_mark(*where);
  }
  // For a person: the problem, preceded by the context when the context points somewhere else
  // ("while scanning a simple key (line 2, column 1): could not find expected ':'"). A context
  // without a mark ("while scanning for the next token") adds nothing and is left out.
  if (!context.empty() && context_mark) {
    error.message = std::string(context);
    if (!problem.empty() && problem_mark && !same_place(*context_mark, *problem_mark)) {
      error.message += fmt::format(" (line {}, column {})", context_mark->line + 1, context_mark->column + 1);
    }
    if (!problem.empty()) {
      error.message += ": ";
    }
  }
  error.message += std::string(problem.empty() ? std::string_view{} : problem);
  error.python_error = std::string(cls) + ": " + first_line(full);
  error.python_error_full = std::move(full);
  throw LoadFailure{std::move(error)};
}

void raise_reader(std::size_t position, unsigned character, std::string_view reason, SourceMark where) {
  LoadError error;
  error.mark = to_mark(where);
  const auto problem = fmt::format("unacceptable character #x{:04x}: {}", character, reason);
  error.message = problem;
  error.python_error = "ReaderError: " + problem;
  error.python_error_full = fmt::format("{}\n  in \"<file>\", position {}", problem, position);
  throw LoadFailure{std::move(error)};
}

void raise_python(std::string_view cls, std::string_view message, std::optional<SourceMark> where) {
  LoadError error;
  if (where) {
    error.mark = to_mark(*where);
  }
  error.message = std::string(message);
  error.python_error = std::string(cls) + ": " + first_line(message);
  error.python_error_full = std::string(message);
  throw LoadFailure{std::move(error)};
}

void raise_limit(std::string_view message, std::optional<SourceMark> where, std::string_view python_error,
                 std::string_view python_error_full) {
  LoadError error;
  if (where) {
    error.mark = to_mark(*where);
  }
  error.message = std::string(message);
  error.python_error = std::string(python_error);
  if (!python_error_full.empty()) {
    error.python_error_full = std::string(python_error_full);
  } else if (const auto colon = python_error.find(": "); colon != std::string_view::npos) {
    error.python_error_full = std::string(python_error.substr(colon + 2));
  }
  throw LoadFailure{std::move(error)};
}

}  // namespace drydock::workers::yaml::detail
