#include "emulator/common/base64.hpp"

#include <array>
#include <cstdint>

namespace drydock::emulator {

namespace {

constexpr std::string_view k_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> decode_table() {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  for (std::size_t k = 0; k < k_alphabet.size(); ++k) {
    table[static_cast<unsigned char>(k_alphabet[k])] = static_cast<std::int8_t>(k);
  }
  return table;
}

constexpr auto k_decode = decode_table();

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const auto chunk = (static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16) |
                       (static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                       static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 2]));
    out += k_alphabet[(chunk >> 18) & 0x3F];
    out += k_alphabet[(chunk >> 12) & 0x3F];
    out += k_alphabet[(chunk >> 6) & 0x3F];
    out += k_alphabet[chunk & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned chunk = static_cast<unsigned>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) {
      chunk |= static_cast<unsigned>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    }
    out += k_alphabet[(chunk >> 18) & 0x3F];
    out += k_alphabet[(chunk >> 12) & 0x3F];
    out += rest == 2 ? k_alphabet[(chunk >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t padding = !last ? 0 : text[i + 3] != '=' ? 0 : text[i + 2] != '=' ? 1 : 2;
    std::uint32_t chunk = 0;
    for (std::size_t k = 0; k < 4 - padding; ++k) {
      const std::int8_t value = k_decode[static_cast<unsigned char>(text[i + k])];
      if (value < 0) {
        return std::nullopt;
      }
      chunk |= static_cast<std::uint32_t>(value) << (18 - 6 * k);
    }
    out.push_back(static_cast<char>((chunk >> 16) & 0xFF));
    if (padding < 2) {
      out.push_back(static_cast<char>((chunk >> 8) & 0xFF));
    }
    if (padding < 1) {
      out.push_back(static_cast<char>(chunk & 0xFF));
    }
    const std::uint32_t unused = padding == 2 ? chunk & 0xFFFF : padding == 1 ? chunk & 0xFF : 0;
    if (unused != 0) {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace drydock::emulator
