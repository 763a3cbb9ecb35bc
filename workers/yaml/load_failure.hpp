#pragma once
// How a load fails inside workers/yaml: the exception Python would raise (class, context, problem and
// their marks), turned into the public LoadError at the point of failure and thrown as LoadFailure.
// load() is the only place that catches it. The reader, scanner, parser, composer and constructor are
// ports of PyYAML, whose control flow is built on `raise`; mirroring that keeps the port checkable
// line by line against the Python source, and the exception never crosses the public API.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "workers/yaml/loader.hpp"

namespace drydock::workers::yaml::detail {

// A position as PyYAML counts it: 0-based code-point index, line and column.
struct SourceMark {
  std::size_t index = 0;
  int line = 0;
  int column = 0;
  friend bool operator==(const SourceMark&, const SourceMark&) = default;
};

struct LoadFailure {
  LoadError error;
};

// The 1-based Mark of a SourceMark.
inline Mark to_mark(SourceMark mark) {
  return {mark.line + 1, mark.column + 1};
}

// A MarkedYAMLError subclass (ScannerError, ParserError, ComposerError, ConstructorError), laid out
// as str(exc) does: context, context mark (unless equal to the problem mark), problem, problem mark.
[[noreturn]] void raise_marked(std::string_view cls, std::string_view context,
                               std::optional<SourceMark> context_mark, std::string_view problem,
                               std::optional<SourceMark> problem_mark);

// PyYAML's ReaderError: "unacceptable character #x%04x: <reason>" at a position (code-point index for
// a disallowed character, byte offset for undecodable bytes). `where` is the same place as line and
// column, for a person.
[[noreturn]] void raise_reader(std::size_t position, unsigned character, std::string_view reason,
                               SourceMark where);

// A plain Python exception raised while constructing values (ValueError, KeyError, ...). Python
// prints no position; `where` is the node's, for a person.
[[noreturn]] void raise_python(std::string_view cls, std::string_view message,
                               std::optional<SourceMark> where);

// A Drydock limit (size, depth, node count). `python_error` is what upstream would raise on the same
// input, empty when upstream would accept it.
[[noreturn]] void raise_limit(std::string_view message, std::optional<SourceMark> where,
                              std::string_view python_error = {}, std::string_view python_error_full = {});

}  // namespace drydock::workers::yaml::detail
