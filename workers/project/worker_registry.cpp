#include "workers/project/worker_registry.hpp"

#include <algorithm>

namespace drydock::workers {

std::optional<TemplateKind> included_ship_kind(std::string_view ship) {
  if (ship == "AccountIndexGeneratorShip" || ship == "GitHubSyncWorkerShip") {
    return TemplateKind::single_invocation;
  }
  if (ship == "AwsConfigWorkerShip") {
    return TemplateKind::account_region;
  }
  if (ship == "IamRoleWorkerShip") {
    return TemplateKind::account;
  }
  return std::nullopt;
}

bool prefix_claims(std::string_view prefix, std::string_view key) {
  return (prefix.ends_with(".yaml") && prefix == key) || key.starts_with(prefix);
}

std::vector<Worker> build_worker_registry(const std::vector<WorkerStanza>& stanzas,
                                          const std::vector<WorkerSettings>& settings) {
  std::vector<Worker> workers;
  auto add = [&](const std::string& name) {
    if (std::any_of(workers.begin(), workers.end(), [&](const Worker& w) { return w.name == name; })) {
      return;
    }
    Worker w;
    w.name = name;
    for (const auto& s : stanzas) {
      if (s.name == name) {
        w.stanza = &s;
      }
    }
    for (const auto& s : settings) {
      if (s.name == name) {
        w.settings = &s;
      }
    }
    if (w.settings != nullptr && w.settings->fan_out) {
      w.kind = *w.settings->fan_out;
    } else if (auto known = included_ship_kind(name)) {
      w.kind = *known;
    } else {
      w.kind_is_default = true;
    }
    workers.push_back(std::move(w));
  };
  for (const auto& s : settings) {
    add(s.name);
  }
  for (const auto& s : stanzas) {
    add(s.name);
  }
  return workers;
}

TemplateOwner find_template_owner(std::string_view key, const std::vector<Worker>& workers) {
  auto has_s3 = [](const Worker& w) {
    return std::find(w.stanza->invocation_sources.begin(), w.stanza->invocation_sources.end(),
                     InvocationSource::s3) != w.stanza->invocation_sources.end();
  };
  std::vector<const Worker*> claimants;
  for (const auto& w : workers) {
    if (w.stanza != nullptr && prefix_claims(w.stanza->template_prefix, key)) {
      claimants.push_back(&w);
    }
  }
  TemplateOwner owner;
  auto pick = [&](auto&& accept) {
    for (const auto* w : claimants) {
      if (owner.worker == nullptr && accept(*w)) {
        owner.worker = w;
      }
    }
  };
  pick([&](const Worker& w) { return w.stanza->enabled && has_s3(w); });
  pick([&](const Worker& w) { return w.stanza->enabled; });
  pick([&](const Worker&) { return true; });
  for (const auto* w : claimants) {
    if (w != owner.worker) {
      owner.shadowed.push_back(w);
    }
  }
  return owner;
}

}  // namespace drydock::workers
