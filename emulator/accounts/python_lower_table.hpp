#pragma once
// Internal to emulator/accounts: the Unicode data python_lower.cpp reads, defined in the generated
// python_lower_table.cpp (written by python_lower_table.py from CPython's own str.lower(); see there
// for how to regenerate). Not part of the public contract.

#include <cstdint>
#include <span>
#include <string_view>

namespace drydock::emulator::python_lower_table {

// Code points first, first + stride, …, up to last, each lowering to itself + delta (the code points a
// stride of 2 skips do not lower).
struct LowerRun {
  char32_t first;
  char32_t last;
  std::uint8_t stride;
  std::int32_t delta;
};

// A code point that lowers to several code points (U+0130 → U+0069 U+0307), given as UTF-8.
struct MultiLower {
  char32_t code_point;
  std::string_view utf8;
};

// The code points first..last, both included.
struct CodePointRange {
  char32_t first;
  char32_t last;
};

// unicodedata.unidata_version of the Python that generated the tables ("14.0.0").
std::string_view unicode_version();
// Every code point that lowers to one other code point, as runs sorted by `first`, disjoint.
std::span<const LowerRun> lower_runs();
// Every code point that lowers to more than one, sorted by code point.
std::span<const MultiLower> multiple_lowers();
// Case-ignorable code points, sorted, disjoint: Final_Sigma looks through them.
std::span<const CodePointRange> case_ignorable();
// Cased code points that are not case-ignorable, sorted, disjoint: the ones Final_Sigma counts as cased.
std::span<const CodePointRange> cased_not_case_ignorable();

}  // namespace drydock::emulator::python_lower_table
