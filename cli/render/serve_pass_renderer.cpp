#include "cli/render/serve_pass_renderer.hpp"

#include <fmt/format.h>

#include <ostream>

#include "cli/render/dispatch_cases.hpp"
#include "emulator/common/instant_text.hpp"
#include "emulator/starbase/starbase_transport.hpp"

namespace drydock::cli {
namespace {

std::string plural(std::int64_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

void render_outcome(const emulator::StarbaseOutcome& outcome, std::string_view stamp, std::ostream& out) {
  for (const auto& tasked : outcome.tasked) {
    out << fmt::format("{}   tasked {} with {}: {}\n", stamp, tasked.worker, tasked.key,
                       plural(static_cast<std::int64_t>(tasked.messages_sent), "message"));
  }
  if (outcome.failure) {
    out << fmt::format("{}   failed: {}\n", stamp, first_line(*outcome.failure));
  }
}

void render_messages(const emulator::MappingReport& mapping, std::string_view stamp, std::ostream& out) {
  mapping.messages.for_each([&](const emulator::MessageRecord& message) {
    const bool dead = message.outcome == emulator::MessageOutcome::dead_lettered;
    if (!dead && message.last_error.empty()) {
      return;
    }
    const std::string target = message.account
                                   ? fmt::format(" ({}{}{})", *message.account, message.region ? " " : "",
                                                 message.region.value_or(""))
                                   : std::string();
    out << fmt::format("{}   {} {}{}: {}\n", stamp, dead ? "dead-lettered" : "failed, to be retried",
                       message.message_id, target, first_line(message.last_error));
  });
}

}  // namespace

void render_serve_pass(const emulator::LivePass& pass, emulator::Instant now, std::ostream& out) {
  const std::string stamp = emulator::format_instant(now);
  for (const auto& fired : pass.firings) {
    out << fmt::format("{} EventBridge rule {} fired at {} with {}: {} to the fan-out queue\n", stamp,
                       fired.firing.rule, emulator::format_instant(fired.firing.time), fired.firing.input,
                       plural(static_cast<std::int64_t>(fired.outcome.fanout_messages_sent), "message"));
    render_outcome(fired.outcome, stamp, out);
  }
  for (const auto& mapping : pass.report.mappings) {
    const auto& t = mapping.totals;
    if (t.invocations == 0) {
      continue;
    }
    out << fmt::format("{} {}: {}, {} succeeded, {}, {} dead-lettered\n", stamp, mapping.function_name,
                       plural(t.invocations, "invocation"), t.succeeded,
                       plural(t.failed_attempts, "failed attempt"), t.dead_lettered);
    if (mapping.function_name == emulator::k_starbase_function) {
      for (const auto& outcome : pass.starbase) {
        render_outcome(outcome, stamp, out);
      }
    }
    render_messages(mapping, stamp, out);
  }
  if (pass.error) {
    out << fmt::format("{} dispatch stopped: {} (the next pass tries again)\n", stamp, *pass.error);
  }
}

}  // namespace drydock::cli
