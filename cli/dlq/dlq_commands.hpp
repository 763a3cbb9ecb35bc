#pragma once
// `drydock dlq list|show|export|import|purge|replay`: the dead letters of the project's emulated cloud —
// every worker's DLQ and the Starbase fan-out queue's — with why each one failed (the attempt history), so a
// payload can be inspected, exported, replayed from production, replayed to its worker (edited or
// not), or thrown away (docs/dlq.md).
//
// Every command opens the cloud like `drydock queues` (--project, --state) and returns 0 on success;
// 2 for usage and project errors: an unknown worker, ids no DLQ holds (nothing is changed then), files
// that cannot be read or imported, a purge that was not confirmed on a non-terminal stdin.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/cloud_context.hpp"
#include "cli/dispatch_session.hpp"

namespace drydock::cli {

struct DlqListOptions {
  CloudFlags cloud;
  std::optional<std::string> worker;  // one worker's DLQ ("Starbase": the fan-out queue's); all when unset
  std::string format = "text";        // text | json
};
// One line per dead letter: id, worker, account, region, template, attempts, last failure reason.
// JSON: [{"id","queue","worker","account","region","template","attempts","last_error"}] (null where
// unknown).
int run_dlq_list(const DlqListOptions& options, std::ostream& out, std::ostream& err);

struct DlqShowOptions {
  CloudFlags cloud;
  std::string id;
  std::string format = "text";  // text | json
};
// One dead letter: its body pretty-printed, its attributes (timestamps also as ISO times), where it was
// redriven from, and every recorded attempt with its reason and output.
int run_dlq_show(const DlqShowOptions& options, std::ostream& out, std::ostream& err);

struct DlqExportOptions {
  CloudFlags cloud;
  std::vector<std::string> ids;
  std::string directory;
  bool force = false;  // replace existing files
};
// Writes each body, byte for byte, to DIR/<id>.json (.txt when it is not JSON), atomically, creating
// DIR. Refuses (writing nothing) when a file exists, unless `force`.
int run_dlq_export(const DlqExportOptions& options, std::ostream& out, std::ostream& err);

struct DlqImportOptions {
  CloudFlags cloud;
  std::vector<std::string> files;
  std::optional<std::string> worker;  // whose DLQ; inferred from each body when unset
};
// Puts message bodies — a file's contents, or each message of `aws sqs receive-message` JSON — into a
// worker's DLQ after SQS's send checks; all files are read and checked before anything is sent.
int run_dlq_import(const DlqImportOptions& options, std::ostream& out, std::ostream& err);

struct DlqPurgeOptions {
  CloudFlags cloud;
  std::vector<std::string> arguments;  // message ids, and at most one worker name
  bool all = false;                    // every dead letter (of the worker, if one is named)
  bool yes = false;                    // do not ask
};
// Deletes dead letters, all or nothing. Without `yes`, asks on `err` and reads the answer from `in` when
// `interactive` (stdin is a terminal), and refuses otherwise.
int run_dlq_purge(const DlqPurgeOptions& options, std::istream& in, bool interactive, std::ostream& out,
                  std::ostream& err);

struct DlqReplayOptions {
  DispatchFlags dispatch;              // --project, --state, and drain's flags for the run after the move
  std::vector<std::string> arguments;  // message ids, and at most one worker name
  bool all = false;                    // every dead letter (of the worker, if one is named)
  std::optional<std::string> payload;  // --payload FILE: the one message's new body
  bool edit = false;                   // --edit: the one message's body in $EDITOR first
  bool dry_run = false;                // say what would move; change nothing
};
// Moves the dead letters back to the queue each was redriven from (DeadLetterQueueSourceArn; an
// imported one, without it, to the queue whose DLQ holds it) in ONE transaction, as a move task
// moves them (row, id and history kept, receive count reset), then drains like `drydock drain`
// (WORKER's queue when they all go to one worker's) and prints its report. A new body (--payload,
// --edit; exactly one id) gets SendMessage's checks and, for a worker's message, is checked as the
// worker's template (JSON, then its kind's schema, file:line:column errors) before anything moves.
// Returns the drain's status: 0 every message succeeded, 1 one was dead-lettered again (or an edit
// was given up: unchanged, empty); 2 usage errors: unknown ids or worker, a refused body, ids that
// left the DLQ meanwhile (another process replayed them) — nothing moves then.
int run_dlq_replay(const DlqReplayOptions& options, std::ostream& out, std::ostream& err);

}  // namespace drydock::cli
