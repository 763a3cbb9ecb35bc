#pragma once
// application/x-www-form-urlencoded bodies (the Query protocol) and URL query strings: `+` is a space,
// %XX a byte; fields in the order sent.

#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drydock::emulator::http {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// The fields of `text`; fails naming the first malformed escape (a `%` not followed by two hex digits).
// Empty pieces (`a=1&&b=2`) are skipped; a field without `=` has an empty value.
std::expected<FormFields, std::string> parse_form(std::string_view text);

// `text` with %XX decoded (and `+` as a space when `plus_is_space`); fails on a malformed escape.
std::expected<std::string, std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace drydock::emulator::http
