#pragma once
// Test helpers for the account tests: the test organization's index ("Index X", index_x_path()) and a
// tiny organization builder.

#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "emulator/accounts/account_index.hpp"
#include "tests/support/test_support.hpp"

namespace drydock::test {

inline emulator::AccountIndex load_index_x() {
  auto org = emulator::load_index_json(index_x_path());
  REQUIRE(org.has_value());
  auto index = emulator::AccountIndex::build(std::move(*org));
  REQUIRE(index.has_value());
  return std::move(*index);
}

// The account ids of a set, in AccountRef order.
inline std::vector<std::string> ids_of(const emulator::AccountIndex& index, const emulator::AccountSet& set) {
  std::vector<std::string> out;
  for (const emulator::AccountRef ref : set) {
    out.push_back(index.account(ref).id);
  }
  return out;
}

// An account in the given OUs (immediate parent first; ROOT r-root is appended).
inline emulator::Account make_account(std::string id, std::string name,
                                      std::vector<std::pair<std::string, std::string>> ous = {}) {
  emulator::Account a;
  a.id = id;
  a.name = std::move(name);
  a.arn = "arn:aws:organizations::111:account/o-test/" + id;
  for (auto& [ou_id, ou_name] : ous) {
    a.parents.push_back({ou_id, ou_name, "ORGANIZATIONAL_UNIT"});
  }
  a.parents.push_back({"r-root", "ROOT", "ROOT"});
  return a;
}

}  // namespace drydock::test
