#pragma once
// The `flaky` builtin ship: fails for chosen accounts, regions or attempts, so retries, redrive to a
// DLQ and partial batch responses can be exercised without writing a worker.
//
// options (all optional, at least one fail_* list):
//   fail_accounts: [ids]    match a record whose body (a JSON object) has StarbaseAssignedAccount in
//                           the list; integers are read as 12-digit account ids (zero-padded)
//   fail_regions: [names]   match on the body's StarbaseAssignedRegion
//   fail_attempts: [n, ...] match on the record's attributes.ApproximateReceiveCount
//   report_failures: bool   true: answer a partial batch response naming the matching records;
//                           false (default): fail the whole invocation when any record matches
// A record matches when it matches every list given (e.g. fail_accounts + fail_attempts [1, 2]: the
// account fails its first two receives, then succeeds).

#include <expected>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "workers/transports/transport.hpp"

namespace drydock::workers {

// The ship configured by `options` (null or an object, see above), or why the options are wrong
// (an unknown key, a wrong type, no fail_* list).
std::expected<std::unique_ptr<Transport>, std::string> make_flaky_ship(const nlohmann::json& options);

}  // namespace drydock::workers
