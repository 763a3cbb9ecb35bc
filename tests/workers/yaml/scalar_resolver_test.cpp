// The hand-written matchers of scalar_resolver.cpp against the reference regular expressions of
// python-compat.md §a (which match exactly what PyYAML's compiled patterns match), on random strings
// drawn from the characters each pattern cares about.
#include <random>
#include <regex>
#include <string>

#include <doctest/doctest.h>

#include "workers/yaml/loader.hpp"
#include "workers/yaml/python_json.hpp"
#include "workers/yaml/scalar_resolver.hpp"

using namespace drydock::workers::yaml;

namespace {

// python-compat.md §a, ECMAScript syntax (plain scalars never end in "\n", so `$` is the same).
const std::regex k_bool_re(
    "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
const std::regex k_float_re(
    "^(?:[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?"
    "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
    "|[-+]?\\.(?:inf|Inf|INF)"
    "|\\.(?:nan|NaN|NAN))$");
const std::regex k_int_re(
    "^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
const std::regex k_null_re("^(?:~|null|Null|NULL|)$");
const std::regex k_timestamp_re(
    "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
    "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
    "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$");

bool regex_matches(const std::regex& re, const std::string& text) {
  return std::regex_match(text, re);
}

// Random strings of 0..max_length characters from `alphabet`, sometimes glued to a seed that is
// close to a match so the interesting boundaries get exercised.
class Strings {
 public:
  Strings(std::string alphabet, std::vector<std::string> seeds)
      : m_alphabet(std::move(alphabet)), m_seeds(std::move(seeds)) {}

  std::string next(std::mt19937& rng) {
    std::uniform_int_distribution<std::size_t> length(0, 12);
    std::uniform_int_distribution<std::size_t> pick(0, m_alphabet.size() - 1);
    std::uniform_int_distribution<int> coin(0, 3);
    std::string s;
    if (coin(rng) == 0 && !m_seeds.empty()) {
      s = m_seeds[std::uniform_int_distribution<std::size_t>(0, m_seeds.size() - 1)(rng)];
      // Mutate the seed a little: insert, delete or replace a character.
      const int edits = coin(rng);
      for (int e = 0; e < edits && !s.empty(); ++e) {
        const std::size_t at = std::uniform_int_distribution<std::size_t>(0, s.size() - 1)(rng);
        switch (coin(rng)) {
          case 0: s.erase(at, 1); break;
          case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), m_alphabet[pick(rng)]); break;
          default: s[at] = m_alphabet[pick(rng)]; break;
        }
      }
      return s;
    }
    const std::size_t n = length(rng);
    for (std::size_t k = 0; k < n; ++k) {
      s += m_alphabet[pick(rng)];
    }
    return s;
  }

 private:
  std::string m_alphabet;
  std::vector<std::string> m_seeds;
};

void check_against_regex(const std::string& name, bool (*matcher)(std::string_view), const std::regex& re,
                         Strings strings, int count) {
  std::mt19937 rng(20240101);  // deterministic
  int matched = 0;
  for (int i = 0; i < count; ++i) {
    const std::string s = strings.next(rng);
    const bool expected = regex_matches(re, s);
    matched += expected ? 1 : 0;
    if (matcher(s) != expected) {
      FAIL_CHECK(name << " disagrees with the regex on '" << s << "' (regex: " << expected << ")");
      return;
    }
  }
  MESSAGE(name << ": " << count << " strings, " << matched << " matches");
  CHECK(matched > count / 50);  // the generator must hit the pattern, not only miss it
}

}  // namespace

TEST_CASE(
    "yaml scalar resolver: the hand-written int matcher accepts exactly what the reference int regex "
    "accepts") {
  check_against_regex(
      "int", match_int, k_int_re,
      Strings("0123456789_:+-xbXBabcdefABCDEFo.",
              {"0x1F", "0b101", "017", "190:20:30", "1_000", "-0", "12:59", "0o17", "08", "1:60"}),
      30000);
}

TEST_CASE(
    "yaml scalar resolver: the hand-written float matcher accepts exactly what the reference float regex "
    "accepts") {
  check_against_regex("float", match_float, k_float_re,
                      Strings("0123456789_:+-.eEinfaINFAN", {"1.0", ".5", "1.0e+3", ".inf", "-.inf", ".nan",
                                                             "1:30.5", "1_0.5e-7", "190:20:30.15", "1.e+3"}),
                      30000);
}

TEST_CASE(
    "yaml scalar resolver: the hand-written timestamp matcher accepts exactly what the reference timestamp "
    "regex accepts") {
  check_against_regex(
      "timestamp", match_timestamp, k_timestamp_re,
      Strings("0123456789-:. \tTtZz+",
              {"2024-01-01", "2024-1-1T1:00:00", "2024-01-01 10:00:00", "2024-01-01T10:00:00.5Z",
               "2024-01-01T10:00:00 +05:30", "2024-01-01t10:00:00-5"}),
      30000);
}

TEST_CASE(
    "yaml scalar resolver: the hand-written bool and null matchers accept exactly what the reference regexes "
    "accept") {
  const Strings letters("yesnotrufalOFNUYESTRLl~ ",
                        {"yes", "No", "TRUE", "off", "On", "null", "NULL", "~", "nULL"});
  check_against_regex("bool", match_bool, k_bool_re, letters, 20000);
  check_against_regex("null", match_null, k_null_re, letters, 20000);
}

TEST_CASE(
    "yaml scalar resolver: implicit resolution dispatches on the first character like PyYAML's Resolver") {
  CHECK(resolve_implicit_tag("") == ImplicitTag::null);
  CHECK(resolve_implicit_tag("~") == ImplicitTag::null);
  CHECK(resolve_implicit_tag("No") == ImplicitTag::boolean);
  CHECK(resolve_implicit_tag("Null") == ImplicitTag::null);
  CHECK(resolve_implicit_tag("1.5") == ImplicitTag::floating);
  CHECK(resolve_implicit_tag("000000000017") == ImplicitTag::integer);
  CHECK(resolve_implicit_tag("000000000018") == ImplicitTag::string);
  CHECK(resolve_implicit_tag("2024-01-01") == ImplicitTag::timestamp);
  CHECK(resolve_implicit_tag("<<") == ImplicitTag::merge);
  CHECK(resolve_implicit_tag("=") == ImplicitTag::value);
  CHECK(resolve_implicit_tag("*") == ImplicitTag::yaml);
  CHECK(resolve_implicit_tag("-.5") == ImplicitTag::string);
  CHECK(resolve_implicit_tag("123\n") == ImplicitTag::integer);  // Python's `$` before a final newline
}

TEST_CASE("yaml scalar resolver: resolve_plain_scalar builds the values SafeConstructor builds") {
  CHECK(resolve_plain_scalar("0x_").error == "ValueError: invalid literal for int() with base 16: ''");
  CHECK(resolve_plain_scalar("190:20:30").integer == "685230");
  CHECK(resolve_plain_scalar("-0x1F").integer == "-31");
  CHECK(resolve_plain_scalar("0xffffffffffffffffffffffffffffffff").integer ==
        "340282366920938463463374607431768211455");
  CHECK(resolve_plain_scalar("2024-02-30").error == "ValueError: day is out of range for month");
  CHECK(resolve_plain_scalar("2024-01-01T10:00:00Z").kind == ScalarKind::timestamp_datetime);
  CHECK(resolve_plain_scalar("on").boolean);
  CHECK(digits_to_decimal("ff", 16) == "255");
}

TEST_CASE("yaml scalar resolver: floats print as Python's repr and sexagesimal floats round as Python's do") {
  const auto dumped = [](std::string_view yaml) { return dumps(*load(yaml)->root()).value(); };
  CHECK(dumped("[1.0e+15, 1.0e+16, 0.00001, 685230.15, -0.0, 1.7976931348623157e+308, 5.0e-324]") ==
        "[1000000000000000.0, 1e+16, 1e-05, 685230.15, -0.0, 1.7976931348623157e+308, 5e-324]");
  CHECK(dumped("1:2:3:4:5:6:7:8:9:10:11:12:13:14:15.5") == "8.10430884072393e+24");
  // 60**k is not a double beyond k = 13; Python rounds the exact int once per product, where
  // `base *= 60.0` in doubles would drift (6.791475173745841e+47).
  CHECK(dumped("39:48:49:0:44:28:17:46:51:14:37:6:57:20:1:1:1:41:34:0:56:24:43:13:27:46:1.67") ==
        "6.791475173745843e+47");
}
