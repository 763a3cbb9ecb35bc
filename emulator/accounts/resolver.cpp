// Upstream's starfleet.account_index.resolvers over AccountIndex (starfleet-behavior.md §5). Sets are
// sorted vectors of AccountRef, so every step is a linear merge and the results are deterministic.

#include "emulator/accounts/resolver.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace drydock::emulator {
namespace {

AccountSet set_union(const AccountSet& a, const AccountSet& b) {
  AccountSet out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

AccountSet set_difference(const AccountSet& a, const AccountSet& b) {
  AccountSet out;
  out.reserve(a.size());
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// resolve_account_specification: the union of every selector (OR semantics). Upstream turns the id,
// name and OU lists into sets first; duplicates cannot change a union, so the lists are used as given.
AccountSet resolve_account_specification(const AccountIndex& index,
                                         const workers::AccountsSpecification& spec) {
  AccountSet out = set_union(index.by_ids(spec.by_ids), index.by_names(spec.by_names));
  for (const std::string& ou : spec.by_org_units) {
    out = set_union(out, index.by_ou(ou));
  }
  for (const workers::AccountTag& tag : spec.by_tags) {
    out = set_union(out, index.by_tag(tag.name, tag.value));
  }
  return out;
}

// The template's regions minus its excluded regions, both sorted sets already.
std::vector<std::string> requested_regions(const workers::LoadedTemplate& t) {
  std::vector<std::string> include = t.include_regions;
  std::sort(include.begin(), include.end());
  include.erase(std::unique(include.begin(), include.end()), include.end());
  std::set<std::string> exclude(t.exclude_regions.begin(), t.exclude_regions.end());
  std::vector<std::string> out;
  out.reserve(include.size());
  for (std::string& region : include) {
    if (!exclude.contains(region)) {
      out.push_back(std::move(region));
    }
  }
  return out;
}

}  // namespace

AccountSet resolve_include_exclude(const AccountIndex& index, const workers::LoadedTemplate& t) {
  AccountSet included = t.include_accounts.all_accounts
                            ? index.all_accounts()
                            : resolve_account_specification(index, t.include_accounts);
  // Exclusion always wins; an empty (or absent) ExcludeAccounts resolves to nothing.
  return set_difference(included, resolve_account_specification(index, t.exclude_accounts));
}

AccountSet resolve_worker_template_accounts(const AccountIndex& index, const workers::LoadedTemplate& t) {
  AccountSet accounts = resolve_include_exclude(index, t);
  if (t.operate_in_org_root) {
    return accounts;
  }
  // Upstream removes the org root by id; the root is at most one entry in the index.
  const std::string& root = index.org_root();
  std::erase_if(accounts, [&](AccountRef ref) { return index.account(ref).id == root; });
  return accounts;
}

std::vector<AccountRegions> resolve_worker_template_account_regions(
    const AccountIndex& index, const workers::LoadedTemplate& t,
    const std::vector<std::string>& scope_to_regions, bool org_root_check) {
  const AccountSet accounts =
      org_root_check ? resolve_worker_template_accounts(index, t) : resolve_include_exclude(index, t);

  std::vector<AccountRegions> out;
  out.reserve(accounts.size());
  for (AccountRef ref : accounts) {
    out.push_back(AccountRegions{ref, {}});
  }
  std::sort(out.begin(), out.end(), [&](const AccountRegions& a, const AccountRegions& b) {
    const std::string& ia = index.account(a.account).id;
    const std::string& ib = index.account(b.account).id;
    return ia != ib ? ia < ib : a.account < b.account;
  });

  // Where each resolved account sits in `out`, so each region's account set is walked once.
  constexpr std::size_t k_absent = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> slot(index.size(), k_absent);
  for (std::size_t i = 0; i < out.size(); ++i) {
    slot[out[i].account] = i;
  }

  const std::set<std::string> scope(scope_to_regions.begin(), scope_to_regions.end());
  std::vector<std::string> regions = requested_regions(t);
  if (!scope.empty()) {
    std::erase_if(regions, [&](const std::string& r) { return !scope.contains(r); });
  }
  // Which of `regions` each resolved account is enabled in, one bit each; accounts with the same
  // bits then share one list. Regions are in sorted order, so every list comes out sorted.
  const std::map<std::string, AccountSet>& enabled = index.regions_map();
  const std::size_t words = (regions.size() + 63) / 64;
  std::vector<std::uint64_t> bits(out.size() * words, 0);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const auto it = enabled.find(regions[r]);
    if (it == enabled.end()) {
      continue;
    }
    for (AccountRef ref : it->second) {
      if (ref < slot.size() && slot[ref] != k_absent) {
        bits[slot[ref] * words + r / 64] |= std::uint64_t{1} << (r % 64);
      }
    }
  }
  std::map<std::string_view, RegionList> lists;  // the bits (as bytes) -> the list they stand for
  const auto* all_bits = reinterpret_cast<const char*>(bits.data());
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string_view key(all_bits + i * words * sizeof(std::uint64_t), words * sizeof(std::uint64_t));
    auto [it, fresh] = lists.try_emplace(key);
    if (fresh) {
      std::vector<std::string> names;
      for (std::size_t r = 0; r < regions.size(); ++r) {
        if ((bits[i * words + r / 64] >> (r % 64)) & 1U) {
          names.push_back(regions[r]);
        }
      }
      it->second = RegionList(std::move(names));
    }
    out[i].regions = it->second;
  }
  return out;
}

}  // namespace drydock::emulator
