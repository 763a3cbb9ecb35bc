#include "emulator/common/xml_text.hpp"

#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::emulator {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text, bool attribute) {
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      const auto step = workers::yaml::decode_utf8_at(text, at);
      // U+FFFE and U+FFFF are well-formed UTF-8 but not XML characters.
      const bool kept = step.error == nullptr && step.code_point != 0xFFFE && step.code_point != 0xFFFF;
      out += kept ? text.substr(at, step.length) : k_replacement;
      at += step.error == nullptr ? step.length : 1;  // one U+FFFD per byte that is not UTF-8
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\r': out += "&#13;"; break;  // a parser would turn a raw CR into LF
      default: out += byte >= 0x20 ? std::string_view(&c, 1) : k_replacement;
    }
    ++at;
  }
}

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  append_xml_escaped(out, text, attribute);
  return out;
}

}  // namespace drydock::emulator
