// `drydock dlq list [WORKER]`: one line per dead letter with its target and why it died.

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/dlq/dead_letters.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "emulator/lambda/dispatch_report.hpp"

namespace drydock::cli {
namespace {

nlohmann::ordered_json or_null(const std::optional<std::string>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

std::optional<std::string> last_reason(const DeadLetter& letter) {
  if (letter.attempts.empty()) {
    return std::nullopt;
  }
  return std::string(emulator::first_line(letter.attempts.back().error));
}

void render_json(const std::vector<DeadLetter>& letters, std::ostream& out) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const DeadLetter& letter : letters) {
    const emulator::AssignedTarget target = emulator::assigned_target(letter.message.body);
    list.push_back({{"id", letter.message.message_id},
                    {"queue", letter.pair->dlq.name},
                    {"worker", letter.pair->owner},
                    {"account", or_null(target.account)},
                    {"region", or_null(target.region)},
                    {"template", or_null(target.template_name)},
                    {"attempts", attempt_count(letter)},
                    {"last_error", or_null(last_reason(letter))}});
  }
  out << list.dump(2) << '\n';
}

void render_text(const std::vector<DeadLetter>& letters, std::ostream& out) {
  if (letters.empty()) {
    out << "No dead letters.\n";
    return;
  }
  constexpr std::string_view k_row = "{:<36}  {:<24} {:<12}  {:<14} {:<28} {:>8}  {}\n";
  out << fmt::format(k_row, "ID", "WORKER", "ACCOUNT", "REGION", "TEMPLATE", "ATTEMPTS", "LAST ERROR");
  for (const DeadLetter& letter : letters) {
    const emulator::AssignedTarget target = emulator::assigned_target(letter.message.body);
    out << fmt::format(k_row, letter.message.message_id, letter.pair->owner, target.account.value_or("-"),
                       target.region.value_or("-"), target.template_name.value_or("-"), attempt_count(letter),
                       last_reason(letter).value_or("(no recorded attempt)"));
  }
}

}  // namespace

int run_dlq_list(const DlqListOptions& options, std::ostream& out, std::ostream& err) {
  auto opened = open_cloud_context(options.cloud, err);
  if (!opened) {
    return opened.error();
  }
  emulator::Cloud& cloud = *opened->cloud;
  auto pairs = select_pairs(cloud.layout(), options.worker, err);
  if (!pairs) {
    return pairs.error();
  }
  collect_history_garbage(cloud, err);
  auto letters = load_dead_letters(cloud, *pairs, err);
  if (!letters) {
    return letters.error();
  }
  if (options.format == "json") {
    render_json(*letters, out);
  } else {
    render_text(*letters, out);
  }
  return k_exit_ok;
}

}  // namespace drydock::cli
