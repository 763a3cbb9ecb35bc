// Property tests: the resolvers against a plain reference model (tests/emulator/starbase/random_org.hpp)
// over 200 random organizations × 10 random templates each.

#include <doctest/doctest.h>

#include "emulator/accounts/account_index.hpp"
#include "emulator/accounts/resolver.hpp"
#include "tests/emulator/starbase/fixtures.hpp"
#include "tests/emulator/starbase/random_org.hpp"

using namespace drydock::test;
using namespace drydock::test::resolution;
using drydock::emulator::AccountIndex;
using drydock::emulator::resolve_include_exclude;
using drydock::emulator::resolve_worker_template_account_regions;
using drydock::emulator::resolve_worker_template_accounts;

namespace {

constexpr std::uint64_t k_orgs = 200;
constexpr int k_templates_per_org = 10;

const std::vector<std::string>& universe() {
  return drydock::workers::default_region_universe().sorted();
}

// Calls `check(org, index, template, rng)` for every random case, with the seed captured.
template <typename Check>
void for_random_cases(Check check) {
  for (std::uint64_t seed = 1; seed <= k_orgs; ++seed) {
    CAPTURE(seed);
    RandomOrg o = random_org(seed, universe());
    AccountIndex index = build_index(o.org);
    REQUIRE(index.org_root() == o.root_id);
    std::mt19937_64 rng(seed * 7919);
    for (int k = 0; k < k_templates_per_org; ++k) {
      CAPTURE(k);
      check(o, index, random_template(o, universe(), rng), rng);
    }
  }
}

}  // namespace

TEST_CASE("Resolved accounts equal the reference model") {
  std::size_t non_empty = 0;
  std::size_t cases = 0;
  for_random_cases([&](const RandomOrg& o, const AccountIndex& index,
                       const drydock::workers::LoadedTemplate& t, std::mt19937_64&) {
    const auto resolved = ids_of(index, resolve_worker_template_accounts(index, t));
    CHECK(ids_of(index, resolve_include_exclude(index, t)) == ref_accounts(o, t, false));
    CHECK(resolved == ref_accounts(o, t, true));
    non_empty += resolved.empty() ? 0 : 1;
    ++cases;
  });
  // The generator must exercise both outcomes, not just empty sets.
  CHECK(non_empty * 4 > cases);
  CHECK(non_empty < cases);
}

TEST_CASE("Resolved account/region pairs equal the reference model, with and without scope and root check") {
  for_random_cases([](const RandomOrg& o, const AccountIndex& index,
                      const drydock::workers::LoadedTemplate& t, std::mt19937_64& rng) {
    const std::vector<std::string> scope =
        rng() % 2 == 0 ? std::vector<std::string>{} : random_regions(universe(), rng, 4);
    for (bool root_check : {true, false}) {
      auto pairs = resolve_worker_template_account_regions(index, t, scope, root_check);
      CHECK(region_map(index, pairs) == ref_account_regions(o, t, scope, root_check));
      for (std::size_t i = 1; i < pairs.size(); ++i) {
        CHECK(index.account(pairs[i - 1].account).id < index.account(pairs[i].account).id);
      }
      for (const auto& p : pairs) {
        CHECK(std::is_sorted(p.regions.begin(), p.regions.end()));
      }
    }
  });
}

TEST_CASE("Exclusion always wins") {
  for_random_cases([](const RandomOrg& o, const AccountIndex& index,
                      const drydock::workers::LoadedTemplate& t, std::mt19937_64&) {
    const auto excluded = ref_spec(o.org, t.exclude_accounts, false);
    for (const std::string& id : ids_of(index, resolve_worker_template_accounts(index, t))) {
      CHECK_FALSE(excluded.contains(id));
    }
    for (const auto& p : resolve_worker_template_account_regions(index, t, {}, false)) {
      CHECK_FALSE(excluded.contains(index.account(p.account).id));
    }
  });
}

TEST_CASE("The org root is tasked only with OperateInOrgRoot (or with the root check off)") {
  for_random_cases([](const RandomOrg& o, const AccountIndex& index,
                      const drydock::workers::LoadedTemplate& t, std::mt19937_64&) {
    const bool has_root = ids_of(index, resolve_worker_template_accounts(index, t)).contains(o.root_id);
    const bool has_root_pairs =
        region_map(index, resolve_worker_template_account_regions(index, t, {})).contains(o.root_id);
    if (!t.operate_in_org_root) {
      CHECK_FALSE(has_root);
      CHECK_FALSE(has_root_pairs);
    } else {
      CHECK(has_root == ids_of(index, resolve_include_exclude(index, t)).contains(o.root_id));
    }
  });
}

TEST_CASE("ScopeToRegions only narrows: same accounts, a subset of each account's regions") {
  for_random_cases([](const RandomOrg&, const AccountIndex& index, const drydock::workers::LoadedTemplate& t,
                      std::mt19937_64& rng) {
    const auto scope = random_regions(universe(), rng, 3);
    const auto wide = region_map(index, resolve_worker_template_account_regions(index, t, {}));
    const auto narrow = region_map(index, resolve_worker_template_account_regions(index, t, scope));
    REQUIRE(wide.size() == narrow.size());
    for (const auto& [id, regions] : narrow) {
      REQUIRE(wide.contains(id));
      for (const std::string& r : regions) {
        CHECK(wide.at(id).contains(r));
        CHECK(std::find(scope.begin(), scope.end(), r) != scope.end());
      }
    }
  });
}
