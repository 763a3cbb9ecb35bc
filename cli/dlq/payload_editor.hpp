#pragma once
// `drydock dlq replay --edit`: a dead letter's body opened in the user's editor, attached to the
// terminal, before it is replayed.

#include <expected>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "workers/process/process_runner.hpp"

namespace drydock::cli {

// The editor's argv: $EDITOR, else $VISUAL, else "vi", split on whitespace ("code --wait" is two
// arguments); never run through a shell.
std::vector<std::string> editor_command();

// Writes `body` to a new temporary file named after `id` (a JSON object or array indented, key order
// kept, with a .json name; any other body as it is, .txt), runs `editor` with the file's path appended
// through `runner`, attached to the terminal, and returns the path when the editor exited 0 and left
// the file changed and not blank: the caller reads the new body there and removes the file. Otherwise
// prints why on `err` (the editor could not start or failed, the file is unchanged or empty), removes
// the file, and returns the exit code: 1 for an edit given up (unchanged, empty), 2 for errors.
std::expected<std::filesystem::path, int> edit_body(const std::string& body, const std::string& id,
                                                    const std::vector<std::string>& editor,
                                                    workers::ProcessRunner& runner, std::ostream& err);

}  // namespace drydock::cli
