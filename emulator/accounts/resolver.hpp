#pragma once
// Which accounts, and which account/region pairs, a loaded template targets — upstream's
// starfleet.account_index.resolvers (starfleet-behavior.md §5), deterministic: accounts sorted by
// id, regions sorted by name.

#include <string>
#include <vector>

#include "emulator/accounts/account_index.hpp"
#include "workers/templates/template_validator.hpp"

namespace drydock::emulator {

// resolve_include_exclude: include (AllAccounts, or the union of ids, names, OUs and tags) minus exclude.
AccountSet resolve_include_exclude(const AccountIndex& index, const workers::LoadedTemplate& t);

// resolve_worker_template_accounts: the above, minus the org root unless OperateInOrgRoot.
AccountSet resolve_worker_template_accounts(const AccountIndex& index, const workers::LoadedTemplate& t);

struct AccountRegions {
  AccountRef account = 0;
  RegionList regions;  // sorted; may be empty (the account is kept, as upstream keeps it); shared
                       // with the previous account when the same
};

// resolve_worker_template_account_regions: for every resolved account (sorted by account id), the
// included regions minus the excluded, where the account is enabled, narrowed by ScopeToRegions
// (STARFLEET.ScopeToRegions; empty = no narrowing).
std::vector<AccountRegions> resolve_worker_template_account_regions(
    const AccountIndex& index, const workers::LoadedTemplate& t,
    const std::vector<std::string>& scope_to_regions, bool org_root_check = true);

}  // namespace drydock::emulator
