#include "cli/account_index_loading.hpp"

#include <fmt/format.h>

#include <ostream>

#include "cli/app.hpp"
#include "cli/project_context.hpp"
#include "emulator/run/project_index.hpp"
#include "workers/validation/project_validation.hpp"

namespace drydock::cli {

std::expected<emulator::AccountIndex, int> load_account_index(const std::filesystem::path& path,
                                                              const workers::RegionUniverse& regions,
                                                              std::ostream& err, bool show_lints) {
  auto index = emulator::load_account_index(path, regions);
  if (!index) {
    print_run_error(err, index.error());
    return std::unexpected(k_exit_usage);
  }
  if (show_lints) {
    print_index_lints(err, path, index->lints(workers::display_path(path, std::filesystem::current_path())));
  }
  return std::move(*index);
}

void print_index_lints(std::ostream& err, const std::filesystem::path& path,
                       std::vector<workers::Diagnostic> lints) {
  // The first few, then a count, so a large organization does not bury the command's output.
  constexpr std::size_t k_shown = 5;
  const std::size_t total = lints.size();
  if (total > k_shown) {
    lints.resize(k_shown);
  }
  print_diagnostics(err, lints);
  if (total > k_shown) {
    err << fmt::format("{}: {} more warnings about the account index\n", path.string(), total - k_shown);
  }
}

}  // namespace drydock::cli
