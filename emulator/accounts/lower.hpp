#pragma once
// Case folding as upstream's index uses it (Python's str.lower()), for keys of names, OUs and tags.

#include <string>
#include <string_view>

namespace drydock::emulator {

// Python's str.lower() for ASCII letters; other bytes (including all non-ASCII UTF-8) are copied
// unchanged, so non-ASCII names compare case-sensitively where Python would fold them.
inline std::string python_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace drydock::emulator
