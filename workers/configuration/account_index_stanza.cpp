#include "workers/configuration/account_index_stanza.hpp"

#include <array>
#include <string>

namespace drydock::workers {

bool validate_account_index_stanza(const yaml::Node& value, config::Reporter& reporter) {
  auto string = [](const yaml::Node& v, const FieldPath& p, config::Reporter& r) {
    config::check_string(v, p, r);
  };
  const std::array<config::FieldSpec, 3> fields = {{
      {"IndexBucket", true, string},
      {"BucketRegion", true, string},
      {"IndexObjectPath", false, string},
  }};
  const auto errors_before = reporter.error_count();
  config::check_schema(value, {std::string(k_account_index_key)}, reporter, fields, config::Unknown::raise);
  return reporter.error_count() == errors_before;
}

}  // namespace drydock::workers
