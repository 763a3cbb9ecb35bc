#include "workers/lint/config_lints.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "workers/configuration/worker_stanza.hpp"
#include "workers/lint/duplicate_key_lint.hpp"
#include "workers/marshmallow/fields.hpp"
#include "workers/marshmallow/messages.hpp"

namespace drydock::workers {
namespace {

using yaml::Node;

Diagnostic warning(std::string file, Mark mark, FieldPath path, std::string message, std::string code) {
  return {Severity::warning, std::move(file), mark, std::move(path), std::move(message), std::move(code)};
}

void lint_duplicate_keys(const Configuration& config, std::vector<Diagnostic>& out) {
  for (const auto& source : config.sources) {
    auto found = workers::lint_duplicate_keys(source.doc, source.display);
    out.insert(out.end(), found.begin(), found.end());
  }
}

void lint_account_index(const Configuration& config, std::vector<Diagnostic>& out) {
  const TopLevelEntry* starfleet = config.find("STARFLEET");
  if (starfleet == nullptr || starfleet->value->type != yaml::Type::mapping) {
    return;
  }
  const Node* index = starfleet->value->find("AccountIndex");
  if (index != nullptr && index->type == yaml::Type::string &&
      index->text == "StarfleetDefaultAccountIndex" &&
      config.find("StarfleetDefaultAccountIndex") == nullptr) {
    out.push_back(warning(
        config.file_of(*starfleet), index->mark, {std::string("STARFLEET"), std::string("AccountIndex")},
        "StarfleetDefaultAccountIndex needs a top-level StarfleetDefaultAccountIndex stanza "
        "(IndexBucket, BucketRegion); without it upstream raises MissingConfigurationError "
        "whenever the Starbase tasks an ACCOUNT or ACCOUNT_REGION template",
        "missing-account-index"));
    return;
  }
  if (index != nullptr) {
    return;
  }
  out.push_back(
      warning(config.file_of(*starfleet), starfleet->value->mark, {std::string("STARFLEET")},
              "no AccountIndex: upstream's schema default (StarfleetDefaultAccountIndex) is never "
              "applied at runtime, so the Starbase fails with KeyError: 'AccountIndex' when it loads "
              "the account index; write AccountIndex: StarfleetDefaultAccountIndex",
              "missing-account-index"));
}

void lint_enabled_string(const Configuration& config, const WorkerStanza& worker,
                         std::vector<Diagnostic>& out) {
  const Node* enabled = worker.node->find("Enabled");
  if (enabled->type != yaml::Type::string) {
    return;
  }
  const bool schema_reads = marshmallow::boolean_value(*enabled).value_or(true);
  auto message = schema_reads
                     ? fmt::format(
                           "Enabled is the string \"{}\", not a boolean: upstream enables the ship because "
                           "a non-empty string is true; write Enabled: True without quotes",
                           enabled->text)
                     : fmt::format(
                           "Enabled is the string \"{}\": upstream's schema accepts it as false, but its "
                           "loader checks the raw value's truthiness and a non-empty string is true, so "
                           "this ship is ENABLED; write Enabled: False without quotes",
                           enabled->text);
  out.push_back(warning(config.sources[worker.source].display, enabled->mark,
                        {worker.name, std::string("Enabled")}, std::move(message), "enabled-as-string"));
}

bool invoked_by_s3(const WorkerStanza& worker) {
  return std::find(worker.invocation_sources.begin(), worker.invocation_sources.end(),
                   InvocationSource::s3) != worker.invocation_sources.end();
}

// Upstream gives an S3 template to the first loaded ship (in loader order) whose raw TemplatePrefix
// the key starts with; there is no path-boundary check.
void lint_overlapping_prefixes(const Configuration& config, const std::vector<const WorkerStanza*>& workers,
                               std::vector<Diagnostic>& out) {
  for (std::size_t later = 0; later < workers.size(); ++later) {
    const auto& b = *workers[later];
    for (std::size_t earlier = 0; earlier < later; ++earlier) {
      const auto& a = *workers[earlier];
      std::string message;
      if (b.template_prefix.starts_with(a.template_prefix)) {
        message = fmt::format(
            "TemplatePrefix \"{}\" starts with {}'s TemplatePrefix \"{}\": upstream gives an S3 template to "
            "the "
            "first ship in loader order whose prefix the key starts with, so {} wins every template under "
            "\"{}\" "
            "and {} gets none through S3",
            b.template_prefix, a.name, a.template_prefix, a.name, b.template_prefix, b.name);
      } else if (a.template_prefix.starts_with(b.template_prefix)) {
        message = fmt::format(
            "{}'s TemplatePrefix \"{}\" starts with TemplatePrefix \"{}\": upstream gives an S3 template to "
            "the "
            "first ship in loader order whose prefix the key starts with, so templates under \"{}\" go to "
            "{}, and "
            "{} gets only the others",
            a.name, a.template_prefix, b.template_prefix, a.template_prefix, a.name, b.name);
      } else {
        continue;
      }
      out.push_back(warning(config.sources[b.source].display, b.node->find("TemplatePrefix")->mark,
                            {b.name, std::string("TemplatePrefix")}, std::move(message),
                            "overlapping-template-prefix"));
    }
  }
}

}  // namespace

std::vector<Diagnostic> lint_configuration(const Configuration& config,
                                           const ConfigurationValidation& validation) {
  std::vector<Diagnostic> out;
  lint_duplicate_keys(config, out);
  lint_account_index(config, out);
  std::vector<const WorkerStanza*> s3_workers;
  for (const auto& worker : validation.workers) {
    lint_enabled_string(config, worker, out);
    if (!worker.enabled) {
      continue;  // upstream skips disabled ships entirely
    }
    if (invoked_by_s3(worker)) {
      s3_workers.push_back(&worker);
    }
  }
  lint_overlapping_prefixes(config, s3_workers, out);
  return out;
}

}  // namespace drydock::workers
