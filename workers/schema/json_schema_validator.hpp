#pragma once
// A worker's own template fields checked against a JSON Schema (drydock.yaml `template_schema:`),
// with errors reported like every other diagnostic: field path, line and column of the node.

#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

class JsonSchemaValidator {
 public:
  // Compiles a schema document. Fails with a message when it is not a usable JSON Schema.
  static std::expected<JsonSchemaValidator, std::string> from_json(const nlohmann::json& schema);
  // Reads and compiles a schema file (JSON, or YAML read as PyYAML would).
  static std::expected<JsonSchemaValidator, std::string> from_file(const std::filesystem::path& path);

  JsonSchemaValidator(JsonSchemaValidator&&) noexcept;
  JsonSchemaValidator& operator=(JsonSchemaValidator&&) noexcept;
  ~JsonSchemaValidator();

  // Errors (file left empty) for `root`: one per failing leaf, with the field path and the mark of
  // the offending node. Empty when the document satisfies the schema. A document JSON cannot hold
  // (dates, cycles) is checked on its JSON form with those values as strings.
  std::vector<Diagnostic> validate(const yaml::Node& root) const;

 private:
  struct Impl;
  explicit JsonSchemaValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// The node at `path` under `root`, or the deepest existing ancestor (never null).
const yaml::Node* node_at_path(const yaml::Node& root, const FieldPath& path);

}  // namespace drydock::workers
