#include "emulator/http/form_fields.hpp"

#include <fmt/format.h>

#include "emulator/common/hex_digit.hpp"

namespace drydock::emulator::http {

std::expected<std::string, std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int high = i + 1 < text.size() ? hex_digit_value(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_digit_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return std::unexpected(fmt::format("malformed percent escape at byte {}", i));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
  }
  return out;
}

std::expected<FormFields, std::string> parse_form(std::string_view text) {
  FormFields fields;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('&', start), text.size());
    const std::string_view piece = text.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) {
      continue;
    }
    const auto equals = piece.find('=');
    auto name = percent_decode(piece.substr(0, equals), true);
    auto value = percent_decode(equals == std::string_view::npos ? "" : piece.substr(equals + 1), true);
    if (!name || !value) {
      return std::unexpected(name ? value.error() : name.error());
    }
    fields.emplace_back(std::move(*name), std::move(*value));
  }
  return fields;
}

}  // namespace drydock::emulator::http
