// The spliced fan-out bodies against a slow reference (mutate a copy of the template, json.dumps it
// per message), over random organizations and template shapes; and the 330,000-message build time.

#include <doctest/doctest.h>

#include <chrono>

#include "emulator/starbase/fanout_messages.hpp"
#include "tests/emulator/starbase/fixtures.hpp"
#include "tests/emulator/starbase/random_org.hpp"

using namespace drydock::test;
using namespace drydock::test::resolution;
using drydock::emulator::AccountIndex;
using drydock::emulator::for_each_account_message;
using drydock::emulator::for_each_account_region_message;
using drydock::emulator::resolve_worker_template_account_regions;
using drydock::emulator::resolve_worker_template_accounts;
namespace yaml = drydock::workers::yaml;

namespace {

// Template shapes: the Starbase keys absent, present in either order, and text needing escapes.
constexpr std::string_view k_shapes[] = {
    "TemplateName: T\nTemplateDescription: D\n",
    "StarbaseAssignedAccount: x\nTemplateName: \"\\u00e9\\U0001F600\"\nN: [1.5, 1.0e+20, -0.0, null, true]\n",
    "StarbaseAssignedRegion: r\nA: {b: [c, {d: e}]}\nStarbaseAssignedAccount: a\nZ: 'tail \"q\" \\'\n",
    "StarbaseAssignedRegion: ~\nK: 12345678901234567890123\n",
    "A: &x {v: 1}\nB: *x\nC: \"\\x01drydock-account-0\\x01\"\n",
};

yaml::Node string_node(std::string text) {
  yaml::Node n;
  n.type = yaml::Type::string;
  n.text = std::move(text);
  return n;
}

// Python's `template[key] = value` on a copy, then json.dumps: the obvious, slow way.
std::string reference_body(const yaml::Node& root, const std::string& account, const std::string* region) {
  yaml::Node copy = root;
  const yaml::Node account_key = string_node("StarbaseAssignedAccount");
  const yaml::Node region_key = string_node("StarbaseAssignedRegion");
  const yaml::Node account_value = string_node(account);
  const yaml::Node region_value = string_node(region != nullptr ? *region : std::string());
  auto set = [&](const yaml::Node& key, const yaml::Node& value) {
    for (auto& e : copy.entries) {
      if (e.key->type == yaml::Type::string && e.key->text == key.text) {
        e.value = &value;
        return;
      }
    }
    copy.entries.push_back({&key, &value});
  };
  set(account_key, account_value);
  if (region != nullptr) {
    set(region_key, region_value);
  }
  auto text = yaml::dumps(copy);
  REQUIRE(text.has_value());
  return *text;
}

}  // namespace

TEST_CASE("Spliced bodies equal a per-message json.dumps of the mutated template") {
  const auto& universe = drydock::workers::default_region_universe().sorted();
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    CAPTURE(seed);
    RandomOrg o = random_org(seed, universe);
    AccountIndex index = build_index(o.org);
    std::mt19937_64 rng(seed);
    auto t = random_template(o, universe, rng);
    const std::string_view shape = k_shapes[seed % std::size(k_shapes)];
    CAPTURE(shape);
    auto doc = load_yaml(shape);

    std::vector<std::string> ids;
    auto count =
        for_each_account_message(*doc.root(), index, resolve_worker_template_accounts(index, t),
                                 [&](std::string_view id, std::string_view body) {
                                   ids.emplace_back(id);
                                   CHECK(body == reference_body(*doc.root(), std::string(id), nullptr));
                                 });
    REQUIRE(count.has_value());
    CHECK(std::is_sorted(ids.begin(), ids.end()));

    const auto pairs = resolve_worker_template_account_regions(index, t, {});
    ids.clear();
    std::size_t expected = 0;
    for (const auto& p : pairs) {
      expected += p.regions.size();
    }
    auto region_count = for_each_account_region_message(
        *doc.root(), index, pairs, [&](std::string_view id, std::string_view body) {
          ids.emplace_back(id);
          const std::string account = std::string(id.substr(0, 12));
          const std::string region = std::string(id.substr(12));
          CHECK(body == reference_body(*doc.root(), account, &region));
        });
    REQUIRE(region_count.has_value());
    CHECK(*region_count == expected);
    CHECK(ids.size() == expected);
    CHECK(std::adjacent_find(ids.begin(), ids.end(), std::greater_equal<>()) == ids.end());
  }
}

TEST_CASE("330,000 account/region messages (10,000 accounts x 33 regions) build in milliseconds") {
  // Upstream's test index lists 33 regions per account: the 29 of the default universe and 4 more.
  std::vector<std::string> regions = drydock::workers::default_region_universe().sorted();
  for (const char* r : {"cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1"}) {
    regions.emplace_back(r);
  }
  const drydock::workers::RegionUniverse universe33("bench-33", regions);
  drydock::emulator::OrgGeneratorOptions options;
  options.accounts = 10000;
  options.all_regions = true;
  options.other_partition_regions = true;
  AccountIndex index = build_index(drydock::emulator::generate_organization(options, universe33));

  auto doc = load_yaml(
      "TemplateName: Bench\nTemplateDescription: 10,000 accounts x 33 regions\nIncludeAccounts:\n  "
      "AllAccounts: True\n"
      "OperateInOrgRoot: True\nIncludeRegions: [ALL]\n");
  auto validation = drydock::workers::validate_template(
      *doc.root(), drydock::workers::TemplateKind::account_region, universe33);
  REQUIRE(validation.loaded.has_value());

  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const auto pairs = resolve_worker_template_account_regions(index, *validation.loaded, {});
  const auto t1 = Clock::now();
  std::size_t bytes = 0;
  auto count = for_each_account_region_message(
      *doc.root(), index, pairs,
      [&](std::string_view id, std::string_view body) { bytes += id.size() + body.size(); });
  const auto t2 = Clock::now();
  REQUIRE(count.has_value());
  CHECK(*count == 330000);
  const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
  MESSAGE("resolve: " << ms(t1 - t0) << " ms; build 330,000 messages (" << bytes / 1000000
                      << " MB): " << ms(t2 - t1) << " ms");
}
