// AccountIndex::lints: the traps of upstream's index (starfleet-behavior.md §15 items 1, 12, 13), each
// told with the accounts it affects.
#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "emulator/accounts/account_index_impl.hpp"
#include "emulator/accounts/python_lower.hpp"

namespace drydock::emulator {

namespace {

workers::Diagnostic warning(const std::string& display, workers::FieldPath field, std::string code,
                            std::string message) {
  return {workers::Severity::warning, display, {}, std::move(field), std::move(message), std::move(code)};
}

std::string join_ids(const Organization& org, const AccountSet& set, std::size_t limit = 10) {
  std::string out;
  for (std::size_t k = 0; k < set.size() && k < limit; ++k) {
    out += (k == 0 ? "" : ", ") + org.accounts[set[k]].id;
  }
  if (set.size() > limit) {
    out += ", … (" + std::to_string(set.size()) + " in all)";
  }
  return out;
}

AccountSet minus(const AccountSet& a, const AccountSet& b) {
  AccountSet out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

struct OuKeyInfo {
  std::set<std::string> ids_named;  // OU ids whose (lowered) name is this key
  std::set<std::string> ids_equal;  // OU ids equal (lowered) to this key
  AccountSet correct;               // accounts with a parent whose id or name is this key
  workers::FieldPath first_use;     // where the key first appears as a name
};

void lint_ou_collisions(const IndexData& impl, const std::string& display,
                        std::vector<workers::Diagnostic>& out) {
  std::map<std::string, OuKeyInfo> keys;
  // Thousands of accounts share a few hundred OUs: each distinct (id, name) is lowered and filed
  // once, then every account only adds itself to the two keys' lists (map nodes do not move).
  struct Keys {
    OuKeyInfo* by_id;
    OuKeyInfo* by_name;
  };
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, Keys>> seen;
  const auto& accounts = impl.org.accounts;
  for (AccountRef ref = 0; ref < accounts.size(); ++ref) {
    for (std::size_t p = 0; p < accounts[ref].parents.size(); ++p) {
      const OrgParent& parent = accounts[ref].parents[p];
      auto [it, fresh] = seen[parent.id].try_emplace(parent.name, Keys{nullptr, nullptr});
      if (fresh) {
        it->second.by_id = &keys[python_lower(parent.id)];
        it->second.by_id->ids_equal.insert(parent.id);
        it->second.by_name = &keys[python_lower(parent.name)];
        it->second.by_name->ids_named.insert(parent.id);
      }
      OuKeyInfo& by_id = *it->second.by_id;
      if (by_id.correct.empty() || by_id.correct.back() != ref) {
        by_id.correct.push_back(ref);
      }
      OuKeyInfo& by_name = *it->second.by_name;
      if (by_name.first_use.empty()) {
        by_name.first_use = {"accounts", accounts[ref].id, "Parents", static_cast<std::int64_t>(p), "Name"};
      }
      if (by_name.correct.empty() || by_name.correct.back() != ref) {
        by_name.correct.push_back(ref);
      }
    }
  }
  for (const auto& [key, info] : keys) {
    std::set<std::string> ous = info.ids_named;
    ous.insert(info.ids_equal.begin(), info.ids_equal.end());
    if (ous.size() < 2) {
      continue;  // one OU behind this key: upstream's aliasing is harmless here
    }
    std::string ou_list;
    for (const std::string& id : ous) {
      ou_list += (ou_list.empty() ? "" : ", ") + id;
    }
    std::string message = "OU name '" + key + "' is shared by " + ou_list +
                          "; upstream's ou_map aliasing bug then corrupts ByOrgUnits lookups";
    // Which lookups give a different answer from the correct one (name → union, id → members).
    for (const auto& [other, other_info] : keys) {
      // Only keys tied to these OUs can differ because of them: test that before comparing sets.
      const bool involved = other == key || ous.contains(other) ||
                            std::any_of(other_info.ids_named.begin(), other_info.ids_named.end(),
                                        [&](const std::string& id) { return ous.contains(id); });
      if (!involved) {
        continue;
      }
      static const AccountSet k_none;
      const auto it = impl.ou_map.find(other);
      const AccountSet& upstream = it == impl.ou_map.end() ? k_none : impl.ou_sets[it->second];
      const AccountSet leaked = minus(upstream, other_info.correct);
      const AccountSet missed = minus(other_info.correct, upstream);
      if (leaked.empty() && missed.empty()) {
        continue;
      }
      message += "; '" + other + "' selects";
      if (!leaked.empty()) {
        message += " also " + join_ids(impl.org, leaked);
      }
      if (!missed.empty()) {
        message += std::string(leaked.empty() ? "" : " and") + " not " + join_ids(impl.org, missed);
      }
    }
    message += ". Give each OU a unique name (and no OU a name equal to another OU's id), or select by id.";
    out.push_back(warning(display, info.first_use, "ou-name-collision", std::move(message)));
  }
}

void lint_duplicate_names(const IndexData& impl, const std::string& display,
                          std::vector<workers::Diagnostic>& out) {
  std::map<std::string, AccountSet> by_name;
  const auto& accounts = impl.org.accounts;
  for (AccountRef ref = 0; ref < accounts.size(); ++ref) {
    by_name[python_lower(accounts[ref].name)].push_back(ref);
  }
  for (const auto& [name, refs] : by_name) {
    if (refs.size() < 2) {
      continue;
    }
    const Account& winner = accounts[refs.back()];
    out.push_back(warning(display, {"accounts", winner.id, "Name"}, "duplicate-account-name",
                          "account name '" + winner.name + "' (case-insensitive) is used by " +
                              join_ids(impl.org, refs) + "; upstream's ByNames selects only the last, " +
                              winner.id));
  }
}

void lint_suspended(const IndexData& impl, const std::string& display,
                    std::vector<workers::Diagnostic>& out) {
  for (const Account& account : impl.org.accounts) {
    if (account.status == "SUSPENDED") {
      out.push_back(warning(display, {"accounts", account.id, "Status"}, "suspended-account",
                            "account " + account.id + " ('" + account.name +
                                "') is SUSPENDED; upstream still indexes it and tasks workers for it"));
    }
  }
}

}  // namespace

std::vector<workers::Diagnostic> AccountIndex::lints(const std::string& display) const {
  std::vector<workers::Diagnostic> out;
  lint_ou_collisions(*m_impl, display, out);
  lint_duplicate_names(*m_impl, display, out);
  lint_suspended(*m_impl, display, out);
  return out;
}

}  // namespace drydock::emulator
