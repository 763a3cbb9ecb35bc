#pragma once
// The StarfleetDefaultAccountIndex stanza, checked as upstream's default account index loads it
// (`StarfleetDefaultAccountIndexSchema().load(...)`, starfleet-behavior.md §1.4): IndexBucket and
// BucketRegion required strings (the region is not checked against the universe), IndexObjectPath
// an optional string, unknown keys "Unknown field.".

#include <string_view>

#include "workers/configuration/field_checks.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers {

inline constexpr std::string_view k_account_index_key = "StarfleetDefaultAccountIndex";

// Validates the stanza's value (None included: `.load(None)` is "Invalid input type."). Errors go
// under ["StarfleetDefaultAccountIndex", ...]. Returns true when it has no error.
bool validate_account_index_stanza(const yaml::Node& value, config::Reporter& reporter);

}  // namespace drydock::workers
