#include "workers/marshmallow/utf8.hpp"

#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::workers::marshmallow {

std::size_t invalid_utf8_offset(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const yaml::Utf8Step step = yaml::decode_utf8_at(bytes, i);
    if (step.error != nullptr) {
      return i;
    }
    i += step.length;
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view bytes) {
  return invalid_utf8_offset(bytes) == std::string_view::npos;
}

std::size_t code_point_count(std::string_view utf8) {
  std::size_t count = 0;
  for (char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++count;
    }
  }
  return count;
}

}  // namespace drydock::workers::marshmallow
