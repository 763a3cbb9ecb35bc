#include "workers/schema/json_schema_validator.hpp"

// A malformed schema must be an error message, not abort() (valijson's default).
#ifndef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#endif
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::workers {

struct JsonSchemaValidator::Impl {
  nlohmann::json source;  // kept alive: valijson may refer into it
  valijson::Schema schema;
};

JsonSchemaValidator::JsonSchemaValidator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
JsonSchemaValidator::JsonSchemaValidator(JsonSchemaValidator&&) noexcept = default;
JsonSchemaValidator& JsonSchemaValidator::operator=(JsonSchemaValidator&&) noexcept = default;
JsonSchemaValidator::~JsonSchemaValidator() = default;

std::expected<JsonSchemaValidator, std::string> JsonSchemaValidator::from_json(const nlohmann::json& schema) {
  auto impl = std::make_unique<Impl>();
  impl->source = schema;
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(impl->source);
    parser.populateSchema(adapter, impl->schema);
  } catch (const std::exception& e) {
    return std::unexpected(std::string("not a usable JSON Schema: ") + e.what());
  }
  return JsonSchemaValidator(std::move(impl));
}

std::expected<JsonSchemaValidator, std::string> JsonSchemaValidator::from_file(
    const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected("cannot read " + path.string());
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  auto doc = yaml::load(buf.str());  // JSON is YAML; this also gives YAML schemas for free
  if (!doc) {
    return std::unexpected(path.string() + ":" + std::to_string(doc.error().mark.line) + ": " +
                           doc.error().message);
  }
  auto json = yaml::to_json(*doc->root());
  if (!json) {
    return std::unexpected(path.string() + ": " + json.error().message);
  }
  return from_json(nlohmann::json::parse(json->dump()));
}

const yaml::Node* node_at_path(const yaml::Node& root, const FieldPath& path) {
  const yaml::Node* at = &root;
  for (const auto& element : path) {
    const yaml::Node* next = nullptr;
    if (const auto* key = std::get_if<std::string>(&element)) {
      next = at->find(*key);
    } else {
      auto index = static_cast<std::size_t>(std::get<std::int64_t>(element));
      if (at->type == yaml::Type::sequence && index < at->items.size()) {
        next = at->items[index];
      }
    }
    if (next == nullptr) {
      return at;
    }
    at = next;
  }
  return at;
}

namespace {

// valijson contexts look like ["<root>", "[IncludeAccounts]", "[0]"]; brackets hold either a
// property name or an array index, which only the document can tell apart.
FieldPath to_field_path(const yaml::Node& root, const std::vector<std::string>& context) {
  FieldPath path;
  const yaml::Node* at = &root;
  for (const auto& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') {
      continue;
    }
    std::string inner = part.substr(1, part.size() - 2);
    if (at != nullptr && at->type == yaml::Type::sequence && !inner.empty() &&
        inner.find_first_not_of("0123456789") == std::string::npos) {
      auto index = std::stoll(inner);
      path.emplace_back(static_cast<std::int64_t>(index));
      at = static_cast<std::size_t>(index) < at->items.size() ? at->items[static_cast<std::size_t>(index)]
                                                              : nullptr;
    } else {
      path.emplace_back(inner);
      at = at != nullptr ? at->find(inner) : nullptr;
    }
  }
  return path;
}

// valijson repeats each failure once per enclosing property or item with one of these wrappers;
// the inner error already says what is wrong, and where.
bool is_wrapper(const std::string& description) {
  for (std::string_view prefix :
       {"Failed to validate against schema associated with property name", "Failed to validate item #",
        "Failed to validate against schema associated with pattern",
        "Failed to validate against additional properties schema"}) {
    if (description.starts_with(prefix)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Diagnostic> JsonSchemaValidator::validate(const yaml::Node& root) const {
  std::vector<Diagnostic> out;
  auto json = yaml::to_json(root);
  if (!json) {
    Diagnostic d;
    d.mark = json.error().mark;
    d.field = json.error().field;
    d.message = "cannot check the template against the worker's JSON Schema: " + json.error().message;
    out.push_back(std::move(d));
    return out;
  }
  nlohmann::json target = nlohmann::json::parse(json->dump());
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(target);
  if (validator.validate(m_impl->schema, adapter, &results)) {
    return out;
  }
  std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
  for (const auto& error : errors) {
    if (is_wrapper(error.description)) {
      continue;
    }
    Diagnostic d;
    d.field = to_field_path(root, error.context);
    const bool repeated = std::any_of(out.begin(), out.end(), [&](const Diagnostic& seen) {
      return seen.field == d.field && seen.message == error.description;
    });
    if (repeated) {
      continue;
    }
    d.mark = node_at_path(root, d.field)->mark;
    d.message = error.description;
    d.code = "template-schema";
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace drydock::workers
