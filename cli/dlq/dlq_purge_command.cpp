// `drydock dlq purge (ID… | --all) [WORKER] [--yes]`: throwing dead letters away, all or nothing.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include <istream>
#include <ostream>

#include "cli/app.hpp"
#include "cli/dlq/dead_letters.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "cli/project_context.hpp"

namespace drydock::cli {
namespace {

bool confirmed(std::istream& in, std::ostream& err, std::size_t count,
               const std::vector<std::string>& queues) {
  err << fmt::format("Delete {} dead letter{} from {}? This cannot be undone. [y/N] ", count,
                     count == 1 ? "" : "s", fmt::join(queues, ", "));
  err.flush();
  std::string answer;
  std::getline(in, answer);
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES" || answer == "Yes";
}

}  // namespace

int run_dlq_purge(const DlqPurgeOptions& options, std::istream& in, bool interactive, std::ostream& out,
                  std::ostream& err) {
  auto opened = open_cloud_context(options.cloud, err);
  if (!opened) {
    return opened.error();
  }
  emulator::Cloud& cloud = *opened->cloud;
  auto split = split_arguments(cloud.layout(), options.arguments, options.all, "purge");
  if (!split) {
    print_error(err, split.error());
    return k_exit_usage;
  }
  auto& [ids, worker] = *split;
  auto letters = select_dead_letters(cloud, worker, ids, options.all, err);
  if (!letters) {
    return letters.error();
  }
  if (letters->empty()) {
    out << "No dead letters to purge.\n";
    return k_exit_ok;
  }
  std::vector<std::string> targets;
  std::vector<std::string> queues;
  for (const DeadLetter& letter : *letters) {
    targets.push_back(letter.message.message_id);
    if (std::find(queues.begin(), queues.end(), letter.pair->dlq.name) == queues.end()) {
      queues.push_back(letter.pair->dlq.name);
    }
  }
  if (!options.yes) {
    if (!interactive) {
      print_error(err, fmt::format("refusing to delete {} dead letter{} without confirmation: stdin is not a "
                                   "terminal (give --yes)",
                                   targets.size(), targets.size() == 1 ? "" : "s"));
      return k_exit_usage;
    }
    if (!confirmed(in, err, targets.size(), queues)) {
      out << "Nothing was deleted.\n";
      return k_exit_problems;
    }
  }
  auto outcomes = emulator::delete_messages_by_id(cloud.sqs(), queues, targets, /*all_or_nothing=*/true);
  if (!outcomes) {
    return print_sqs_failure(err, outcomes.error());
  }
  std::vector<std::string> gone;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if ((*outcomes)[k] == emulator::DeleteByIdOutcome::not_found) {
      gone.push_back(targets[k]);
    }
  }
  if (!gone.empty()) {
    print_error(err, fmt::format("{} left the DLQ meanwhile (another Drydock process?); nothing was deleted",
                                 fmt::join(gone, ", ")));
    return k_exit_usage;
  }
  collect_history_garbage(cloud, err);
  for (const DeadLetter& letter : *letters) {
    out << fmt::format("deleted {} from {} ({})\n", letter.message.message_id, letter.pair->dlq.name,
                       letter.pair->owner);
  }
  out << fmt::format("{} dead letter{} deleted.\n", targets.size(), targets.size() == 1 ? "" : "s");
  return k_exit_ok;
}

}  // namespace drydock::cli
