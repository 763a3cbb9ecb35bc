#pragma once
// BaseAccountRegionPayloadTemplate.validate_regions: `ALL` handling and the invalid-region check for
// IncludeRegions / ExcludeRegions. Upstream runs it only when the template has no field errors at all.

#include <string>
#include <vector>

#include "workers/regions/region_universe.hpp"
#include "workers/templates/marshmallow_fields.hpp"
#include "workers/templates/schema_errors.hpp"

namespace drydock::workers::templates {

// Checks the loaded region lists (the field's node for marks) and fills the sorted sets
// `include_out` (`ALL` = the whole universe) and `exclude_out`. Errors are recorded under
// "IncludeRegions" / "ExcludeRegions" below the caller's current path.
void validate_regions(SchemaErrors& errors, const yaml::Node& include_node,
                      const std::vector<StringItem>& include, const std::vector<StringItem>& exclude,
                      const RegionUniverse& universe, std::vector<std::string>& include_out,
                      std::vector<std::string>& exclude_out);

// "Invalid regions are specified: a, b. Regions must be from this list: <universe>" with both lists
// sorted (upstream joins Python sets, so its order is random).
std::string invalid_regions_message(const std::vector<std::string_view>& invalid_sorted,
                                    const RegionUniverse& universe);

}  // namespace drydock::workers::templates
