#pragma once
// Which worker ship a template belongs to, and of which kind it is. A template key is claimed as
// upstream's Starbase claims S3 keys (starfleet-behavior.md §7.2): the first ship, in loader order,
// whose TemplatePrefix equals the key (for a `.yaml` prefix) or is a raw string prefix of it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workers/configuration/configuration_validator.hpp"
#include "workers/project/project_file.hpp"
#include "workers/templates/template_kind.hpp"

namespace drydock::workers {

// The fan-out strategy of upstream's four included ships, by class name; nullopt for others.
std::optional<TemplateKind> included_ship_kind(std::string_view ship);

// True when a ship with `prefix` is handed `key` by the Starbase's S3 matching rule.
bool prefix_claims(std::string_view prefix, std::string_view key);

struct Worker {
  std::string name;
  TemplateKind kind = TemplateKind::single_invocation;
  bool kind_is_default = false;              // neither drydock.yaml nor an included ship said
  const WorkerStanza* stanza = nullptr;      // its configuration (nullptr: none, or invalid)
  const WorkerSettings* settings = nullptr;  // its drydock.yaml entry (nullptr: none)
};

// Workers in loader order: drydock.yaml order first, then configured stanzas it does not list.
// The result points into `stanzas` and `settings`: keep them alive (and unmoved) while it is used.
std::vector<Worker> build_worker_registry(const std::vector<WorkerStanza>& stanzas,
                                          const std::vector<WorkerSettings>& settings);

struct TemplateOwner {
  const Worker* worker = nullptr;       // nullptr: no worker claims the key
  std::vector<const Worker*> shadowed;  // other workers whose prefix also claims it
};

// The worker that claims `key`: among enabled workers with S3 in InvocationSources first (the
// S3 path), else any enabled worker (the timed path), else a disabled one.
TemplateOwner find_template_owner(std::string_view key, const std::vector<Worker>& workers);

}  // namespace drydock::workers
