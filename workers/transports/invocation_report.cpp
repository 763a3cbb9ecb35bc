#include "workers/transports/invocation_report.hpp"

#include <fmt/format.h>

namespace drydock::workers {

std::string output_tail(std::string_view first, std::string_view second, std::size_t limit) {
  if (second.size() >= limit) {
    second.remove_prefix(second.size() - limit);
    first = {};
  } else if (first.size() + second.size() > limit) {
    first.remove_prefix(first.size() + second.size() - limit);
  }
  std::string tail;
  tail.reserve(first.size() + second.size());
  tail.append(first).append(second);
  // A cut in the middle of a multi-byte character would leave continuation bytes (10xxxxxx) first.
  std::size_t skip = 0;
  while (skip < tail.size() && skip < 3 && (static_cast<unsigned char>(tail[skip]) & 0xC0U) == 0x80U) {
    ++skip;
  }
  tail.erase(0, skip);
  return tail;
}

std::string payload_head(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) {
    return std::string(text);
  }
  // Back up over continuation bytes (10xxxxxx) and the lead byte of the character they belong to.
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
    --end;
  }
  return std::string(text.substr(0, end));
}

std::string describe_timeout(std::chrono::milliseconds timeout) {
  if (timeout.count() % 1000 == 0) {
    return fmt::format("{} s", timeout.count() / 1000);
  }
  return fmt::format("{:g} s", static_cast<double>(timeout.count()) / 1000.0);
}

}  // namespace drydock::workers
