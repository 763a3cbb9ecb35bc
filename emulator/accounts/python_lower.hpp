#pragma once
// Case folding as upstream's index uses it: CPython's str.lower(), for the keys of account names, OU
// names and ids, and tag names and values (starfleet-behavior.md §4.3–4.4).

#include <string>
#include <string_view>

namespace drydock::emulator {

// CPython's str.lower() of UTF-8 text, byte for byte: every code point becomes its full lowercase
// mapping (Unicode 14.0.0, as CPython 3.11 has it: `ÜRÜN` → `ürün`, U+0130 `İ` → U+0069 U+0307), and a
// capital sigma U+03A3 becomes final U+03C2 where CPython's Final_Sigma test puts it (the nearest
// character before it that is not case-ignorable is cased, and the nearest after it is not, or there
// is none), U+03C3 elsewhere. Never fails: a byte that is not part of valid UTF-8 (CPython's strict
// decoding: no overlongs, no encoded surrogates, nothing past U+10FFFF) is copied unchanged and counts
// as a character neither cased nor case-ignorable. So the result is always
// `text.decode("utf-8", "surrogateescape").lower().encode("utf-8", "surrogateescape")`, and a lone
// surrogate kept as its 3 bytes (as the index's JSON reader keeps "\ud800") stays as Python keeps it.
// ASCII text costs one pass and one allocation.
std::string python_lower(std::string_view utf8);

// The Unicode version python_lower follows (unicodedata.unidata_version of the Python that generated
// its tables: "14.0.0"; upstream's Lambda runtime, python3.12, has 15.0.0).
std::string_view python_lower_unicode_version();

}  // namespace drydock::emulator
