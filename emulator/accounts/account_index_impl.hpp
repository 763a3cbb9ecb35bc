#pragma once
// Internal to emulator/accounts: the maps AccountIndex builds, shared by account_index.cpp and
// account_index_lints.cpp. Not part of the public contract.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "emulator/accounts/account_index.hpp"

namespace drydock::emulator {

// The maps, as a namespace-level type so helpers in several .cpp files can take them.
struct IndexData {
  Organization org;
  std::string org_root;
  std::optional<AccountRef> org_root_ref;
  std::unordered_map<std::string, AccountSet> ids;    // exact id → refs (one, unless the org repeats an id)
  std::unordered_map<std::string, AccountRef> alias;  // lower(Name) → last account with that name
  std::map<std::string, AccountSet> regions;          // region as written → accounts
  // Upstream's ou_map holds shared mutable set objects: a key names a slot of `ou_sets`, and two keys
  // may name the same slot (that sharing is the aliasing bug).
  std::unordered_map<std::string, std::size_t> ou_map;
  std::vector<AccountSet> ou_sets;
  std::unordered_map<std::string, std::unordered_map<std::string, AccountSet>> tags;  // lower → lower → refs
};

struct AccountIndex::Impl : IndexData {};

}  // namespace drydock::emulator
