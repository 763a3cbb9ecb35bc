#include "emulator/http/http_date.hpp"

#include <array>
#include <ctime>

namespace drydock::emulator::http {

std::string format_http_date(Instant time) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  const std::time_t at = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&at, &parts);
  std::array<char, 64> text{};
  const std::size_t length = std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
  return std::string(text.data(), length);
}

std::optional<Instant> parse_http_date(std::string_view text) {
  // strptime's %a and %b read English names in the "C" locale, which the server never changes.
  constexpr std::array<const char*, 3> k_forms = {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT",
                                                  "%a %b %e %H:%M:%S %Y"};
  const std::string copy(text);
  for (const char* form : k_forms) {
    std::tm parts{};
    const char* end = strptime(copy.c_str(), form, &parts);
    if (end != nullptr && *end == '\0') {
      return Instant(std::chrono::seconds(timegm(&parts)));
    }
  }
  return std::nullopt;
}

}  // namespace drydock::emulator::http
