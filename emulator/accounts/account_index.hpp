#pragma once
// The account index with upstream's StarfleetDefaultAccountIndex query semantics
// (starfleet-behavior.md §4.3–4.4): case-insensitive names, OUs and tags; the org root from the first
// account's ARN; OUs matched along the full ancestor chain; and upstream's OU-name aliasing bug
// reproduced, so results match production (lints() explains it when it bites).
//
// Accounts are referred to by their position in Organization::accounts (AccountRef); sets of accounts
// are sorted, duplicate-free vectors of positions.

#include <cstdint>
#include <expected>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/accounts/organization.hpp"
#include "workers/diagnostics/diagnostic.hpp"

namespace drydock::emulator {

using AccountRef = std::uint32_t;
using AccountSet = std::vector<AccountRef>;  // sorted by AccountRef, no duplicates

class AccountIndex {
 public:
  // Builds the lookup maps exactly as upstream's _load_inventory does. Fails (with a diagnostic) only
  // where upstream fails: an empty organization, or a first account whose ARN does not parse.
  static std::expected<AccountIndex, std::vector<workers::Diagnostic>> build(Organization org);

  const Organization& organization() const;
  const Account& account(AccountRef ref) const;
  std::size_t size() const;

  // The organization's management account id, from the first account's ARN.
  const std::string& org_root() const;
  // The AccountRef of the org root when it is in the index.
  std::optional<AccountRef> org_root_ref() const;

  AccountSet all_accounts() const;
  AccountSet by_ids(const std::vector<std::string>& ids) const;      // exact; unknown ids dropped
  AccountSet by_names(const std::vector<std::string>& names) const;  // case-insensitive; last duplicate wins
  AccountSet by_ou(std::string_view ou_name_or_id) const;            // upstream's ou_map, bug included
  AccountSet by_tag(std::string_view name, std::string_view value) const;  // case-insensitive
  // Region → accounts enabled there, for every requested region (unknown ones map to an empty set).
  std::map<std::string, AccountSet> by_regions(const std::vector<std::string>& regions) const;
  // Every region any account lists → the accounts enabled there (upstream's get_accounts_for_all_regions).
  const std::map<std::string, AccountSet>& regions_map() const;
  // The account with this exact id, or nullopt (upstream's get_account_names/get_account_tags give
  // None / {} then).
  std::optional<AccountRef> find_id(std::string_view id) const;

  // Warnings about the index itself (file = `display`): OU names that collide (naming the OUs and
  // the accounts upstream's bug leaks into other OUs' results), duplicate account names (the last one
  // wins upstream), SUSPENDED accounts (indexed and tasked upstream).
  std::vector<workers::Diagnostic> lints(const std::string& display) const;

  AccountIndex(AccountIndex&&) noexcept;
  AccountIndex& operator=(AccountIndex&&) noexcept;
  ~AccountIndex();

 private:
  struct Impl;
  explicit AccountIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace drydock::emulator
