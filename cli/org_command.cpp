#include "cli/org_command.hpp"

#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/project_context.hpp"
#include "emulator/accounts/organization.hpp"

namespace drydock::cli {
namespace {

int write_output(const std::string& text, const std::optional<std::string>& output, std::ostream& out,
                 std::ostream& err) {
  if (!output) {
    out << text;
    if (!text.ends_with('\n')) {
      out << '\n';  // a terminal wants a final newline; the file keeps upstream's bytes
    }
    return k_exit_ok;
  }
  std::ofstream file(*output, std::ios::binary | std::ios::trunc);
  file << text;  // upstream's writer ends without a newline
  file.close();  // a full disk shows when the buffer is written
  if (!file) {
    print_error(err, fmt::format("cannot write {}", *output));
    return k_exit_usage;
  }
  return k_exit_ok;
}

}  // namespace

int run_org_generate(const OrgGenerateOptions& options, std::ostream& out, std::ostream& err) {
  if (options.accounts == 0) {
    print_error(err, "--accounts must be at least 1");
    return k_exit_usage;
  }
  auto regions = choose_regions(options.regions, std::nullopt, err);
  if (!regions) {
    return regions.error();
  }
  emulator::OrgGeneratorOptions generator;
  generator.accounts = options.accounts;
  generator.seed = options.seed;
  generator.all_regions = options.all_regions;
  generator.other_partition_regions = options.other_partition_regions;
  const auto org = emulator::generate_organization(generator, *regions);
  return write_output(
      options.format == "yaml" ? emulator::to_compact_yaml(org) : emulator::to_index_json(org),
      options.output, out, err);
}

int run_org_convert(const OrgConvertOptions& options, std::ostream& out, std::ostream& err) {
  auto regions = choose_regions(options.regions, std::nullopt, err);
  if (!regions) {
    return regions.error();
  }
  auto org = emulator::load_organization(options.input, *regions);
  if (!org) {
    print_diagnostics(err, org.error());
    print_error(err, fmt::format("cannot convert {}", options.input));
    return k_exit_usage;
  }
  return write_output(emulator::to_index_json(*org), options.output, out, err);
}

}  // namespace drydock::cli
