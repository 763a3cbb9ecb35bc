#include "workers/configuration/url_validator.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace drydock::workers::config {
namespace {

// The regex is run over one token per code point. ASCII letters become lowercase (the pattern is
// case-insensitive); the code points Python folds into ASCII letter classes become those letters.
constexpr char k_unicode_digit = '\x01';  // matches \d only (a non-ASCII decimal digit)
constexpr char k_other = '\x02';          // matches \S only
constexpr char k_space = ' ';             // matches nothing but \s

// Non-ASCII decimal digits (str.isdecimal(), which is what `\d` matches) in Unicode 15.0, the
// version of CPython 3.12.
constexpr std::array<std::pair<char32_t, char32_t>, 63> k_decimal_ranges = {{
    {0x660, 0x669},     {0x6F0, 0x6F9},     {0x7C0, 0x7C9},     {0x966, 0x96F},     {0x9E6, 0x9EF},
    {0xA66, 0xA6F},     {0xAE6, 0xAEF},     {0xB66, 0xB6F},     {0xBE6, 0xBEF},     {0xC66, 0xC6F},
    {0xCE6, 0xCEF},     {0xD66, 0xD6F},     {0xDE6, 0xDEF},     {0xE50, 0xE59},     {0xED0, 0xED9},
    {0xF20, 0xF29},     {0x1040, 0x1049},   {0x1090, 0x1099},   {0x17E0, 0x17E9},   {0x1810, 0x1819},
    {0x1946, 0x194F},   {0x19D0, 0x19D9},   {0x1A80, 0x1A89},   {0x1A90, 0x1A99},   {0x1B50, 0x1B59},
    {0x1BB0, 0x1BB9},   {0x1C40, 0x1C49},   {0x1C50, 0x1C59},   {0xA620, 0xA629},   {0xA8D0, 0xA8D9},
    {0xA900, 0xA909},   {0xA9D0, 0xA9D9},   {0xA9F0, 0xA9F9},   {0xAA50, 0xAA59},   {0xABF0, 0xABF9},
    {0xFF10, 0xFF19},   {0x104A0, 0x104A9}, {0x10D30, 0x10D39}, {0x11066, 0x1106F}, {0x110F0, 0x110F9},
    {0x11136, 0x1113F}, {0x111D0, 0x111D9}, {0x112F0, 0x112F9}, {0x11450, 0x11459}, {0x114D0, 0x114D9},
    {0x11650, 0x11659}, {0x116C0, 0x116C9}, {0x11730, 0x11739}, {0x118E0, 0x118E9}, {0x11950, 0x11959},
    {0x11C50, 0x11C59}, {0x11D50, 0x11D59}, {0x11DA0, 0x11DA9}, {0x11F50, 0x11F59}, {0x16A60, 0x16A69},
    {0x16AC0, 0x16AC9}, {0x16B50, 0x16B59}, {0x1D7CE, 0x1D7FF}, {0x1E140, 0x1E149}, {0x1E2F0, 0x1E2F9},
    {0x1E4F0, 0x1E4F9}, {0x1E950, 0x1E959}, {0x1FBF0, 0x1FBF9},
}};

bool is_unicode_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool is_non_ascii_decimal(char32_t c) {
  return std::any_of(k_decimal_ranges.begin(), k_decimal_ranges.end(),
                     [c](const auto& range) { return c >= range.first && c <= range.second; });
}

char token_of(char32_t c) {
  if (is_unicode_space(c)) {
    return k_space;
  }
  if (c < 0x80) {
    if (c < 0x20 || c == 0x7F) {
      return k_other;
    }
    const auto ascii = static_cast<char>(c);
    return (ascii >= 'A' && ascii <= 'Z') ? static_cast<char>(ascii - 'A' + 'a') : ascii;
  }
  switch (c) {
    case 0x130:
    case 0x131: return 'i';
    case 0x17F: return 's';
    case 0x212A: return 'k';
    default: break;
  }
  return is_non_ascii_decimal(c) ? k_unicode_digit : k_other;
}

// Decodes UTF-8 leniently (surrogates allowed, as a Python str may hold them); a byte that starts
// no valid sequence is one k_other token.
std::string tokenize(std::string_view text) {
  std::string tokens;
  tokens.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80                    ? 1
                         : lead >= 0xF0 && lead <= 0xF4 ? 4
                         : lead >= 0xE0                 ? 3
                         : lead >= 0xC2                 ? 2
                                                        : 0;
    char32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
        length = 0;
        break;
      }
      code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    if (length == 0) {
      tokens += k_other;
      ++i;
      continue;
    }
    tokens += token_of(code);
    i += length;
  }
  return tokens;
}

bool is_alpha(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_alpha(c) || is_ascii_digit(c);
}
bool is_regex_digit(char c) {
  return is_ascii_digit(c) || c == k_unicode_digit;
}
bool is_hex(char c) {
  return is_ascii_digit(c) || (c >= 'a' && c <= 'f');
}
bool is_label_char(char c) {
  return is_alnum(c) || c == '-';
}
bool is_scheme_char(char c) {
  return is_alnum(c) || c == '.' || c == '-' || c == '+';
}
bool is_userinfo_char(char c) {
  return is_alnum(c) || std::string_view("-._~!$&'()*+,;=:").find(c) != std::string_view::npos;
}

class Matcher {
 public:
  explicit Matcher(std::string tokens) : m_t(std::move(tokens)) {
    const auto last_space = m_t.rfind(k_space);
    m_no_space_from = last_space == std::string::npos ? 0 : last_space + 1;
  }

  // ^ scheme :// [userinfo@] host (?::\d+)? (?:/?|[/?]\S+) \Z
  bool matches() const {
    std::size_t i = 0;
    while (i < m_t.size() && is_scheme_char(m_t[i])) {
      ++i;
    }
    if (m_t.compare(i, 3, "://") != 0) {
      return false;
    }
    const std::size_t host = i + 3;
    if (auto after_userinfo = userinfo_end(host); after_userinfo && host_matches(*after_userinfo)) {
      return true;
    }
    return host_matches(host);
  }

 private:
  // The position after "userinfo@" when one starts at `from`.
  std::optional<std::size_t> userinfo_end(std::size_t from) const {
    std::size_t i = from;
    while (i < m_t.size()) {
      if (is_userinfo_char(m_t[i])) {
        ++i;
      } else if (m_t[i] == '%' && i + 2 < m_t.size() && is_hex(m_t[i + 1]) && is_hex(m_t[i + 2])) {
        i += 3;
      } else {
        break;
      }
    }
    if (i < m_t.size() && m_t[i] == '@') {
      return i + 1;
    }
    return std::nullopt;
  }

  bool host_matches(std::size_t p) const {
    return domain_matches(p) || (m_t.compare(p, 9, "localhost") == 0 && tail_matches(p + 9)) ||
           ipv4_matches(p) || ipv6_matches(p);
  }

  // (?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+(?:[A-Z]{2,6}\.?|[A-Z0-9-]{2,}\.?)
  // A label cannot contain '.' and must be followed by one, so the labels are a fixed chain; the
  // final part may start after any of them.
  bool domain_matches(std::size_t p) const {
    std::size_t i = p;
    while (true) {
      std::size_t j = i;
      while (j < m_t.size() && is_label_char(m_t[j])) {
        ++j;
      }
      const std::size_t length = j - i;
      if (j >= m_t.size() || m_t[j] != '.' || length < 1 || length > 63 || !is_alnum(m_t[i]) ||
          !is_alnum(m_t[j - 1])) {
        return false;
      }
      i = j + 1;
      if (tld_matches(i)) {
        return true;
      }
    }
  }

  bool tld_matches(std::size_t k) const {
    auto try_end = [&](std::size_t end) {
      return tail_matches(end) || (end < m_t.size() && m_t[end] == '.' && tail_matches(end + 1));
    };
    std::size_t letters = 0;
    while (k + letters < m_t.size() && is_alpha(m_t[k + letters])) {
      ++letters;
    }
    for (std::size_t m = 2; m <= std::min<std::size_t>(letters, 6); ++m) {
      if (try_end(k + m)) {
        return true;
      }
    }
    std::size_t run = 0;
    while (k + run < m_t.size() && is_label_char(m_t[k + run])) {
      ++run;
    }
    for (std::size_t m = 2; m <= run; ++m) {
      if (try_end(k + m)) {
        return true;
      }
    }
    return false;
  }

  // \d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}
  bool ipv4_matches(std::size_t p) const {
    std::size_t i = p;
    for (int group = 0; group < 4; ++group) {
      std::size_t run = 0;
      while (i + run < m_t.size() && is_regex_digit(m_t[i + run])) {
        ++run;
      }
      if (run == 0) {
        return false;
      }
      if (group == 3) {
        for (std::size_t m = 1; m <= std::min<std::size_t>(run, 3); ++m) {
          if (tail_matches(i + m)) {
            return true;
          }
        }
        return false;
      }
      if (run > 3 || i + run >= m_t.size() || m_t[i + run] != '.') {
        return false;
      }
      i += run + 1;
    }
    return false;
  }

  // \[[A-F0-9]*:[A-F0-9:]+\]
  bool ipv6_matches(std::size_t p) const {
    if (p >= m_t.size() || m_t[p] != '[') {
      return false;
    }
    std::size_t j = p + 1;
    std::size_t first_colon = std::string::npos;
    while (j < m_t.size() && (is_hex(m_t[j]) || m_t[j] == ':')) {
      if (m_t[j] == ':' && first_colon == std::string::npos) {
        first_colon = j;
      }
      ++j;
    }
    if (j >= m_t.size() || m_t[j] != ']' || first_colon == std::string::npos || j - first_colon < 2) {
      return false;
    }
    return tail_matches(j + 1);
  }

  // (?::\d+)?(?:/?|[/?]\S+)\Z from position q. A shorter port, or none, would leave a digit or ':'
  // where the path must start, so only the longest port can match.
  bool tail_matches(std::size_t q) const {
    if (q < m_t.size() && m_t[q] == ':') {
      std::size_t r = q + 1;
      while (r < m_t.size() && is_regex_digit(m_t[r])) {
        ++r;
      }
      if (r == q + 1) {
        return false;
      }
      q = r;
    }
    const std::size_t rest = m_t.size() - q;
    if (rest == 0 || (rest == 1 && m_t[q] == '/')) {
      return true;
    }
    return (m_t[q] == '/' || m_t[q] == '?') && rest >= 2 && q + 1 >= m_no_space_from;
  }

  std::string m_t;
  std::size_t m_no_space_from = 0;
};

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace

bool is_valid_url(std::string_view value, std::span<const std::string_view> schemes) {
  if (value.empty()) {
    return false;
  }
  // No code point outside ASCII lowercases (str.lower) into an ASCII letter other than 'k' and 'i',
  // so an ASCII-only lowercase decides scheme equality exactly for these schemes.
  if (const auto sep = value.find("://"); sep != std::string_view::npos) {
    const auto scheme = ascii_lower(value.substr(0, sep));
    if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end()) {
      return false;
    }
  }
  return Matcher(tokenize(value)).matches();
}

bool is_valid_https_url(std::string_view value) {
  static constexpr std::array<std::string_view, 1> k_https = {"https"};
  return is_valid_url(value, k_https);
}

}  // namespace drydock::workers::config
