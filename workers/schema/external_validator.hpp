#pragma once
// A worker's `validate_command:` (drydock.yaml): for teams whose template schemas live in Python.
// The command gets the template's bytes on stdin and prints upstream's error dict as JSON — exactly
// what `print(json.dumps(MyPayloadTemplate().validate(yaml.safe_load(sys.stdin))))` prints — so a
// marshmallow schema can be reused unchanged. `{}` or empty output with exit 0 means valid.
// See docs/validate.md for the protocol.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/process/process_runner.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

struct ExternalValidatorRequest {
  std::vector<std::string> argv;     // no shell
  std::filesystem::path cwd;         // the project root
  std::string_view template_bytes;   // fed on stdin
  const yaml::Node* root = nullptr;  // the loaded template, to place errors on lines
  std::chrono::milliseconds timeout{30'000};
};

// Errors reported by the command (file left empty, code "validate-command"), or one error saying
// why the command itself failed (could not start, timed out, non-zero exit without a JSON report,
// output that is not an error dict).
std::vector<Diagnostic> run_external_validator(ProcessRunner& runner,
                                               const ExternalValidatorRequest& request);

// Flattens a marshmallow-style error dict into diagnostics placed on `root` (exposed for tests).
std::vector<Diagnostic> error_dict_to_diagnostics(const nlohmann::json& dict, const yaml::Node& root);

}  // namespace drydock::workers
