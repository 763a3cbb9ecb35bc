#pragma once
// Shared by the resolver and fan-out tests (own namespace: other test helpers use the same names): Index X
// (the test organization, index_x_path()), templates validated from YAML, and account-id helpers.

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "emulator/accounts/account_index.hpp"
#include "emulator/accounts/resolver.hpp"
#include "tests/support/test_support.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/templates/template_validator.hpp"

namespace drydock::test::resolution {

inline emulator::Organization index_x_organization() {
  auto org = emulator::load_index_json(index_x_path());
  REQUIRE(org.has_value());
  return std::move(*org);
}

inline emulator::AccountIndex build_index(emulator::Organization org) {
  auto index = emulator::AccountIndex::build(std::move(org));
  REQUIRE(index.has_value());
  return std::move(*index);
}

inline emulator::AccountIndex index_x() {
  return build_index(index_x_organization());
}

// "000000000007" for 7: Index X's ids.
inline std::string acct(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012d", n);
  return buf;
}

inline std::set<std::string> accts(std::initializer_list<int> numbers) {
  std::set<std::string> out;
  for (int n : numbers) {
    out.insert(acct(n));
  }
  return out;
}

inline std::set<std::string> acct_range(int first, int last) {
  std::set<std::string> out;
  for (int n = first; n <= last; ++n) {
    out.insert(acct(n));
  }
  return out;
}

inline std::set<std::string> ids_of(const emulator::AccountIndex& index, const emulator::AccountSet& set) {
  std::set<std::string> out;
  for (emulator::AccountRef ref : set) {
    out.insert(index.account(ref).id);
  }
  return out;
}

// account id → regions, as upstream's resolve_worker_template_account_regions returns it.
inline std::map<std::string, std::set<std::string>> region_map(
    const emulator::AccountIndex& index, const std::vector<emulator::AccountRegions>& pairs) {
  std::map<std::string, std::set<std::string>> out;
  for (const emulator::AccountRegions& p : pairs) {
    out[index.account(p.account).id] = {p.regions.begin(), p.regions.end()};
  }
  return out;
}

inline std::set<std::string> r29() {
  const auto& sorted = workers::default_region_universe().sorted();
  return {sorted.begin(), sorted.end()};
}

// A template as YAML text, kept alive with its validated (loaded) form.
struct LoadedYaml {
  workers::yaml::Document doc;
  workers::LoadedTemplate t;
  const workers::yaml::Node& root() const { return *doc.root(); }
};

inline LoadedYaml load_template(std::string_view yaml, workers::TemplateKind kind) {
  LoadedYaml out{load_yaml(yaml), {}};
  auto validation = workers::validate_template(*out.doc.root(), kind, workers::default_region_universe());
  for (const auto& d : validation.diagnostics) {
    MESSAGE(d.message);
  }
  REQUIRE(validation.loaded.has_value());
  out.t = *validation.loaded;
  return out;
}

inline LoadedYaml load_account_template(std::string_view body) {
  return load_template("TemplateName: T\nTemplateDescription: D\n" + std::string(body),
                       workers::TemplateKind::account);
}

inline LoadedYaml load_account_region_template(std::string_view body) {
  return load_template("TemplateName: T\nTemplateDescription: D\n" + std::string(body),
                       workers::TemplateKind::account_region);
}

}  // namespace drydock::test::resolution
