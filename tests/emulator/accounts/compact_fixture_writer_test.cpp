#include <doctest/doctest.h>

#include "emulator/accounts/organization.hpp"
#include "tests/support/test_support.hpp"

using namespace drydock::emulator;

TEST_CASE("a generated organization written as a compact fixture loads back to the same index") {
  const auto& regions = drydock::workers::default_region_universe();
  for (std::uint64_t seed : {1U, 2U, 3U}) {
    CAPTURE(seed);
    OrgGeneratorOptions options;
    options.accounts = 60;
    options.seed = seed;
    options.suspended_every = 7;
    const auto org = generate_organization(options, regions);
    drydock::test::ScratchDir dir;
    auto path = dir.write("org.yaml", to_compact_yaml(org));
    auto loaded = load_compact_fixture(path, regions);
    REQUIRE(loaded.has_value());
    CHECK(to_index_json(*loaded) == to_index_json(org));
  }
}

TEST_CASE("the bundled acme fixture survives a compact round trip") {
  const auto& regions = drydock::workers::default_region_universe();
  auto acme = load_compact_fixture(drydock::test::source_dir() / "fixtures/orgs/acme.yaml", regions);
  REQUIRE(acme.has_value());
  drydock::test::ScratchDir dir;
  auto again = load_compact_fixture(dir.write("acme.yaml", to_compact_yaml(*acme)), regions);
  REQUIRE(again.has_value());
  CHECK(to_index_json(*again) == to_index_json(*acme));
}
