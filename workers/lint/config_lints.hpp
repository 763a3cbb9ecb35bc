#pragma once
// Lint warnings for a Starfleet configuration: things upstream accepts that misbehave at runtime
// (starfleet-behavior.md §1.2, §1.3, §2, §7, §15). Warnings never change the exit code unless
// --strict.

#include <vector>

#include "workers/configuration/configuration.hpp"
#include "workers/configuration/configuration_validator.hpp"
#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::workers {

// Warnings (severity warning, `code` and `file` set) for a loaded configuration and the result of
// validating it. Only valid worker stanzas are linted, and disabled ones only for enabled-as-string:
//  enabled-as-string            Enabled is a quoted string: upstream enables the ship whatever it says
//  missing-account-index        STARFLEET has no AccountIndex: upstream's runtime raises KeyError
//  overlapping-template-prefix  two S3-invoked ships whose TemplatePrefixes are string prefixes of
//                               each other: the first in loader order wins the shared templates
//  duplicate-key                a key given twice in one mapping (PyYAML keeps the last value)
// Empty when there is nothing to say.
std::vector<Diagnostic> lint_configuration(const Configuration& config,
                                           const ConfigurationValidation& validation);

}  // namespace drydock::workers
