#pragma once
// The custom error messages of upstream's payload schemas (starfleet/worker_ships/
// base_payload_schemas.py). marshmallow's own defaults are in workers/marshmallow/messages.hpp.
// They are part of Drydock's output contract: users compare them with what upstream logs.

#include <string_view>

namespace drydock::workers::templates {

// Custom ByOrgUnits validator (AccountsSpecificationSchema.validate_org_units).
inline constexpr std::string_view k_ou_empty = "Length must be greater than 0.";
inline constexpr std::string_view k_ou_id_too_long = "Length must be less than 68 for OU IDs.";
inline constexpr std::string_view k_ou_name_too_long = "Length must be less than 128 for OU Names.";

// IncludeAccountsSpecificationSchema.verify_schema.
inline constexpr std::string_view k_all_accounts_exclusive =
    "Can't specify other parameters when `AllAccounts` is set to `True`.";
inline constexpr std::string_view k_missing_account_field_set =
    "Missing an account field set. Either set `AllAccounts: True`, or specify an account `ByNames`, `ByIds`, "
    "`ByTags`, and/or `ByOrgUnits`.";

// BaseAccountRegionPayloadTemplate.validate_regions.
inline constexpr std::string_view k_all_regions_exclusive =
    "Can't specify any other regions when `ALL` is specified in the list.";
inline constexpr std::string_view k_invalid_regions_prefix = "Invalid regions are specified: ";
inline constexpr std::string_view k_invalid_regions_middle = ". Regions must be from this list: ";

}  // namespace drydock::workers::templates
