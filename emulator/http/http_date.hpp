#pragma once
// HTTP dates (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT", as S3 writes Last-Modified and
// clients write If-Modified-Since / If-Unmodified-Since.

#include <optional>
#include <string>
#include <string_view>

#include "emulator/common/clock.hpp"

namespace drydock::emulator::http {

// `time` in IMF-fixdate form, to the second (the milliseconds are dropped).
std::string format_http_date(Instant time);

// The instant of an IMF-fixdate (also the obsolete RFC 850 and asctime forms, which RFC 9110 says a
// recipient must accept); nullopt when `text` is none of them.
std::optional<Instant> parse_http_date(std::string_view text);

}  // namespace drydock::emulator::http
