// generate_organization: a synthetic organization in upstream's index shape, for tests and benchmarks.
// Deterministic: everything comes from a splitmix64 stream seeded by the options.
#include <algorithm>
#include <array>
#include <cstdio>

#include "emulator/accounts/organization.hpp"

namespace drydock::emulator {

namespace {

class Random {
 public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  std::string token(std::size_t length) {
    static constexpr std::string_view k_chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    for (std::size_t k = 0; k < length; ++k) {
      out += k_chars[below(k_chars.size())];
    }
    return out;
  }

 private:
  std::uint64_t m_state;
};

// Regions every account has enabled; the rest of the universe are opt-in regions.
constexpr std::array<std::string_view, 17> k_default_regions = {
    "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
    "ca-central-1",   "eu-central-1",   "eu-north-1",     "eu-west-1",  "eu-west-2",      "eu-west-3",
    "sa-east-1",      "us-east-1",      "us-east-2",      "us-west-1",  "us-west-2"};
constexpr std::array<std::string_view, 4> k_other_partitions = {"cn-north-1", "cn-northwest-1",
                                                                "us-gov-east-1", "us-gov-west-1"};
constexpr std::array<std::string_view, 3> k_environments = {"Prod", "Staging", "Dev"};
constexpr std::size_t k_teams = 8;

struct Ou {
  OrgParent self;
  std::vector<OrgParent> chain;  // self first, ROOT last
  std::string environment;
  std::string team;
};

std::string twelve_digits(std::uint64_t value) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%012llu", static_cast<unsigned long long>(value));
  return buffer;
}

std::vector<Ou> make_ous(Random& random, const OrgParent& root) {
  const std::string prefix = "ou-" + root.id.substr(2) + "-";
  auto make = [&](std::string name, const std::vector<OrgParent>& parent_chain) {
    Ou ou;
    ou.self = {prefix + random.token(8), std::move(name), "ORGANIZATIONAL_UNIT"};
    ou.chain.push_back(ou.self);
    ou.chain.insert(ou.chain.end(), parent_chain.begin(), parent_chain.end());
    return ou;
  };
  const std::vector<OrgParent> at_root = {root};
  std::vector<Ou> ous;
  ous.push_back(make("Security", at_root));
  ous.back().environment = "security";
  ous.push_back(make("Sandbox", at_root));
  ous.back().environment = "sandbox";
  ous.push_back(make("Suspended", at_root));
  ous.back().environment = "suspended";
  const Ou workloads = make("Workloads", at_root);
  ous.push_back(workloads);
  for (const std::string_view environment : k_environments) {
    const Ou env = make(std::string(environment), workloads.chain);
    ous.push_back(env);
    for (std::size_t team = 1; team <= k_teams; ++team) {
      char name[16];
      std::snprintf(name, sizeof name, "Team%02zu", team);
      ous.push_back(make(name, env.chain));
      ous.back().environment = std::string(environment);
      ous.back().team = name;
    }
  }
  return ous;
}

std::vector<std::string> sorted_regions(std::vector<std::string> regions) {
  std::sort(regions.begin(), regions.end());
  regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
  return regions;
}

}  // namespace

Organization generate_organization(const OrgGeneratorOptions& options,
                                   const workers::RegionUniverse& regions) {
  Random random(options.seed * 0x2545F4914F6CDD1DULL + 17);
  const std::string org_id = "o-" + random.token(10);
  const OrgParent root{"r-" + random.token(4), "ROOT", "ROOT"};
  const std::uint64_t first_id = 100'000'000'000ULL + random.below(800'000'000'000ULL);
  const std::string management = twelve_digits(first_id);
  const std::vector<Ou> ous = make_ous(random, root);

  std::vector<std::string> all = regions.sorted();
  if (options.other_partition_regions) {
    all.insert(all.end(), k_other_partitions.begin(), k_other_partitions.end());
    all = sorted_regions(std::move(all));
  }
  auto is_default = [](const std::string& region) {
    return std::find(k_default_regions.begin(), k_default_regions.end(), region) != k_default_regions.end() ||
           std::find(k_other_partitions.begin(), k_other_partitions.end(), region) !=
               k_other_partitions.end();
  };

  Organization org;
  org.generated = "2024-03-27T18:38:27Z";
  org.accounts.reserve(options.accounts);
  for (std::size_t k = 0; k < options.accounts; ++k) {
    Account a;
    a.id = twelve_digits(first_id + k);
    a.arn = "arn:aws:organizations::" + management + ":account/" + org_id + "/" + a.id;
    a.joined_method = k == 0 ? "CREATED" : (random.below(4) == 0 ? "INVITED" : "CREATED");
    char stamp[48];
    std::snprintf(stamp, sizeof stamp, "2023-%02zu-%02zu %02zu:%02zu:%02zu.%06zu+00:00", 1 + random.below(12),
                  1 + random.below(28), random.below(24), random.below(60), random.below(60),
                  random.below(1'000'000));
    a.joined_timestamp = stamp;
    const bool suspended =
        k != 0 && options.suspended_every != 0 && random.below(options.suspended_every) == 0;
    if (k == 0) {
      a.name = "management";
      a.parents = {root};
      a.tags = {{"Environment", "management"}};
    } else {
      // Suspended accounts sit in the Suspended OU; the rest mostly in team OUs.
      const std::size_t pick = suspended ? 2 : random.below(ous.size() + 8 * k_teams);
      const Ou& ou = ous[pick < ous.size() ? pick : 5 + random.below(ous.size() - 5)];
      a.parents = ou.chain;
      a.name = ou.team.empty() ? ou.self.name : ou.environment + "-" + ou.team;
      std::transform(a.name.begin(), a.name.end(), a.name.begin(),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
      a.name += "-" + std::to_string(k);
      if (!ou.environment.empty()) {
        a.tags.emplace_back("Environment", ou.environment);
      }
      if (!ou.team.empty()) {
        a.tags.emplace_back("Team", ou.team);
      }
      a.tags.emplace_back("CostCenter", "cc-" + std::to_string(1000 + random.below(20)));
    }
    a.email = "aws+" + a.name + "@example.com";
    a.status = suspended ? "SUSPENDED" : "ACTIVE";
    const bool trimmed = !options.all_regions && k != 0 && random.below(5) == 0;
    for (const std::string& region : all) {
      if (!trimmed || is_default(region) || random.below(3) == 0) {
        a.regions.push_back(region);
      }
    }
    org.accounts.push_back(std::move(a));
  }
  return org;
}

Organization generate_organization(std::size_t accounts, std::uint64_t seed,
                                   const workers::RegionUniverse& regions) {
  OrgGeneratorOptions options;
  options.accounts = accounts;
  options.seed = seed;
  return generate_organization(options, regions);
}

}  // namespace drydock::emulator
