#pragma once
// An AWS organization as Drydock holds it: the accounts of upstream's account index file
// (starfleet-behavior.md §4.2), in file order. Loaded from upstream's JSON, from the compact YAML
// fixture format (fixtures/orgs/*.yaml), or generated; written back out in upstream's JSON format.

#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulator/accounts/shared_list.hpp"
#include "workers/diagnostics/diagnostic.hpp"
#include "workers/regions/region_universe.hpp"

namespace drydock::emulator {

struct OrgParent {
  std::string id;    // "ou-1234-5678910" or "r-123456"
  std::string name;  // "SomeOU", or "ROOT" for the root
  std::string type;  // "ORGANIZATIONAL_UNIT" or "ROOT"
  friend bool operator==(const OrgParent&, const OrgParent&) = default;
};

struct Account {
  std::string id;  // 12 digits, as written
  std::string name;
  std::string arn;  // arn:aws:organizations::<management id>:account/<org id>/<id>
  std::string email;
  std::string status = "ACTIVE";  // ACTIVE | SUSPENDED | ...
  std::string joined_method;
  std::string joined_timestamp;
  SharedList<OrgParent> parents;  // immediate parent first, ROOT last (shared like regions)
  std::vector<std::pair<std::string, std::string>> tags;  // original case, file order
  RegionList regions;  // enabled regions, as written (accounts listing the same ones share them)
  friend bool operator==(const Account&, const Account&) = default;
};

struct Organization {
  std::vector<Account> accounts;  // in the file's order (upstream's JSON object order)
  std::string generated;          // "2024-03-27T18:38:27Z"
};

// Reads upstream's index JSON. Errors name the account and the key ("accounts.000000000017.Parents[0]:
// missing key 'Name'"), with the line of the offending value; never upstream's misleading
// MissingConfigurationError. Bounded: files over 256 MiB are refused.
std::expected<Organization, std::vector<workers::Diagnostic>> load_index_json(
    const std::filesystem::path& path);

// Reads the compact hand-written format (docs/accounts.md): accounts with id, name, OU path
// ("Workloads/Prod"), tags, regions (default: every region of `regions`), status.
std::expected<Organization, std::vector<workers::Diagnostic>> load_compact_fixture(
    const std::filesystem::path& path, const workers::RegionUniverse& regions);

// Either format: `.json` files are upstream's index, `.yaml`/`.yml` files the compact format.
std::expected<Organization, std::vector<workers::Diagnostic>> load_organization(
    const std::filesystem::path& path, const workers::RegionUniverse& regions);

// Upstream's file text: json.dumps(index, indent=4, sort_keys=True) as AccountIndexGeneratorShip
// writes it, byte for byte.
std::string to_index_json(const Organization& org);

namespace detail {
// load_index_json's reader on text in memory; an "accounts" object of `split_bytes` or more is read
// on two threads (the result is the same; tests compare the two). `halves_used`, when given, says
// whether the second thread's half was taken.
std::expected<Organization, std::vector<workers::Diagnostic>> read_index_json(std::string_view body,
                                                                              const std::string& display,
                                                                              std::size_t split_bytes,
                                                                              bool* halves_used = nullptr);
}  // namespace detail

// The same organization in the compact fixture format (docs/accounts.md): every derived value
// (OU ids, root id, emails, join data) written out, so loading it gives `org` back exactly.
std::string to_compact_yaml(const Organization& org);

// A synthetic organization of `accounts` accounts, deterministic for `seed`: nested OUs, tags, a
// management account first, per-account region subsets drawn from `regions`.
Organization generate_organization(std::size_t accounts, std::uint64_t seed,
                                   const workers::RegionUniverse& regions);

// Knobs of the generator; the defaults are what generate_organization(accounts, seed, regions) uses.
struct OrgGeneratorOptions {
  std::size_t accounts = 100;
  std::uint64_t seed = 1;
  // Every account enabled in every region (else: most have all, about one in five lacks some
  // opt-in regions; the management account always has all).
  bool all_regions = false;
  // Also list cn-north-1 cn-northwest-1 us-gov-east-1 us-gov-west-1 on every account, as upstream's
  // test index does (moto's describe_regions): 29 + 4 = 33 regions per account.
  bool other_partition_regions = false;
  // About one account in `suspended_every` is SUSPENDED (0: none).
  std::size_t suspended_every = 50;
};

// The same organization for the same options: ids from the seed, OUs three levels deep
// (Workloads/Prod/Team07), tags Environment/Team/CostCenter, regions sorted as upstream writes them.
Organization generate_organization(const OrgGeneratorOptions& options,
                                   const workers::RegionUniverse& regions);

}  // namespace drydock::emulator
