// python_lower against the real thing: /usr/bin/python3's str.lower() (a small labelled set of real
// processes, CONVENTIONS.md 16), over every code point, every assigned code point next to a capital
// sigma, and lists of strings compared byte for byte.
#include "emulator/accounts/python_lower.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workers/process/process_runner.hpp"
#include "workers/yaml/python_text.hpp"

using drydock::emulator::python_lower;
using drydock::emulator::python_lower_unicode_version;
using drydock::workers::yaml::append_utf8;

namespace {

constexpr const char* k_python = "/usr/bin/python3";
constexpr const char* k_final_sigma = "\xCF\x82";

// stdout of `/usr/bin/python3 -I -c script` given `input` on stdin; fails the test when Python is
// missing or the script fails.
std::string run_python(const std::string& script, const std::string& input = {}) {
  REQUIRE_MESSAGE(std::filesystem::exists(k_python),
                  "this test compares with Python's str.lower(): install python3 (`make deps` does)");
  drydock::workers::ProcessRequest request;
  request.argv = {k_python, "-I", "-c", script};
  request.stdin_data = input;
  drydock::workers::RealProcessRunner runner;
  const auto result = runner.run(request);
  REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error()));
  INFO("python's stderr: " << result->stderr_data);
  REQUIRE(result->exit_code == 0);
  return result->stdout_data;
}

std::string utf8_of(char32_t cp) {
  std::string out;
  append_utf8(out, cp);
  return out;
}

std::string to_hex(std::string_view bytes) {
  static constexpr std::string_view k_digits = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += k_digits[byte >> 4];
    out += k_digits[byte & 0x0F];
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  for (std::size_t k = 0; k + 1 < hex.size(); k += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(k, 2)), nullptr, 16));
  }
  return out;
}

// Python's lower() of each byte string, decoded and encoded back with surrogateescape (so bytes that
// are not UTF-8 reach lower() as lone surrogates, which it keeps and counts as neither cased nor
// case-ignorable: python_lower's documented rule for them).
std::vector<std::string> python_lowers(const std::vector<std::string>& texts) {
  nlohmann::json hexes = nlohmann::json::array();
  for (const std::string& text : texts) {
    hexes.push_back(to_hex(text));
  }
  const std::string out = run_python(
      "import json, sys\n"
      "print(json.dumps([bytes.fromhex(h).decode('utf-8', 'surrogateescape').lower()\n"
      "                  .encode('utf-8', 'surrogateescape').hex() for h in json.load(sys.stdin)]))\n",
      hexes.dump());
  std::vector<std::string> lowered;
  for (const auto& hex : nlohmann::json::parse(out)) {
    lowered.push_back(from_hex(hex.get<std::string>()));
  }
  REQUIRE(lowered.size() == texts.size());
  return lowered;
}

void check_agrees_with_python(const std::vector<std::string>& texts) {
  const std::vector<std::string> expected = python_lowers(texts);
  for (std::size_t k = 0; k < texts.size(); ++k) {
    CAPTURE(to_hex(texts[k]));
    CHECK(to_hex(python_lower(texts[k])) == to_hex(expected[k]));
  }
}

}  // namespace

TEST_CASE("python_lower: every code point lowers as /usr/bin/python3's str.lower()") {
  const std::string out = run_python(
      "import unicodedata\n"
      "print(unicodedata.unidata_version)\n"
      "for cp in range(0x110000):\n"
      "    c = chr(cp)\n"
      "    if not 0xD800 <= cp <= 0xDFFF and c.lower() != c:\n"
      "        print('%X %s' % (cp, c.lower().encode().hex()))\n");
  std::istringstream lines(out);
  std::string version;
  std::getline(lines, version);
  REQUIRE_MESSAGE(version == python_lower_unicode_version(),
                  "python3 has Unicode " << version << ", the tables " << python_lower_unicode_version()
                                         << ": regenerate with emulator/accounts/python_lower_table.py");
  std::map<char32_t, std::string> python;  // code point → its lower() in UTF-8, where that differs
  std::string cp_hex;
  std::string lowered_hex;
  while (lines >> cp_hex >> lowered_hex) {
    python[static_cast<char32_t>(std::stoul(cp_hex, nullptr, 16))] = from_hex(lowered_hex);
  }
  CHECK(python.size() > 1000);  // the output was read (1433 in Unicode 14.0.0)

  std::size_t compared = 0;
  std::size_t changed = 0;
  std::vector<std::string> disagreements;
  for (char32_t cp = 0; cp < 0x110000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    ++compared;
    const std::string text = utf8_of(cp);
    const std::string ours = python_lower(text);
    const auto it = python.find(cp);
    const std::string& theirs = it == python.end() ? text : it->second;
    changed += ours != text ? 1 : 0;
    if (ours != theirs && disagreements.size() < 20) {
      disagreements.push_back(to_hex(text) + ": ours " + to_hex(ours) + ", python's " + to_hex(theirs));
    }
  }
  CHECK(compared == 0x110000 - 0x800);
  CHECK(changed == python.size());
  std::string report;
  for (const std::string& disagreement : disagreements) {
    report += disagreement + "\n";
  }
  CHECK_MESSAGE(disagreements.empty(), report);
}

TEST_CASE("python_lower: every assigned code point before and after a capital sigma decides it as Python") {
  // For each code point c (unassigned and private-use ones have no case properties; the generator
  // checks that): bit 0 = 'A'+c+'Σ' ends in 'ς', bit 1 = '1'+c+'Σ' does, bit 2 = 'A'+'Σ'+c lowers
  // the sigma to 'ς'. Printed as runs "first last bits".
  const std::string out = run_python(
      "import unicodedata\n"
      "S, F = '\\u03a3', '\\u03c2'\n"
      "runs = []\n"
      "for cp in range(0x110000):\n"
      "    c = chr(cp)\n"
      "    if unicodedata.category(c) in ('Cn', 'Co', 'Cs'):\n"
      "        continue\n"
      "    bits = (('A' + c + S).lower()[-1] == F) | (('1' + c + S).lower()[-1] == F) << 1 \\\n"
      "        | (('A' + S + c).lower()[1] == F) << 2\n"
      "    if runs and runs[-1][1] == cp - 1 and runs[-1][2] == bits:\n"
      "        runs[-1][1] = cp\n"
      "    else:\n"
      "        runs.append([cp, cp, bits])\n"
      "print('\\n'.join('%d %d %d' % tuple(run) for run in runs))\n");
  const auto ends_final = [](const std::string& text) { return python_lower(text).ends_with(k_final_sigma); };
  const auto final_at_1 = [](const std::string& text) {
    return python_lower(text).compare(1, 2, k_final_sigma) == 0;
  };
  std::istringstream lines(out);
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  int bits = 0;
  std::size_t compared = 0;
  std::size_t disagreements = 0;
  while (lines >> first >> last >> bits) {
    for (char32_t cp = first; cp <= last; ++cp) {
      const std::string c = utf8_of(cp);
      const int ours = (ends_final("A" + c + "\xCE\xA3") ? 1 : 0) |
                       (ends_final("1" + c + "\xCE\xA3") ? 2 : 0) | (final_at_1("A\xCE\xA3" + c) ? 4 : 0);
      ++compared;
      if (ours != bits) {
        ++disagreements;
        CAPTURE(static_cast<std::uint32_t>(cp));
        CHECK(ours == bits);
      }
    }
  }
  CHECK(compared > 100'000);  // the assigned code points (144,762 in Unicode 14.0.0)
  CHECK(disagreements == 0);
}

TEST_CASE("python_lower: final sigma, İ and mixed text agree with Python byte for byte") {
  check_agrees_with_python({
      "",
      "Account 1 / ACME-Prod_42",
      "\xCE\xA3\xCE\x91\xCE\xA3",           // ΣΑΣ → σας
      "\xCE\x91\xCE\xA3",                   // ΑΣ → ας
      "\xCE\xA3",                           // Σ alone → σ
      "\xCE\x91\xCE\xA3.",                  // '.' is case-ignorable: still final
      "\xCE\x91'\xCE\xA3",                  // Α'Σ: looks back through the apostrophe
      "\xCE\x91\xCE\xA3\xCE\x91",           // ΑΣΑ: medial
      "\xCE\x91\xCE\xA3\xCC\x81",           // ΑΣ + combining acute: final
      "\xCE\x91\xCE\xA3\xCC\x81\xCE\x91",   // … then a letter: medial
      "a\xC2\xAD\xCE\xA3",                  // soft hyphen is case-ignorable
      "\xCD\x85\xCE\xA3",                   // U+0345 is cased but case-ignorable: nothing cased before
      "\xCA\xB0\xCE\xA3",                   // U+02B0 modifier letter, the same
      "\xC7\x85\xCE\xA3",                   // U+01C5 titlecase ǅ is cased
      "\xE2\x92\xB6\xCE\xA3",               // U+24B6 circled Ⓐ is cased (Other_Uppercase)
      "1\xCE\xA3",                          // a digit is not cased
      "\xCE\x91\xCE\xA3 \xCE\x91\xCE\xA3",  // two words
      "\xCE\xA3\xCE\xA3",                   // ΣΣ
      "\xCE\x9F\xCE\x94\xCE\xA5\xCE\xA3\xCE\xA3\xCE\x95\xCE\xA5\xCE\xA3",  // ΟΔΥΣΣΕΥΣ
      "A\xCE\xA3",                                                         // Latin A before Greek Σ
      "\xCE\x91\xCE\xA3\xF0\x90\x90\x80",                                  // then U+10400 (Deseret, cased)
      "\xC4\xB0",                                                          // İ → i + U+0307
      "\xC4\xB0STANBUL",
      "\xC3\x87\x41\xC4\x9ERI",            // ÇAĞRI
      "\xC3\x9CR\xC3\x9CN",                // ÜRÜN
      "ING\xC3\x89NIERIE",                 // INGÉNIERIE
      "STRA\xC3\x9F\x45 \xE1\xBA\x9E",     // ß stays, ẞ → ß
      "\xE2\x84\xAA\xE2\x84\xA6",          // Kelvin K and Ohm Ω fold into ASCII k and ω
      "\xF0\x9E\xA4\x80\xF0\x90\x90\x80",  // Adlam and Deseret capitals
      "\xE2\x85\xA0\xCE\xA3",              // Roman numeral Ⅰ is cased
  });
}

TEST_CASE("python_lower: bytes that are not UTF-8 are kept and end a sigma's context, as in Python") {
  // Python sees each such byte as a lone surrogate (surrogateescape): kept, neither cased nor
  // case-ignorable.
  check_agrees_with_python({
      "\xFF", "A\xFF\xC3\x9C",
      "\xCE\x91\xFF\xCE\xA3",          // the byte before the sigma is not cased: σ
      "\xCE\x91\xCE\xA3\xFF",          // … nor after it: ς
      "\xCE\x91\xCE\xA3\xCC",          // a truncated combining mark after the sigma
      "\xCE\x91\xCC\xCE\xA3",          // … and before it
      "\xC3",                          // truncated 2-byte sequence
      "\xE2\x82",                      // truncated 3-byte sequence
      "\xF0\x9F\x98\xCE\xA3",          // truncated 4-byte sequence, then Σ
      "\xC0\xAF\xC1\xBF",              // overlong encodings
      "\xF4\x90\x80\x80",              // past U+10FFFF
      "\xED\xA0\x80",                  // a lone surrogate as the index's JSON reader keeps it
      "\xCE\x91\xED\xA0\x80\xCE\xA3",  // … before a sigma
      "\x80\xC3\x9C\xBF\xC3\x9C\x80",  // stray continuation bytes around Ü
      "\xCE\x91\xCC\x81\x80\xCE\xA3",  // a combining mark, a stray byte, Σ
  });
}

TEST_CASE("python_lower: random mixes of cased, case-ignorable and broken pieces agree with Python") {
  const std::vector<std::string> pieces = {
      // ASCII: cased, uncased, case-ignorable
      "A", "z", "1", " ", ".", "'",
      // capital sigma (twice as likely), Greek alpha, small sigma
      "\xCE\xA3", "\xCE\xA3", "\xCE\x91", "\xCF\x83",
      // case-ignorable: combining acute, soft hyphen, U+0345 and U+02B0 (also cased), zero width space
      "\xCC\x81", "\xC2\xAD", "\xCD\x85", "\xCA\xB0", "\xE2\x80\x8B",
      // titlecase, İ, Ü, capital sharp s, Deseret capital
      "\xC7\x85", "\xC4\xB0", "\xC3\x9C", "\xE1\xBA\x9E", "\xF0\x90\x90\x80",
      // not UTF-8: a stray byte, a truncated sequence, a lone surrogate
      "\xFF", "\xCC", "\xED\xA0\x80"};
  std::mt19937 random(20240612);  // fixed: the same strings on every run
  std::vector<std::string> texts;
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    for (std::size_t k = random() % 8; k > 0; --k) {
      text += pieces[random() % pieces.size()];
    }
    texts.push_back(std::move(text));
  }
  check_agrees_with_python(texts);
}

TEST_CASE("python_lower: examples from the account index") {
  CHECK(python_lower("ACME-Prod 42") == "acme-prod 42");
  CHECK(python_lower("\xC3\x9CR\xC3\x9CN") == "\xC3\xBCr\xC3\xBCn");              // ÜRÜN → ürün
  CHECK(python_lower("D\xC3\xA9partement") == "d\xC3\xA9partement");              // Département
  CHECK(python_lower("\xC4\xB0nci") == "i\xCC\x87nci");                           // İnci → i̇nci
  CHECK(python_lower("\xCE\xA3\xCE\x91\xCE\xA3") == "\xCF\x83\xCE\xB1\xCF\x82");  // ΣΑΣ → σας
  CHECK(python_lower("A\xFF") == "a\xFF");                                        // kept
  CHECK(python_lower_unicode_version() == "14.0.0");
}
