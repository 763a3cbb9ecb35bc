// In-process validation throughput: every template of a generated project is read into memory once,
// then loaded (PyYAML rules) and validated against its kind repeatedly. Separates Drydock's own cost
// from process start-up and file I/O, which bench/run_validate_bench.sh measures end to end.
//
// usage: drydock_bench PROJECT_DIR [ROUNDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "workers/lint/template_lints.hpp"
#include "workers/regions/region_universe.hpp"
#include "workers/templates/template_validator.hpp"
#include "workers/validation/template_check.hpp"
#include "workers/yaml/loader.hpp"

namespace fs = std::filesystem;
using namespace drydock::workers;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PROJECT_DIR [ROUNDS]\n", argv[0]);
    return 2;
  }
  const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  struct Input {
    std::string bytes;
    TemplateKind kind;
  };
  std::vector<Input> inputs;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(argv[1]) / "templates")) {
    if (!entry.is_regular_file()) {
      continue;
    }
    auto ship = entry.path().lexically_relative(fs::path(argv[1]) / "templates").begin()->string();
    TemplateKind kind = ship == "BenchAccountShip"         ? TemplateKind::account
                        : ship == "BenchAccountRegionShip" ? TemplateKind::account_region
                                                           : TemplateKind::single_invocation;
    inputs.push_back({read_bounded(entry.path(), k_max_template_bytes).value_or(""), kind});
  }
  const auto& regions = default_region_universe();
  std::vector<double> seconds;
  std::size_t errors = 0;
  for (int round = 0; round < rounds; ++round) {
    auto start = std::chrono::steady_clock::now();
    for (const auto& input : inputs) {
      auto doc = yaml::load(input.bytes);
      if (!doc) {
        ++errors;
        continue;
      }
      auto result = validate_template(*doc->root(), input.kind, regions);
      auto lints = lint_template(*doc, input.kind);
      errors += result.diagnostics.size() + lints.size();
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  std::printf(
      "%zu templates x %d rounds: median %.4f s per round, %.0f templates/s in process (%zu diagnostics)\n",
      inputs.size(), rounds, median, static_cast<double>(inputs.size()) / median, errors / rounds);
  return 0;
}
