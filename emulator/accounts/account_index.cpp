// AccountIndex::build follows upstream's StarfleetDefaultAccountIndex._load_inventory step by step
// (starfleet-behavior.md §4.3), including the ou_map aliasing bug; queries follow §4.4.
#include "emulator/accounts/account_index.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

#include "emulator/accounts/account_index_impl.hpp"
#include "emulator/accounts/python_lower.hpp"

namespace drydock::emulator {

namespace {

// Accounts are added in ascending AccountRef order, so appending keeps every set sorted.
void add_to(AccountSet& set, AccountRef ref) {
  if (set.empty() || set.back() != ref) {
    set.push_back(ref);
  }
}

workers::Diagnostic build_error(workers::FieldPath field, std::string message) {
  workers::Diagnostic d;
  d.field = std::move(field);
  d.message = std::move(message);
  return d;
}

// upstream: Arn.split("arn:aws:organizations::")[1].split(":")[0]
std::optional<std::string> org_root_from_arn(const std::string& arn) {
  static constexpr std::string_view k_prefix = "arn:aws:organizations::";
  const auto at = arn.find(k_prefix);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  const auto start = at + k_prefix.size();
  const auto end = arn.find(':', start);
  return arn.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::size_t ou_slot(IndexData& impl, const std::string& key) {
  if (const auto it = impl.ou_map.find(key); it != impl.ou_map.end()) {
    return it->second;
  }
  impl.ou_sets.emplace_back();  // upstream: ou_map.get(key, set()) — a fresh, unshared set
  return impl.ou_sets.size() - 1;
}

// The lowered id and name of each parent in a parents list, worked out once per list that
// accounts share (they share the list of the OU they sit in).
using LoweredParents = std::vector<std::pair<std::string, std::string>>;

const LoweredParents& lowered_parents(std::unordered_map<const void*, LoweredParents>& cache,
                                      const SharedList<OrgParent>& parents) {
  auto [it, fresh] = cache.try_emplace(parents.identity());
  if (fresh) {
    for (const OrgParent& parent : parents) {
      it->second.emplace_back(python_lower(parent.id), python_lower(parent.name));
    }
  }
  return it->second;
}

void add_parents(IndexData& impl, const LoweredParents& parents, AccountRef ref) {
  for (const auto& [id_key, name_key] : parents) {
    const std::size_t id_set = ou_slot(impl, id_key);
    const std::size_t name_set = ou_slot(impl, name_key);
    add_to(impl.ou_sets[id_set], ref);
    add_to(impl.ou_sets[name_set], ref);  // may be another OU's set that this name key aliases
    impl.ou_map[id_key] = id_set;
    impl.ou_map[name_key] = id_set;  // upstream's bug: the name key takes the id's set
  }
}

}  // namespace

AccountIndex::AccountIndex(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
AccountIndex::AccountIndex(AccountIndex&&) noexcept = default;
AccountIndex& AccountIndex::operator=(AccountIndex&&) noexcept = default;
AccountIndex::~AccountIndex() = default;

std::expected<AccountIndex, std::vector<workers::Diagnostic>> AccountIndex::build(Organization org) {
  if (org.accounts.empty()) {
    return std::unexpected(std::vector{
        build_error({"accounts"},
                    "the account index has no accounts (upstream fails with StopIteration: the org root "
                    "comes from the first account's ARN)")});
  }
  if (org.accounts.size() > std::numeric_limits<AccountRef>::max()) {
    return std::unexpected(std::vector{build_error({"accounts"}, "too many accounts")});
  }
  const Account& first = org.accounts.front();
  auto root = org_root_from_arn(first.arn);
  if (!root) {
    return std::unexpected(std::vector{build_error(
        {"accounts", first.id, "Arn"},
        "the first account's ARN '" + first.arn +
            "' has no 'arn:aws:organizations::' prefix, so upstream cannot find the org root (IndexError); "
            "only the aws partition is supported")});
  }

  auto impl = std::make_unique<Impl>();
  impl->org_root = std::move(*root);
  impl->org = std::move(org);
  const auto& accounts = impl->org.accounts;
  impl->ids.reserve(accounts.size());
  impl->alias.reserve(accounts.size());
  // Accounts mostly list the same regions in the same order: remember the previous account's slots
  // (and skip even comparing the names when the account shares the previous account's list).
  std::vector<std::pair<const std::string*, AccountSet*>> region_slots;
  const RegionList* slotted = nullptr;
  std::unordered_map<const void*, LoweredParents> parents_cache;
  for (AccountRef ref = 0; ref < accounts.size(); ++ref) {
    const Account& account = accounts[ref];
    add_to(impl->ids[account.id], ref);
    impl->alias[python_lower(account.name)] = ref;  // last writer wins
    const bool same_list = slotted != nullptr && account.regions.shares_with(*slotted);
    for (std::size_t k = 0; k < account.regions.size(); ++k) {
      const std::string& region = account.regions[k];
      if (k >= region_slots.size()) {
        region_slots.resize(k + 1, {nullptr, nullptr});
      }
      auto& [name, slot] = region_slots[k];
      if (!same_list && (name == nullptr || *name != region)) {
        const auto it = impl->regions.try_emplace(region).first;
        name = &it->first;
        slot = &it->second;
      }
      add_to(*slot, ref);
    }
    slotted = &account.regions;
    add_parents(*impl, lowered_parents(parents_cache, account.parents), ref);
    for (const auto& [name, value] : account.tags) {
      add_to(impl->tags[python_lower(name)][python_lower(value)], ref);
    }
    if (!impl->org_root_ref && account.id == impl->org_root) {
      impl->org_root_ref = ref;
    }
  }
  return AccountIndex(std::move(impl));
}

const Organization& AccountIndex::organization() const {
  return m_impl->org;
}
const Account& AccountIndex::account(AccountRef ref) const {
  return m_impl->org.accounts.at(ref);
}
std::size_t AccountIndex::size() const {
  return m_impl->org.accounts.size();
}
const std::string& AccountIndex::org_root() const {
  return m_impl->org_root;
}
std::optional<AccountRef> AccountIndex::org_root_ref() const {
  return m_impl->org_root_ref;
}

AccountSet AccountIndex::all_accounts() const {
  AccountSet out(size());
  for (AccountRef ref = 0; ref < out.size(); ++ref) {
    out[ref] = ref;
  }
  return out;
}

AccountSet AccountIndex::by_ids(const std::vector<std::string>& ids) const {
  AccountSet out;
  for (const std::string& id : ids) {
    if (const auto it = m_impl->ids.find(id); it != m_impl->ids.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

AccountSet AccountIndex::by_names(const std::vector<std::string>& names) const {
  AccountSet out;
  for (const std::string& name : names) {
    if (const auto it = m_impl->alias.find(python_lower(name)); it != m_impl->alias.end()) {
      out.push_back(it->second);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

AccountSet AccountIndex::by_ou(std::string_view ou_name_or_id) const {
  if (const auto it = m_impl->ou_map.find(python_lower(ou_name_or_id)); it != m_impl->ou_map.end()) {
    return m_impl->ou_sets[it->second];
  }
  return {};
}

AccountSet AccountIndex::by_tag(std::string_view name, std::string_view value) const {
  const auto by_name = m_impl->tags.find(python_lower(name));
  if (by_name == m_impl->tags.end()) {
    return {};
  }
  const auto by_value = by_name->second.find(python_lower(value));
  return by_value == by_name->second.end() ? AccountSet{} : by_value->second;
}

std::map<std::string, AccountSet> AccountIndex::by_regions(const std::vector<std::string>& regions) const {
  std::map<std::string, AccountSet> out;
  for (const std::string& region : regions) {
    const auto it = m_impl->regions.find(region);
    out[region] = it == m_impl->regions.end() ? AccountSet{} : it->second;
  }
  return out;
}

const std::map<std::string, AccountSet>& AccountIndex::regions_map() const {
  return m_impl->regions;
}

std::optional<AccountRef> AccountIndex::find_id(std::string_view id) const {
  if (const auto it = m_impl->ids.find(std::string(id)); it != m_impl->ids.end()) {
    return it->second.front();
  }
  return std::nullopt;
}

}  // namespace drydock::emulator
