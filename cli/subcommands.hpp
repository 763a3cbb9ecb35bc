#pragma once
// The table of drydock's subcommands (name and one-line description, shown by --help) and the
// "did you mean" hint for a mistyped one. Kept apart from cli/app.cpp, the one file that includes
// CLI11, since none of it needs CLI11.

#include <string>
#include <string_view>

namespace drydock::cli {

// The one-line description of subcommand `name`, or "".
const char* description_of(std::string_view name);

// " (did you mean 'validate'?)" for a mistyped subcommand within two edits of a real one, or "".
std::string suggestion(std::string_view typed);

}  // namespace drydock::cli
