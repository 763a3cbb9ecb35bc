// `drydock dlq replay (ID… | --all) [WORKER] [--payload FILE | --edit] [--dry-run]`: dead letters back
// to their source queues in one transaction, then drained as `drydock drain` drains.

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/app.hpp"
#include "cli/dispatch_commands.hpp"
#include "cli/dlq/dead_letters.hpp"
#include "cli/dlq/dlq_commands.hpp"
#include "cli/dlq/payload_editor.hpp"
#include "cli/project_context.hpp"
#include "cli/run_command.hpp"
#include "emulator/sqs/message_limits.hpp"
#include "workers/validation/template_check.hpp"

namespace drydock::cli {
namespace {

using emulator::QueuePair;

struct Replay {
  const DeadLetter* letter = nullptr;
  const QueuePair* destination = nullptr;  // whose queue it goes back to
};

// The pair whose queue a dead letter goes back to: the one its DeadLetterQueueSourceArn names, or,
// for a message put into the DLQ directly (imported), the one whose DLQ holds it.
std::expected<const QueuePair*, std::string> destination_of(const DeadLetter& letter,
                                                            emulator::Cloud& cloud) {
  const auto source = letter.message.attributes.find("DeadLetterQueueSourceArn");
  if (source == letter.message.attributes.end()) {
    return letter.pair;
  }
  const auto& layout = cloud.layout();
  if (layout.fan_out && cloud.sqs().queue_arn(layout.fan_out->queue.name) == source->second) {
    return &*layout.fan_out;
  }
  for (const QueuePair& pair : layout.workers) {
    if (cloud.sqs().queue_arn(pair.queue.name) == source->second) {
      return &pair;
    }
  }
  return std::unexpected(
      fmt::format("dead letter {} was redriven from {}, which is not a queue of the "
                  "project; nothing was moved",
                  letter.message.message_id, source->second));
}

// "LINE:COLUMN" (1-based) of byte `offset` of `text`.
std::string position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n') + 1;
  const auto line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t column =
      line_start == std::string_view::npos || offset == 0 ? offset + 1 : offset - line_start;
  return fmt::format("{}:{}", line, column);
}

// Checks a new body as SQS and the worker would: SendMessage's checks against the destination, and
// for a worker's message JSON (upstream's workers json.loads it) and the worker's template check.
// Prints the problems, at `display`'s positions, and returns false when there are any.
bool body_accepted(DispatchSession& session, const Replay& replay, const std::string& body,
                   const std::string& display, std::ostream& err) {
  const auto fits = emulator::check_message_fits(body, replay.letter->message.message_attributes,
                                                 replay.destination->queue.maximum_message_size);
  if (!fits) {
    print_error(err, fmt::format("{}: SQS would refuse this body in {}: {}: {}", display,
                                 replay.destination->queue.name, fits.error().code, fits.error().message));
    return false;
  }
  if (replay.destination->owner == k_starbase_owner) {
    return true;  // a fan-out message or an S3 notification: the Starbase checks it when it runs
  }
  try {
    [[maybe_unused]] const auto parsed = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    err << fmt::format("{}:{}: error: the body is not JSON ({} reads it with json.loads): {}\n", display,
                       position(body, e.byte == 0 ? 0 : e.byte - 1), replay.destination->owner, e.what());
    return false;
  }
  const auto& workers = session.model().workers();
  const auto worker = std::find_if(workers.begin(), workers.end(), [&](const workers::Worker& w) {
    return w.name == replay.destination->owner;
  });
  if (worker == workers.end()) {
    return true;  // a queue without a worker model: nothing more to check against
  }
  const auto plan = plan_payload(session, *worker, body, display, err);
  if (!plan) {
    return false;
  }
  if (!plan->ok()) {
    print_diagnostics(err, plan->diagnostics);
    print_error(err, fmt::format("{}: not a valid {} template for {}", display,
                                 workers::to_string(worker->kind), worker->name));
    return false;
  }
  return true;
}

// The new body of the one message: --payload FILE as it is, or what the user left in $EDITOR. A body
// the checks refuse is an error; an edit that fails them is kept in its file for another try.
std::expected<std::string, int> replacement_body(DispatchSession& session, const DlqReplayOptions& options,
                                                 const Replay& replay, std::ostream& err) {
  std::filesystem::path file;
  if (options.payload) {
    file = *options.payload;
  } else {
    workers::RealProcessRunner runner;
    auto edited = edit_body(replay.letter->message.body, replay.letter->message.message_id, editor_command(),
                            runner, err);
    if (!edited) {
      return std::unexpected(edited.error());
    }
    file = *edited;
  }
  auto body = workers::read_bounded(file, workers::k_max_template_bytes);
  if (!body) {
    print_error(err, fmt::format("{}: {}", file.string(), body.error()));
    return std::unexpected(k_exit_usage);
  }
  if (!body_accepted(session, replay, *body, file.string(), err)) {
    print_error(err, options.edit
                         ? fmt::format("nothing was moved; the edit is kept in {}: fix it and run "
                                       "'drydock dlq replay {} --payload {}'",
                                       file.string(), replay.letter->message.message_id, file.string())
                         : std::string("nothing was moved"));
    return std::unexpected(k_exit_usage);
  }
  if (options.edit) {
    std::filesystem::remove(file);
  }
  return std::move(*body);
}

// The worker to drain: the one every message goes back to, or nullopt (every queue) when they go to
// several, or to the Starbase (whose fan-out reaches any worker).
std::optional<std::string> drained_worker(const std::vector<Replay>& replays) {
  const QueuePair* only = replays.front().destination;
  const bool one = std::all_of(replays.begin(), replays.end(),
                               [&](const Replay& replay) { return replay.destination == only; });
  return one && only->owner != k_starbase_owner ? std::optional(only->owner) : std::nullopt;
}

}  // namespace

int run_dlq_replay(const DlqReplayOptions& options, std::ostream& out, std::ostream& err) {
  if (options.payload && options.edit) {
    print_error(err, "give either --payload FILE or --edit, not both");
    return k_exit_usage;
  }
  auto opened = DispatchSession::open(options.dispatch, err);
  if (!opened) {
    return opened.error();
  }
  DispatchSession& session = **opened;
  emulator::Cloud& cloud = session.cloud();
  auto split = split_arguments(cloud.layout(), options.arguments, options.all, "replay");
  if (!split) {
    print_error(err, split.error());
    return k_exit_usage;
  }
  auto& [ids, worker] = *split;
  const bool new_body = options.payload || options.edit;
  if (new_body && ids.size() != 1) {
    print_error(err, fmt::format("{} replaces one message's body: give exactly one id (not {})",
                                 options.payload ? "--payload" : "--edit",
                                 options.all ? "--all" : std::to_string(ids.size())));
    return k_exit_usage;
  }
  auto letters = select_dead_letters(cloud, worker, ids, options.all, err);
  if (!letters) {
    return letters.error();
  }
  // With a machine format on stdout, stdout carries the drain's report alone.
  std::ostream& log = session.text_out(out, err);
  if (letters->empty()) {
    log << "No dead letters to replay.\n";
    return session.finish("drydock dlq replay", k_exit_ok, out, err);  // an empty report
  }

  // 1. Where each goes, and the new body; every check before anything moves.
  std::vector<Replay> replays;
  for (const DeadLetter& letter : *letters) {
    auto destination = destination_of(letter, cloud);
    if (!destination) {
      print_error(err, destination.error());
      return k_exit_usage;
    }
    replays.push_back({&letter, *destination});
  }
  std::optional<std::string> body;
  if (new_body) {
    auto replaced = replacement_body(session, options, replays.front(), err);
    if (!replaced) {
      return replaced.error();
    }
    body = std::move(*replaced);
  }
  if (options.dry_run) {
    for (const Replay& replay : replays) {
      log << fmt::format("would replay {} from {} to {} ({}){}\n", replay.letter->message.message_id,
                         replay.letter->pair->dlq.name, replay.destination->queue.name,
                         replay.destination->owner, body ? ", with the new body" : "");
    }
    log << fmt::format("Dry run: {} dead letter{} would be replayed; nothing was moved.\n", replays.size(),
                       replays.size() == 1 ? "" : "s");
    return k_exit_ok;
  }

  // 2. Move them all in one transaction (another process may have taken some meanwhile: then none).
  std::vector<emulator::MessageMove> moves;
  for (const Replay& replay : replays) {
    moves.push_back({replay.letter->message.message_id, replay.letter->pair->dlq.name,
                     replay.destination->queue.name, body});
  }
  if (auto moved = emulator::move_messages_by_id(cloud.sqs(), moves); !moved) {
    print_error(err, fmt::format("{}: {}; nothing was moved (another Drydock process may have replayed or "
                                 "purged them: see 'drydock dlq list')",
                                 moved.error().code, moved.error().message));
    return k_exit_usage;
  }
  for (const Replay& replay : replays) {
    log << fmt::format("replayed {} from {} to {} ({})\n", replay.letter->message.message_id,
                       replay.letter->pair->dlq.name, replay.destination->queue.name,
                       replay.destination->owner);
  }

  // 3. Run them as `drydock drain` would.
  return session.finish("drydock dlq replay", drain_session(session, drained_worker(replays), out, err), out,
                        err);
}

}  // namespace drydock::cli
