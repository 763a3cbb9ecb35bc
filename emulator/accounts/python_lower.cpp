// python_lower follows CPython's do_lower and handle_capital_sigma (Objects/unicodeobject.c): one
// code point at a time through the generated tables (python_lower_table.cpp), and for a capital sigma
// a look at its neighbours, skipping case-ignorable ones.
#include "emulator/accounts/python_lower.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>

#include "emulator/accounts/python_lower_table.hpp"
#include "workers/yaml/python_text.hpp"
#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::emulator {

namespace {

namespace table = python_lower_table;

constexpr char32_t k_capital_sigma = 0x03A3;
constexpr char32_t k_small_sigma = 0x03C3;
constexpr char32_t k_final_sigma = 0x03C2;

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// The element of a list sorted by `first` whose `first` is the greatest not above `cp`, or nullptr.
template <typename T>
const T* last_starting_at_or_before(std::span<const T> sorted, char32_t cp) {
  const auto it = std::upper_bound(sorted.begin(), sorted.end(), cp,
                                   [](char32_t value, const T& entry) { return value < entry.first; });
  return it == sorted.begin() ? nullptr : &*std::prev(it);
}

bool in_ranges(std::span<const table::CodePointRange> ranges, char32_t cp) {
  const auto* range = last_starting_at_or_before(ranges, cp);
  return range != nullptr && cp <= range->last;
}

// A piece of the text: one valid UTF-8 sequence, or one byte that is not part of one (no code point).
struct Unit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::optional<char32_t> code_point;
};

Unit unit_at(std::string_view text, std::size_t at) {
  const auto step = workers::yaml::decode_utf8_at(text, at);
  if (step.error != nullptr) {
    return {at, at + 1, std::nullopt};
  }
  return {at, at + step.length, step.code_point};
}

// The unit that ends at `end` (> 0). A lead byte is never a continuation byte, so the sequence found by
// stepping back over at most three continuation bytes is the one the forward pass decoded there.
Unit unit_before(std::string_view text, std::size_t end) {
  std::size_t begin = end - 1;
  while (begin > 0 && end - begin < 4 && is_continuation(text[begin])) {
    --begin;
  }
  if (Unit unit = unit_at(text, begin); unit.code_point && unit.end == end) {
    return unit;
  }
  return {end - 1, end, std::nullopt};
}

// What the Final_Sigma test makes of a unit: looked through, cased, or neither. A byte that is not
// UTF-8 is neither, as the lone surrogate Python's surrogateescape would give it.
enum class SigmaClass { case_ignorable, cased, uncased };

SigmaClass sigma_class(const Unit& unit) {
  if (!unit.code_point) {
    return SigmaClass::uncased;
  }
  if (in_ranges(table::case_ignorable(), *unit.code_point)) {
    return SigmaClass::case_ignorable;
  }
  return in_ranges(table::cased_not_case_ignorable(), *unit.code_point) ? SigmaClass::cased
                                                                        : SigmaClass::uncased;
}

// CPython's handle_capital_sigma for the sigma at text[begin, end): final when the nearest unit before
// it that is not case-ignorable exists and is cased, and the nearest after it does not exist or is not
// cased.
bool is_final_sigma(std::string_view text, std::size_t begin, std::size_t end) {
  bool cased_before = false;
  for (std::size_t at = begin; at > 0;) {
    const Unit unit = unit_before(text, at);
    if (const SigmaClass c = sigma_class(unit); c != SigmaClass::case_ignorable) {
      cased_before = c == SigmaClass::cased;
      break;
    }
    at = unit.begin;
  }
  if (!cased_before) {
    return false;
  }
  for (std::size_t at = end; at < text.size();) {
    const Unit unit = unit_at(text, at);
    if (const SigmaClass c = sigma_class(unit); c != SigmaClass::case_ignorable) {
      return c != SigmaClass::cased;
    }
    at = unit.end;
  }
  return true;
}

void append_lower(std::string& out, char32_t cp) {
  for (const table::MultiLower& multi : table::multiple_lowers()) {
    if (multi.code_point == cp) {
      out += multi.utf8;
      return;
    }
  }
  if (const auto* run = last_starting_at_or_before(table::lower_runs(), cp);
      run != nullptr && cp <= run->last && (cp - run->first) % run->stride == 0) {
    cp = static_cast<char32_t>(static_cast<std::int32_t>(cp) + run->delta);
  }
  workers::yaml::append_utf8(out, cp);
}

}  // namespace

std::string python_lower(std::string_view utf8) {
  std::string out(utf8.size(), '\0');
  std::size_t at = 0;
  for (; at < utf8.size() && static_cast<unsigned char>(utf8[at]) < 0x80; ++at) {
    out[at] = ascii_lower(utf8[at]);
  }
  if (at == utf8.size()) {
    return out;
  }
  out.resize(at);  // the capacity stays: most non-ASCII text lowers to as many bytes
  while (at < utf8.size()) {
    if (static_cast<unsigned char>(utf8[at]) < 0x80) {
      out += ascii_lower(utf8[at]);
      ++at;
      continue;
    }
    const Unit unit = unit_at(utf8, at);
    if (!unit.code_point) {
      out += utf8[at];
    } else if (*unit.code_point == k_capital_sigma) {
      workers::yaml::append_utf8(out,
                                 is_final_sigma(utf8, unit.begin, unit.end) ? k_final_sigma : k_small_sigma);
    } else {
      append_lower(out, *unit.code_point);
    }
    at = unit.end;
  }
  return out;
}

std::string_view python_lower_unicode_version() {
  return table::unicode_version();
}

}  // namespace drydock::emulator
