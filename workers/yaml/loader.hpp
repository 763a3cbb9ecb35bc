#pragma once
// Loading YAML exactly as upstream does: `yaml.safe_load` on a byte stream (PyYAML 6, YAML 1.1 rules).
// See ../shared/python-compat.md: what is accepted, how scalars are typed, what is rejected.
// The pipeline is a port of PyYAML's own (reader, scanner, parser, composer, SafeConstructor; see
// loader.cpp), so acceptance, typing, duplicate-key and merge semantics and error messages match
// upstream, checked by tests/workers/yaml/python_compat_vectors_test.cpp.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include "workers/yaml/document.hpp"

namespace drydock::workers::yaml {

// Bounds on untrusted input. Exceeding one is a LoadError naming the limit, never a crash or hang.
struct LoadLimits {
  std::size_t max_bytes = 8U * 1024U * 1024U;  // input size, checked before anything reads it
  int max_depth = 400;                         // nesting of sequences/mappings (PyYAML dies near 490)
  std::size_t max_nodes = 2'000'000;           // nodes created, aliases not expanded; also bounds
                                               // the pairs merge keys (`<<`) may copy
  // Not a bound but an opt-in departure from safe_load, for CloudFormation templates: a node with an
  // unknown local tag (`!GetAtt X.Arn`, `!Sub [...]`) is built as its untagged value (scalar as str,
  // sequence, mapping) and the tag is kept in Document::tag_of, instead of raising ConstructorError
  // "could not determine a constructor for the tag". Other unknown tags (`!!foo`, `tag:x,2000:y`)
  // still raise. Off by default: upstream's templates are read exactly as safe_load reads them.
  bool keep_unknown_local_tags = false;
};

struct LoadError {
  Mark mark;            // 1-based position of the problem; line 0 when it has none
  std::string message;  // what is wrong, for a person ("found undefined alias 'x'")
  // How upstream would fail on the same input: "<ExceptionClass>: <first line>", e.g.
  // "ScannerError: mapping values are not allowed here". Empty when upstream would accept the input
  // and only Drydock's own limits reject it.
  std::string python_error;
  // The whole str(exc) as upstream logs it for a byte stream, marks included
  // ("...\n  in \"<file>\", line 2, column 1"); empty when python_error is.
  std::string python_error_full;
};

// Parses one YAML document from bytes (UTF-8, or UTF-16 with a BOM, as PyYAML reads a byte stream).
// On success the Document holds the typed tree (an empty stream gives a Type::null root) and every
// repeated mapping key in Document::duplicate_keys. On failure returns where and why, and the
// exception upstream would raise (python_error); a LoadLimits bound gives a LoadError too. Never
// throws for any input; work and memory are linear in the input size.
std::expected<Document, LoadError> load(std::string_view bytes, const LoadLimits& limits = {});

namespace detail {
// load() without its fast path for plain block YAML (block_fast_path.hpp): the PyYAML port alone.
// For the tests and benchmarks that compare the two.
std::expected<Document, LoadError> load_with_pipeline(std::string_view bytes, const LoadLimits& limits = {});
}  // namespace detail

}  // namespace drydock::workers::yaml
