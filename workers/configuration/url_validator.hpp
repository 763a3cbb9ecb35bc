#pragma once
// marshmallow 3.21.1's validate.URL with relative=False, absolute=True and require_tld=True — what
// upstream's fields.Url(schemes={"https"}) applies to FanOutQueueUrl and InvocationQueueUrl.
//
// The validator first checks the scheme (the text before the first "://", lowercased) against the
// allowed schemes, then matches the whole value against marshmallow's URL regex, compiled with
// re.IGNORECASE on a Python str. That regex is reproduced here with Python's Unicode semantics:
// `\d` also matches non-ASCII decimal digits, `\s` Unicode whitespace, and the case-insensitive
// ASCII letter classes also match U+0130, U+0131, U+017F and U+212A (Python's `re` docs).
// Host forms accepted: dotted domain names with a TLD, "localhost", IPv4 and bracketed IPv6.

#include <span>
#include <string>
#include <string_view>

namespace drydock::workers::config {

// Whether `value` (UTF-8) passes validate.URL(schemes=schemes, require_tld=True). Schemes must be
// lowercase. An empty value is invalid; invalid UTF-8 bytes count as ordinary non-space characters.
bool is_valid_url(std::string_view value, std::span<const std::string_view> schemes);

// is_valid_url(value, {"https"}).
bool is_valid_https_url(std::string_view value);

}  // namespace drydock::workers::config
