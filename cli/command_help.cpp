#include "cli/command_help.hpp"

#include <string>

namespace drydock::cli {
namespace {

constexpr const char* k_dispatch_footer =
    "Runs on the virtual clock: a visibility timeout passes at once, so 4 attempts x 300 s end in\n"
    "milliseconds (--real-time waits). A worker's messages go to its transport (drydock.yaml: builtin,\n"
    "command or http); a failed batch comes back after the visibility timeout and, after\n"
    "maxReceiveCount receives, moves to the DLQ, exactly as SQS does. State persists in .drydock/.\n\n"
    "Exit status: 0 every message succeeded, 1 a message was dead-lettered or the Starbase failed a\n"
    "template, 2 usage or project error.";

// How the reports look; shared by every command that runs workers.
constexpr const char* k_formats_footer =
    "Formats (one report of everything the command ran):\n"
    "  text    per function: messages, invocations, failed attempts, dead letters and why (default)\n"
    "  json    {\"invocations\", \"succeeded\", \"failed_attempts\", \"dead_lettered\", \"messages\": [...], "
    "...}\n"
    "  junit   JUnit XML for CI: a <testsuite> per function (the Starbase, each worker), a <testcase> per\n"
    "          message named \"<account> <region> <TemplateName>\"; a dead-lettered message is a <failure>\n"
    "          with its last error, exit code, signal or timeout, its DLQ and the worker's output\n"
    "  github  GitHub workflow commands: an ::error per dead letter and Starbase failure, on the\n"
    "          template's file when known, and a ::notice summary\n"
    "--output FILE writes the json, junit or github report to FILE (atomically) and the text report to\n"
    "stdout. See docs/run.md, \"Results for CI\".";

struct Footer {
  std::string_view command;
  std::string_view text;
};

constexpr Footer k_footers[] = {
    {"validate",
     "With a project (drydock.yaml in the working directory, or --project DIR), checks the Starfleet\n"
     "configuration directory and every template under the template directory, each against the kind of\n"
     "the worker ship whose TemplatePrefix claims it. Without a project, --kind KIND FILE... checks\n"
     "standalone templates. Errors use upstream's field paths and messages; warnings flag upstream's\n"
     "traps (unquoted account IDs, dates, Enabled: \"False\", ...).\n\n"
     "Exit status: 0 valid, 1 errors found (or warnings with --strict), 2 usage or project error."},
    {"plan",
     "Resolves each template as upstream's Starbase does — IncludeAccounts minus ExcludeAccounts, the org\n"
     "root only with OperateInOrgRoot, regions where each account is enabled, narrowed by ScopeToRegions —\n"
     "against the account index (drydock.yaml's account_index, or --accounts). The worker (and so the "
     "kind)\n"
     "comes from the TemplatePrefix that claims the template; --kind overrides it.\n\n"
     "--format json --messages prints the exact SQS message bodies (json.dumps of the original template\n"
     "with StarbaseAssignedAccount/StarbaseAssignedRegion), sorted by batch entry Id.\n\n"
     "Exit status: 0 planned, 1 a template is invalid (its errors are shown), 2 usage or project error."},
    {"run",
     "Like upstream's worker CLI: the payload is loaded and validated as the worker's template kind; for\n"
     "ACCOUNT and ACCOUNT_REGION workers --account-id (and --region) must be one the template targets\n"
     "(upstream's refusal otherwise); the worker then gets a one-record SQS event whose body is what the\n"
     "Starbase would have sent (StarbaseAssignedAccount/Region set). No queue is involved: use fanout for\n"
     "retries and DLQs.\n\n"
     "--from-dlq ID runs a dead letter instead: its worker gets the same one-record event with the dead\n"
     "letter's body, once; a command worker's output goes straight to the terminal (for debugging). The\n"
     "message stays in the DLQ ('drydock dlq replay' moves it back).\n\n"
     "--format junit gives one test case (a refused payload is a failed one), --format github an ::error\n"
     "on the payload's file when it fails; --output FILE writes that report to FILE (see drain --help).\n\n"
     "Exit status: 0 the worker succeeded, 1 it failed or the payload was refused, 2 usage or project "
     "error."},
    {"queues",
     "The queues come from the project: the Starbase fan-out queue (STARFLEET.FanOutQueueUrl) and one per\n"
     "worker (the last segment of its InvocationQueueUrl), each with a DLQ (<name>-dlq unless the SAM\n"
     "template's RedrivePolicy names another). Settings come from drydock.yaml, else the SAM template, "
     "else\n"
     "upstream's defaults (visibility 300 s, 4 receives, batch 2; the Starbase's batch is 1); SETTINGS\n"
     "says which. Queues are created or updated in the state store (.drydock/state.sqlite3) on every\n"
     "command; their messages are kept. Counts are at the virtual clock's current time."},
    {"serve",
     "Serves the project's emulated S3 and SQS on one port for real clients. S3 REST, path-style\n"
     "(http://127.0.0.1:4566/<bucket>/<key>) or virtual-hosted (<bucket>.localhost): buckets, objects,\n"
     "listings, copies, multipart uploads, with Content-MD5 and x-amz-checksum-* checked. The template\n"
     "bucket is the project's templates directory (writes go to the state directory), and an upload into\n"
     "it sends the Starbase's fan-out queue its S3 event record. SQS in the JSON protocol (X-Amz-Target:\n"
     "AmazonSQS.*; current boto3, the aws on PATH, the JavaScript SDK) and the Query protocol (Debian's\n"
     "awscli and boto3). Buckets and queues are the project's, as the other commands see them, in the\n"
     "same state directory; requests need no credentials (any SigV4 headers are accepted unchecked).\n"
     "Queue URLs in answers point back here (http://127.0.0.1:4566/<account>/<name>); AWS-format URLs\n"
     "from the Starfleet configuration are accepted too.\n\n"
     "Workers run while serving: a message that reaches a worker's queue (from any client, or from the\n"
     "Starbase) invokes the worker through its drydock.yaml transport with the event-source mapping's\n"
     "batch size, visibility timeout and redrive, as `drain` does; EventBridge's timed rules fire on the\n"
     "wall clock. One line per pass says what ran (--no-workers: nothing runs, messages stay queued).\n"
     "Time is the wall clock; POST /_drydock/clock/advance {\"by\": \"5m\"} moves it on and answers once\n"
     "what fell due has run (visibility timeouts end, rules fire). GET /_drydock/health answers once\n"
     "ready. Other drydock commands may use the state meanwhile; a command that dispatches (fanout,\n"
     "drain, ...) takes turns with the server.\n\n"
     "Not served yet: STS, FIFO queues, AddPermission, S3 object metadata and subresources\n"
     "such as ?tagging (each answered with a clear error). docs/serve.md lists everything.\n\n"
     "Exit status: 0 after Ctrl-C or SIGTERM (requests in progress are finished), 2 when the project "
     "cannot\n"
     "be opened or the port cannot be bound."},
    {"dlq",
     "Dead letters are the messages SQS moved to a DLQ after maxReceiveCount failed receives: each\n"
     "worker's DLQ and the Starbase fan-out queue's (WORKER 'Starbase'). Drydock records every failed\n"
     "attempt with the message (reason, exit code or signal or timeout, HTTP status and error payload,\n"
     "the end of the output), so 'dlq show' says why a payload died. See docs/dlq.md.\n\n"
     "Exit status: 0 done, 1 a purge was not confirmed (replay: a message was dead-lettered again), 2\n"
     "usage or project error (an unknown worker, ids that no DLQ holds: nothing is changed then)."},
    {"dlq list",
     "Columns: the MessageId, the worker whose DLQ holds it, the body's StarbaseAssignedAccount and\n"
     "StarbaseAssignedRegion, its TemplateName (a fan-out message: the template key), the attempts (the\n"
     "recorded failures, else SQS's ApproximateReceiveCount) and the first line of the last failure.\n"
     "--format json: [{\"id\", \"queue\", \"worker\", \"account\", \"region\", \"template\", \"attempts\",\n"
     "\"last_error\"}], null where unknown."},
    {"dlq show",
     "Prints the body (JSON indented), the system attributes (SentTimestamp and\n"
     "ApproximateFirstReceiveTimestamp also as ISO times), the message attributes, the queue it was\n"
     "redriven from (DeadLetterQueueSourceArn), and each recorded attempt: its number (the receive\n"
     "count), virtual and wall time, function, reason, exit code, signal, timeout, HTTP status, error\n"
     "payload and the tail of the output."},
    {"dlq export",
     "Each body is written byte for byte (so 'dlq import' of the file gives the same message), atomically,\n"
     "to DIR/<id>.json when it is JSON and DIR/<id>.txt otherwise; DIR is created. Existing files are not\n"
     "replaced without --force, and then nothing is written."},
    {"dlq import",
     "A FILE is one message body as it is (e.g. from 'dlq export'), or the JSON 'aws sqs receive-message'\n"
     "prints ({\"Messages\": [{\"MessageId\", \"Body\", \"MessageAttributes\", ...}]}: every message is\n"
     "imported, with its String and Number attributes), so a production dead letter can be replayed\n"
     "against the local organization. The DLQ is --worker's; without it, the body says: a fan-out message\n"
     "goes to the Starbase's, a template to the one worker of its fan-out kind (StarbaseAssignedRegion:\n"
     "ACCOUNT_REGION, StarbaseAssignedAccount: ACCOUNT, neither: SINGLE_INVOCATION). Every message gets\n"
     "SendMessage's checks (characters, size) before anything is sent: all are imported, or none.\n"
     "Imported messages get new MessageIds and have no recorded attempts."},
    {"dlq purge",
     "Arguments are MessageIds and, optionally, one WORKER ('Starbase' for the fan-out queue's DLQ) that\n"
     "limits the purge to its DLQ. Ids no DLQ holds are an error and nothing is deleted. On a terminal\n"
     "the purge asks first unless --yes; with stdin not a terminal it refuses without --yes."},
    {"dlq replay",
     "Arguments are MessageIds and, optionally, one WORKER ('Starbase' for the fan-out queue's DLQ) that\n"
     "limits the replay to its DLQ; --all takes every dead letter (of WORKER's DLQ when given).\n\n"
     "Each message goes back to the queue it was redriven from (its DeadLetterQueueSourceArn; an imported\n"
     "one to the queue whose DLQ holds it) as an SQS move task moves it: same MessageId, body and\n"
     "attributes, the receive count starting again at 0, its recorded attempts kept ('dlq show' lists\n"
     "the old and the new ones). All move in one transaction: an id no DLQ holds is an error naming it,\n"
     "and nothing moves. Then the workers run as 'drydock drain WORKER' runs them (WORKER: the one all\n"
     "the messages went back to; otherwise every queue), with the same report.\n\n"
     "--payload FILE replaces the body of the one message given (byte for byte) before it moves, and\n"
     "--edit opens the body in $EDITOR (else $VISUAL, else vi; JSON indented) and uses what you save; an\n"
     "unchanged or empty file gives up. The new body is checked first: SQS's SendMessage checks, and for\n"
     "a worker's message JSON and the worker's template schema (errors at FILE:LINE:COLUMN); a refused\n"
     "body moves nothing (an --edit is kept in its file to fix and pass with --payload).\n"
     "--dry-run prints what would move (id, from DLQ, to queue, worker) and changes nothing.\n\n"
     "--format junit|github|json reports the drain (see drain --help; the 'replayed' lines go to stderr\n"
     "when the report is on stdout), with --output FILE to a file.\n\n"
     "Exit status: 0 every replayed message succeeded, 1 one was dead-lettered again (or the edit was\n"
     "given up), 2 usage or project error (unknown ids or worker, a refused body): nothing moved."},
    {"schema",
     "Example (VS Code / yaml-language-server), at the top of a template:\n"
     "  # yaml-language-server: $schema=./account-region.schema.json\n"
     "after: drydock schema ACCOUNT_REGION > account-region.schema.json"},
};

}  // namespace

std::string_view footer_of(std::string_view command) {
  for (const auto& footer : k_footers) {
    if (footer.command == command) {
      return footer.text;
    }
  }
  return {};
}

std::string dispatch_footer(std::string_view before) {
  return std::string(before) + k_dispatch_footer + "\n\n" + k_formats_footer;
}

}  // namespace drydock::cli
