#pragma once
// The long help of drydock's subcommands (the footer `--help` prints under the options), kept apart
// from cli/app.cpp, the one file that includes CLI11, as cli/subcommands keeps the one-line
// descriptions: none of it needs CLI11.

#include <string>
#include <string_view>

namespace drydock::cli {

// The footer of `command` ("serve", "dlq show"), or "" when it has none here.
std::string_view footer_of(std::string_view command);

// `before`, then how a dispatching command (fanout, put, tick, clock advance, drain) runs workers and
// what its exit status and report formats are.
std::string dispatch_footer(std::string_view before = "");

}  // namespace drydock::cli
