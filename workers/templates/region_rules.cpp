#include "workers/templates/region_rules.hpp"

#include <algorithm>

#include "workers/templates/template_messages.hpp"

namespace drydock::workers::templates {
namespace {

std::vector<std::string> sorted_set(const std::vector<StringItem>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& item : items) {
    out.emplace_back(item.text);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// set(list) - universe; reports it under `key` and returns false when it is not empty. The error
// points at the first invalid item in the document.
bool check_known_regions(SchemaErrors& errors, std::string_view key, const std::vector<StringItem>& items,
                         const RegionUniverse& universe) {
  std::vector<std::string_view> invalid;
  const yaml::Node* first_invalid = nullptr;
  for (const auto& item : items) {
    if (!universe.contains(item.text)) {
      invalid.push_back(item.text);
      if (first_invalid == nullptr) {
        first_invalid = item.node;
      }
    }
  }
  if (invalid.empty()) {
    return true;
  }
  std::sort(invalid.begin(), invalid.end());
  invalid.erase(std::unique(invalid.begin(), invalid.end()), invalid.end());
  errors.add(std::string(key), first_mark({first_invalid->mark}), invalid_regions_message(invalid, universe));
  return false;
}

}  // namespace

std::string invalid_regions_message(const std::vector<std::string_view>& invalid_sorted,
                                    const RegionUniverse& universe) {
  std::string message(k_invalid_regions_prefix);
  for (std::size_t i = 0; i < invalid_sorted.size(); ++i) {
    if (i > 0) {
      message += ", ";
    }
    message += invalid_sorted[i];
  }
  message += k_invalid_regions_middle;
  const auto& all = universe.sorted();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) {
      message += ", ";
    }
    message += all[i];
  }
  return message;
}

void validate_regions(SchemaErrors& errors, const yaml::Node& include_node,
                      const std::vector<StringItem>& include, const std::vector<StringItem>& exclude,
                      const RegionUniverse& universe, std::vector<std::string>& include_out,
                      std::vector<std::string>& exclude_out) {
  const bool has_all =
      std::any_of(include.begin(), include.end(), [](const StringItem& item) { return item.text == "ALL"; });
  if (has_all) {
    // Even [ALL, ALL] is rejected: upstream checks the list's length, not the set's.
    if (include.size() > 1) {
      errors.add(std::string("IncludeRegions"), first_mark({include_node.mark}),
                 std::string(k_all_regions_exclusive));
    }
    include_out = universe.sorted();
  } else if (check_known_regions(errors, "IncludeRegions", include, universe)) {
    include_out = sorted_set(include);
  }
  // `ALL` is not special here: it is reported as an invalid region.
  if (!exclude.empty() && check_known_regions(errors, "ExcludeRegions", exclude, universe)) {
    exclude_out = sorted_set(exclude);
  }
}

}  // namespace drydock::workers::templates
