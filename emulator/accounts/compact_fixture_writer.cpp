#include <map>
#include <string>

#include "emulator/accounts/organization.hpp"
#include "workers/yaml/python_json.hpp"

namespace drydock::emulator {
namespace {

// A YAML double-quoted scalar: JSON's escapes are valid YAML, and quoting keeps ids strings.
std::string yaml_quoted(std::string_view text) {
  std::string out;
  workers::yaml::append_python_string(out, text);
  return out;
}

// "Workloads/Prod" for Parents [Prod, Workloads, ROOT]; "" at the root.
std::string ou_path(const Account& account) {
  std::string path;
  for (auto it = account.parents.rbegin(); it != account.parents.rend(); ++it) {
    if (it->type == "ROOT") {
      continue;
    }
    path += (path.empty() ? "" : "/") + it->name;
  }
  return path;
}

// "arn:aws:organizations::<management>:account/<org id>/<id>" → {management, org id}.
std::pair<std::string, std::string> arn_parts(const std::string& arn) {
  const std::string prefix = "arn:aws:organizations::";
  if (!arn.starts_with(prefix)) {
    return {};
  }
  auto rest = arn.substr(prefix.size());
  auto colon = rest.find(':');
  auto slash = rest.find('/');
  auto slash2 = rest.find('/', slash + 1);
  if (colon == std::string::npos || slash == std::string::npos || slash2 == std::string::npos) {
    return {};
  }
  return {rest.substr(0, colon), rest.substr(slash + 1, slash2 - slash - 1)};
}

}  // namespace

std::string to_compact_yaml(const Organization& org) {
  std::string out =
      "# Compact organization fixture (docs/accounts.md); `drydock org convert` turns it into\n"
      "# upstream's index JSON.\n";
  std::string root_id;
  std::map<std::string, std::string> ous;  // path → id, sorted for a stable file
  for (const auto& account : org.accounts) {
    std::string path;
    for (auto it = account.parents.rbegin(); it != account.parents.rend(); ++it) {
      if (it->type == "ROOT") {
        root_id = it->id;
        continue;
      }
      path += (path.empty() ? "" : "/") + it->name;
      ous.emplace(path, it->id);
    }
  }
  const auto [management, org_id] =
      org.accounts.empty() ? std::pair<std::string, std::string>{} : arn_parts(org.accounts.front().arn);
  out += "organization:\n  id: " + yaml_quoted(org_id) +
         "\n  management_account: " + yaml_quoted(management) + "\n";
  if (!root_id.empty()) {
    out += "  root_id: " + yaml_quoted(root_id) + "\n";
  }
  out += "generated: " + yaml_quoted(org.generated) + "\n";
  if (!ous.empty()) {
    out += "ous:\n";
    for (const auto& [path, id] : ous) {
      out += "  " + yaml_quoted(path) + ": " + yaml_quoted(id) + "\n";
    }
  }
  out += "accounts:\n";
  for (const auto& a : org.accounts) {
    out += "  - id: " + yaml_quoted(a.id) + "\n    name: " + yaml_quoted(a.name) + "\n";
    if (auto path = ou_path(a); !path.empty()) {
      out += "    ou: " + yaml_quoted(path) + "\n";
    }
    if (!a.tags.empty()) {
      out += "    tags: {";
      for (std::size_t i = 0; i < a.tags.size(); ++i) {
        out += (i == 0 ? "" : ", ") + yaml_quoted(a.tags[i].first) + ": " + yaml_quoted(a.tags[i].second);
      }
      out += "}\n";
    }
    out += "    regions: [";
    for (std::size_t i = 0; i < a.regions.size(); ++i) {
      out += (i == 0 ? "" : ", ") + yaml_quoted(a.regions[i]);
    }
    out += "]\n";
    if (a.status != "ACTIVE") {
      out += "    status: " + yaml_quoted(a.status) + "\n";
    }
    out += "    email: " + yaml_quoted(a.email) + "\n";
    out += "    joined_method: " + yaml_quoted(a.joined_method) + "\n";
    out += "    joined_timestamp: " + yaml_quoted(a.joined_timestamp) + "\n";
  }
  return out;
}

}  // namespace drydock::emulator
