#pragma once
// A configuration directory written to a scratch dir, loaded and validated, for the configuration
// tests. Keeps the loaded documents alive as long as the validation that points into them.
// Header-only: tests/CMakeLists.txt compiles only *_test.cpp files.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/test_support.hpp"
#include "workers/configuration/configuration.hpp"
#include "workers/configuration/configuration_validator.hpp"
#include "workers/diagnostics/error_dict.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::test {

// Tag for ConfigFixture's constructor that reads an existing directory (a path alone would make a
// braced {{"name", "content"}} argument ambiguous).
struct ExistingDir {};
inline constexpr ExistingDir k_existing_dir{};

class ConfigFixture {
 public:
  // Writes `files` (name → content) to a fresh directory, then loads it as "configuration_files"
  // and validates it against the default region universe.
  explicit ConfigFixture(const std::map<std::string, std::string>& files,
                         const std::vector<std::string>& worker_names = {}) {
    for (const auto& [name, content] : files) {
      dir.write(name, content);
    }
    run(dir.path(), worker_names);
  }
  // Loads and validates an existing directory.
  ConfigFixture(ExistingDir, const std::filesystem::path& path,
                const std::vector<std::string>& worker_names = {}) {
    run(path, worker_names);
  }
  ConfigFixture(const ConfigFixture&) = delete;
  ConfigFixture& operator=(const ConfigFixture&) = delete;

  // Upstream's error dict of the validation errors (load errors excluded).
  nlohmann::json errors() const { return workers::to_error_dict(validation.diagnostics); }

  // Diagnostics from loading and validating with the given severity (and lint code, if not empty).
  std::vector<workers::Diagnostic> all(workers::Severity severity, std::string_view code = {}) const {
    std::vector<workers::Diagnostic> out;
    for (const auto* list : {&load.diagnostics, &validation.diagnostics}) {
      for (const auto& d : *list) {
        if (d.severity == severity && (code.empty() || d.code == code)) {
          out.push_back(d);
        }
      }
    }
    return out;
  }
  std::vector<workers::Diagnostic> warnings(std::string_view code = {}) const {
    return all(workers::Severity::warning, code);
  }

  // The single validation diagnostic whose field path formats as `path` ("STARFLEET.SlackEnabled").
  const workers::Diagnostic* find(std::string_view path) const {
    for (const auto& d : validation.diagnostics) {
      if (workers::format_field_path(d.field) == path) {
        return &d;
      }
    }
    return nullptr;
  }

  ScratchDir dir;
  workers::ConfigurationLoad load;
  workers::ConfigurationValidation validation;

 private:
  void run(const std::filesystem::path& path, const std::vector<std::string>& worker_names) {
    load = workers::load_configuration_dir(path, "configuration_files");
    validation =
        workers::validate_configuration(load.config, workers::default_region_universe(), worker_names);
  }
};

// "Must be one of: af-south-1, ... us-west-2." over the default universe, sorted.
inline std::string regions_one_of() {
  std::string out = "Must be one of: ";
  const auto& regions = workers::default_region_universe().sorted();
  for (std::size_t i = 0; i < regions.size(); ++i) {
    out += (i == 0 ? "" : ", ") + regions[i];
  }
  return out + ".";
}

// A valid STARFLEET stanza (AccountIndex set, no Slack), to which tests append lines.
inline constexpr std::string_view k_starfleet_yaml =
    "STARFLEET:\n"
    "  DeploymentRegion: us-east-2\n"
    "  TemplateBucket: template-bucket\n"
    "  FanOutQueueUrl: https://sqs.amazonaws.com/fanout-queue\n"
    "  AccountIndex: StarfleetDefaultAccountIndex\n";

// Upstream's C0 worker configuration (tests/worker_ship_utils/conftest.py), indented under a ship.
inline constexpr std::string_view k_c0_yaml =
    "  Enabled: False\n"
    "  TemplatePrefix: somePrefix/\n"
    "  InvocationQueueUrl: https://sqs.amazonaws.com/SomeQueueUrl\n"
    "  InvocationSources: [S3, EVENTBRIDGE_TIMED_EVENT]\n"
    "  EventBridgeTimedFrequency: HOURLY\n";

// A one-file configuration directory.
inline std::map<std::string, std::string> one_file(const std::string& name, const std::string& content) {
  return {{name, content}};
}

// A one-file configuration: the valid STARFLEET stanza followed by `rest`.
inline std::map<std::string, std::string> with_starfleet(std::string_view rest) {
  return {{"configuration.yaml", std::string(k_starfleet_yaml) + std::string(rest)}};
}

}  // namespace drydock::test
