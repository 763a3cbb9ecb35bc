#pragma once
// Internal to emulator/sam: reading CloudFormation values out of a loaded template while collecting
// every problem as a Diagnostic (CONVENTIONS.md 8). Intrinsics are recognised in both spellings, the
// short tag (`!GetAtt Q.Arn`, kept by the loader's keep_unknown_local_tags) and the long mapping
// (`{"Fn::GetAtt": ["Q", "Arn"]}`).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::emulator::detail {

// A CloudFormation intrinsic function call.
struct Intrinsic {
  std::string function;  // "Ref", "Fn::GetAtt", "Fn::Sub", ...; empty when the node is a plain value
  const workers::yaml::Node* argument = nullptr;
  // The short form for messages: "!GetAtt", "!Ref".
  std::string short_tag() const;
};

// A queue the template declares, known before any reference to it is read.
struct KnownQueue {
  std::string logical_id;
  std::string name;  // literal QueueName, or the logical id
};

// `path` with `key` appended.
workers::FieldPath child(const workers::FieldPath& path, std::string key);

class TemplateReader {
 public:
  TemplateReader(const workers::yaml::Document& doc, std::string display)
      : m_doc(doc), m_display(std::move(display)) {}

  // Records an error at `at` (the file's start when null).
  void error(const workers::yaml::Node* at, workers::FieldPath field, std::string message);
  // Records an error at `mark`.
  void error_at(workers::Mark mark, workers::FieldPath field, std::string message);
  bool ok() const { return m_diagnostics.empty(); }
  // The problems recorded so far, in the order found; leaves none behind.
  std::vector<workers::Diagnostic> take() { return std::move(m_diagnostics); }

  // The template's Parameters mapping (or nullptr), for `!Ref` to a parameter's Default.
  void set_parameters(const workers::yaml::Node* parameters) { m_parameters = parameters; }
  // The queues queue_reference() may resolve to.
  void set_known_queues(std::vector<KnownQueue> queues) { m_queues = std::move(queues); }

  // The Default of the template Parameter `name`, or nullptr when there is no such parameter or it has
  // no Default.
  const workers::yaml::Node* parameter_default(std::string_view name) const;

  // The intrinsic `node` is a call of, or one with an empty function when it is none.
  Intrinsic intrinsic(const workers::yaml::Node& node) const;

  // The plain value `node` stands for: itself, or the Default of the Parameter a `!Ref` names.
  // Reports and returns nullptr for any other intrinsic (not evaluable without a deployment).
  const workers::yaml::Node* literal(const workers::yaml::Node* node, const workers::FieldPath& field);

  // An int, or a string of decimal digits (CloudFormation accepts both), in [min, max]. Reports "must
  // be an integer<unit> min..max" and returns nullopt otherwise. `unit` is e.g. " number of seconds".
  std::optional<std::int64_t> integer(const workers::yaml::Node* node, const workers::FieldPath& field,
                                      std::int64_t min, std::int64_t max, std::string_view unit = {});
  // A bool, or the string "true"/"false" in any case. Reports and returns nullopt otherwise.
  std::optional<bool> boolean(const workers::yaml::Node* node, const workers::FieldPath& field);
  // A string. Reports and returns nullopt otherwise.
  std::optional<std::string> string(const workers::yaml::Node* node, const workers::FieldPath& field);
  // `node` when it is a mapping (and no intrinsic); reports and returns nullptr otherwise.
  const workers::yaml::Node* mapping(const workers::yaml::Node* node, const workers::FieldPath& field);
  // `node` when it is a sequence (and no intrinsic); reports and returns nullptr otherwise.
  const workers::yaml::Node* sequence(const workers::yaml::Node* node, const workers::FieldPath& field);
  // The value under `key` of `mapping`; reports "missing required key" at `mapping` when absent.
  const workers::yaml::Node* required(const workers::yaml::Node& mapping, std::string_view key,
                                      const workers::FieldPath& field);

  // The logical id of the queue a queue ARN names: `!GetAtt Q.Arn` (any spelling) or a literal
  // `arn:<partition>:sqs:<region>:<account>:<QueueName>` of a queue in the template. Reports and returns
  // nullopt for anything else, naming what was found.
  std::optional<std::string> queue_reference(const workers::yaml::Node* node,
                                             const workers::FieldPath& field);

 private:
  const workers::yaml::Document& m_doc;
  std::string m_display;
  const workers::yaml::Node* m_parameters = nullptr;
  std::vector<KnownQueue> m_queues;
  std::vector<workers::Diagnostic> m_diagnostics;
};

}  // namespace drydock::emulator::detail
