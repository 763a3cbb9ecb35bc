#pragma once
// The `account-index-generator` builtin: a port of upstream's AccountIndexGeneratorShip
// (src/starfleet/worker_ships/plugins/account_index_generator/ship.py) for the emulated cloud. Upstream
// asks the Organizations API for every account, its tags, parents and enabled regions, and saves
// `{"accounts": …, "generated": …}` (json.dumps, indent 4, sorted keys) to the payload's
// AccountInventoryBucket under InventoryObjectPrefix (default accountIndex.json) — only with --commit.
// Here the organization is the project's fixture (drydock.yaml's account_index), written byte for
// byte in upstream's format with `generated` set to the virtual clock's time, into the emulated bucket
// (created in the state directory when it does not exist). So the whole loop — generate the index,
// then fan out with it — runs locally.

#include <filesystem>
#include <mutex>

#include "emulator/accounts/organization.hpp"
#include "emulator/common/clock.hpp"
#include "emulator/s3/s3_service.hpp"
#include "workers/transports/transport.hpp"

namespace drydock::emulator {

class AccountIndexGeneratorShip final : public workers::Transport {
 public:
  // `organization`, `s3` and `clock` must outlive the ship; buckets the ship creates live under
  // `buckets_dir/<name>`.
  AccountIndexGeneratorShip(const Organization& organization, S3Service& s3, const Clock& clock,
                            std::filesystem::path buckets_dir)
      : m_organization(organization), m_s3(s3), m_clock(clock), m_buckets_dir(std::move(buckets_dir)) {}

  // For each record: the payload's AccountInventoryBucket and InventoryBucketRegion are required
  // strings (a record without them fails the invocation, as marshmallow's load raises upstream);
  // with STARFLEET_COMMIT (context.commit) the index is written, without it only reported (upstream
  // logs the raw inventory instead of saving it).
  workers::InvocationResult invoke(const std::string& event_json,
                                   const workers::InvocationContext& context) override;

 private:
  const Organization& m_organization;
  S3Service& m_s3;
  const Clock& m_clock;
  std::filesystem::path m_buckets_dir;
  std::mutex m_mutex;
};

}  // namespace drydock::emulator
