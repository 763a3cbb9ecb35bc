// `drydock dlq export ID… DIR`: dead letters' bodies as files, to edit, diff or replay elsewhere.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <system_error>

#include "cli/app.hpp"
#include "cli/dlq/dead_letters.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "cli/project_context.hpp"
#include "emulator/common/atomic_file.hpp"

namespace drydock::cli {
namespace {

// DIR/<id>.json for a JSON body, DIR/<id>.txt for any other.
std::filesystem::path export_path(const std::filesystem::path& directory, const DeadLetter& letter) {
  const bool json = nlohmann::json::accept(letter.message.body);
  return directory / (letter.message.message_id + (json ? ".json" : ".txt"));
}

}  // namespace

int run_dlq_export(const DlqExportOptions& options, std::ostream& out, std::ostream& err) {
  auto opened = open_cloud_context(options.cloud, err);
  if (!opened) {
    return opened.error();
  }
  emulator::Cloud& cloud = *opened->cloud;
  auto letters = select_dead_letters(cloud, std::nullopt, options.ids, false, err);
  if (!letters) {
    return letters.error();
  }
  const std::filesystem::path directory(options.directory);
  // Every check before the first write: an export either writes every file or none.
  std::vector<std::string> existing;
  for (const DeadLetter& letter : *letters) {
    if (const auto path = export_path(directory, letter); !options.force && std::filesystem::exists(path)) {
      existing.push_back(path.string());
    }
  }
  if (!existing.empty()) {
    print_error(err, fmt::format("{} already exist{}; nothing was written (give --force to replace)",
                                 fmt::join(existing, ", "), existing.size() == 1 ? "s" : ""));
    return k_exit_usage;
  }
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    print_error(err, fmt::format("{}: cannot create the directory: {}", directory.string(), error.message()));
    return k_exit_usage;
  }
  for (const DeadLetter& letter : *letters) {
    const auto path = export_path(directory, letter);
    if (auto written = emulator::write_file_atomically(path, letter.message.body, std::nullopt); !written) {
      print_error(err, written.error());
      return k_exit_usage;
    }
    out << fmt::format("{} ({}) -> {}\n", letter.message.message_id, letter.pair->owner, path.string());
  }
  return k_exit_ok;
}

}  // namespace drydock::cli
