#pragma once
// Small random organizations and loaded templates for the property tests, and a straightforward
// reference model of upstream's resolvers (starfleet-behavior.md §4.3–4.4, §5) written with
// std::set<std::string> and plain loops.
//
// OU names are unique and never equal to another OU's id, so upstream's ou_map aliasing bug does not
// bite and the reference can use the correct semantics (the bug has its own tests in account_index).

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "emulator/accounts/organization.hpp"
#include "workers/templates/template_validator.hpp"

namespace drydock::test::resolution {

inline std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

inline std::string random_case(std::string s, std::mt19937_64& rng) {
  for (char& c : s) {
    if (rng() % 2 == 0) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return s;
}

// The pool every random choice draws from, so templates hit and miss the org.
struct RandomOrg {
  emulator::Organization org;
  std::string root_id;                   // from the first account's ARN; maybe not in the org
  std::vector<emulator::OrgParent> ous;  // every OU, and the ROOT last
  std::vector<std::string> regions;      // region names accounts may enable (universe + one extra)
};

inline RandomOrg random_org(std::uint64_t seed, const std::vector<std::string>& universe) {
  std::mt19937_64 rng(seed);
  RandomOrg out;
  out.regions = universe;
  out.regions.emplace_back("xx-extra-1");

  const std::size_t n_ous = 1 + rng() % 5;
  std::vector<std::size_t> parent_of(n_ous);  // n_ous = the root
  for (std::size_t i = 0; i < n_ous; ++i) {
    out.ous.push_back(
        {"ou-abcd-" + std::to_string(1000 + i), "Unit" + std::to_string(i), "ORGANIZATIONAL_UNIT"});
    parent_of[i] = i == 0 ? n_ous : rng() % (i + 1) == i ? n_ous : rng() % i;
  }
  out.ous.push_back({"r-ab12", "ROOT", "ROOT"});

  const std::size_t n_accounts = 1 + rng() % 12;
  std::set<std::string> used_ids;
  for (std::size_t i = 0; i < n_accounts; ++i) {
    emulator::Account a;
    do {
      a.id = std::to_string(100000000000ULL + rng() % 900ULL);
    } while (!used_ids.insert(a.id).second);
    a.name = "Acct " + std::to_string(rng() % (n_accounts + 2));  // duplicate names happen
    std::size_t at = rng() % (n_ous + 1);
    while (at != n_ous) {
      a.parents.push_back(out.ous[at]);
      at = parent_of[at];
    }
    a.parents.push_back(out.ous[n_ous]);
    for (int k = 1; k <= 3; ++k) {
      if (rng() % 2 == 0) {
        a.tags.emplace_back("Key" + std::to_string(k), "Val" + std::to_string(rng() % 3));
      }
    }
    for (const std::string& r : out.regions) {
      if (rng() % 4 != 0) {
        a.regions.push_back(r);
      }
    }
    out.org.accounts.push_back(std::move(a));
  }
  // The org root: one of the accounts, or an account outside the index.
  out.root_id = rng() % 4 == 0 ? std::string("999999999999") : out.org.accounts[rng() % n_accounts].id;
  for (auto& a : out.org.accounts) {
    a.arn = "arn:aws:organizations::" + out.root_id + ":account/o-abc/" + a.id;
  }
  return out;
}

inline workers::AccountsSpecification random_spec(const RandomOrg& o, std::mt19937_64& rng, bool include) {
  workers::AccountsSpecification s;
  s.all_accounts = include && rng() % 5 == 0;
  if (s.all_accounts) {
    return s;
  }
  const auto& accounts = o.org.accounts;
  for (std::size_t k = rng() % 3; k > 0; --k) {
    s.by_ids.push_back(rng() % 5 == 0 ? std::string("000000000000") : accounts[rng() % accounts.size()].id);
  }
  for (std::size_t k = rng() % 3; k > 0; --k) {
    s.by_names.push_back(rng() % 5 == 0 ? std::string("nobody")
                                        : random_case(accounts[rng() % accounts.size()].name, rng));
  }
  for (std::size_t k = rng() % 2; k > 0; --k) {
    const auto& ou = o.ous[rng() % o.ous.size()];
    s.by_org_units.push_back(random_case(rng() % 2 == 0 ? ou.id : ou.name, rng));
  }
  for (std::size_t k = rng() % 2; k > 0; --k) {
    s.by_tags.push_back({random_case("Key" + std::to_string(1 + rng() % 3), rng),
                         random_case("Val" + std::to_string(rng() % 3), rng)});
  }
  return s;
}

inline std::vector<std::string> random_regions(const std::vector<std::string>& universe, std::mt19937_64& rng,
                                               unsigned one_in) {
  std::vector<std::string> out;
  for (const std::string& r : universe) {
    if (rng() % one_in == 0) {
      out.push_back(r);
    }
  }
  return out;  // sorted, as the universe is
}

inline workers::LoadedTemplate random_template(const RandomOrg& o, const std::vector<std::string>& universe,
                                               std::mt19937_64& rng) {
  workers::LoadedTemplate t;
  t.kind = workers::TemplateKind::account_region;
  t.include_accounts = random_spec(o, rng, true);
  t.exclude_accounts = random_spec(o, rng, false);
  t.operate_in_org_root = rng() % 2 == 0;
  t.include_regions = rng() % 3 == 0 ? universe : random_regions(universe, rng, 3);
  t.exclude_regions = random_regions(universe, rng, 6);
  return t;
}

// ---- the reference model -------------------------------------------------------------------------

inline std::set<std::string> ref_spec(const emulator::Organization& org,
                                      const workers::AccountsSpecification& s, bool include) {
  std::set<std::string> out;
  if (include && s.all_accounts) {
    for (const auto& a : org.accounts) {
      out.insert(a.id);
    }
    return out;
  }
  std::map<std::string, std::string> alias;  // last writer wins
  for (const auto& a : org.accounts) {
    alias[lower(a.name)] = a.id;
  }
  for (const std::string& name : s.by_names) {
    if (alias.contains(lower(name))) {
      out.insert(alias[lower(name)]);
    }
  }
  for (const auto& a : org.accounts) {
    if (std::find(s.by_ids.begin(), s.by_ids.end(), a.id) != s.by_ids.end()) {
      out.insert(a.id);
    }
    for (const std::string& ou : s.by_org_units) {
      for (const auto& p : a.parents) {
        if (lower(p.id) == lower(ou) || lower(p.name) == lower(ou)) {
          out.insert(a.id);
        }
      }
    }
    for (const auto& tag : s.by_tags) {
      for (const auto& [name, value] : a.tags) {
        if (lower(name) == lower(tag.name) && lower(value) == lower(tag.value)) {
          out.insert(a.id);
        }
      }
    }
  }
  return out;
}

inline std::set<std::string> ref_accounts(const RandomOrg& o, const workers::LoadedTemplate& t,
                                          bool root_check) {
  std::set<std::string> out;
  const auto exclude = ref_spec(o.org, t.exclude_accounts, false);
  for (const std::string& id : ref_spec(o.org, t.include_accounts, true)) {
    if (!exclude.contains(id) && (!root_check || t.operate_in_org_root || id != o.root_id)) {
      out.insert(id);
    }
  }
  return out;
}

inline std::map<std::string, std::set<std::string>> ref_account_regions(const RandomOrg& o,
                                                                        const workers::LoadedTemplate& t,
                                                                        const std::vector<std::string>& scope,
                                                                        bool root_check) {
  std::map<std::string, std::set<std::string>> out;
  for (const std::string& id : ref_accounts(o, t, root_check)) {
    auto& regions = out[id];
    for (const auto& a : o.org.accounts) {
      if (a.id != id) {
        continue;
      }
      for (const std::string& r : a.regions) {
        const bool included =
            std::find(t.include_regions.begin(), t.include_regions.end(), r) != t.include_regions.end();
        const bool excluded =
            std::find(t.exclude_regions.begin(), t.exclude_regions.end(), r) != t.exclude_regions.end();
        const bool scoped = scope.empty() || std::find(scope.begin(), scope.end(), r) != scope.end();
        if (included && !excluded && scoped) {
          regions.insert(r);
        }
      }
    }
  }
  return out;
}

}  // namespace drydock::test::resolution
