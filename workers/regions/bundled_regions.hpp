#pragma once
// The region lists of fixtures/regions/, compiled into the binary (generated source).

#include <string_view>
#include <vector>

namespace drydock::workers {

struct EmbeddedText {
  std::string_view name;  // file name without ".txt"
  std::string_view text;  // file contents
};

// Every bundled region list, in file-name order.
const std::vector<EmbeddedText>& bundled_region_files();

}  // namespace drydock::workers
