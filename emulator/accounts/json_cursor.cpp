// Python's json.decoder syntax (the C scanner's messages), over bytes.
#include "emulator/accounts/json_cursor.hpp"

#include <cstdint>
#include <cstring>

#include "emulator/common/hex_digit.hpp"
#include "workers/marshmallow/utf8.hpp"
#include "workers/yaml/python_text.hpp"

namespace drydock::emulator::json {

namespace {

constexpr int k_max_depth = 900;  // Python's recursion limit stops json.loads near 1000

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::object: return "an object";
    case Kind::array: return "a list";
    case Kind::string: return "a string";
    case Kind::number: return "a number";
    case Kind::boolean: return "a boolean";
    case Kind::null: return "null";
    case Kind::invalid: break;
  }
  return "nothing";
}

bool Cursor::fail(std::string message, std::size_t offset) {
  if (m_error.empty()) {
    m_error = std::move(message);
    m_error_offset = offset;
  }
  return false;
}

void Cursor::skip_ws() {
  // Indented files are mostly runs of spaces: step over them eight at a time.
  constexpr std::uint64_t k_spaces = 0x2020202020202020ULL;
  while (m_pos + 8 <= m_text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, m_text.data() + m_pos, sizeof word);
    if (word != k_spaces) {
      break;
    }
    m_pos += 8;
  }
  while (m_pos < m_text.size()) {
    const char c = m_text[m_pos];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return;
    }
    ++m_pos;
  }
}

Kind Cursor::peek() {
  skip_ws();
  if (m_pos >= m_text.size()) {
    return Kind::invalid;
  }
  const std::string_view rest = m_text.substr(m_pos);
  switch (rest[0]) {
    case '{': return Kind::object;
    case '[': return Kind::array;
    case '"': return Kind::string;
    case 't': return rest.starts_with("true") ? Kind::boolean : Kind::invalid;
    case 'f': return rest.starts_with("false") ? Kind::boolean : Kind::invalid;
    case 'n': return rest.starts_with("null") ? Kind::null : Kind::invalid;
    case 'N': return rest.starts_with("NaN") ? Kind::number : Kind::invalid;
    case 'I': return rest.starts_with("Infinity") ? Kind::number : Kind::invalid;
    case '-':
      return rest.starts_with("-Infinity") || (rest.size() > 1 && is_digit(rest[1])) ? Kind::number
                                                                                     : Kind::invalid;
    default: return is_digit(rest[0]) ? Kind::number : Kind::invalid;
  }
}

bool Cursor::read_string(std::string& out) {
  const std::size_t begin = m_pos++;
  out.clear();
  while (true) {
    std::size_t run = m_pos;
    while (run < m_text.size()) {
      const auto c = static_cast<unsigned char>(m_text[run]);
      if (c == '"' || c == '\\' || c < 0x20) {
        break;
      }
      ++run;
    }
    out.append(m_text.data() + m_pos, run - m_pos);
    m_pos = run;
    if (m_pos >= m_text.size()) {
      return fail("Unterminated string starting at", begin);
    }
    const char c = m_text[m_pos];
    if (c == '"') {
      ++m_pos;
      return true;
    }
    if (c != '\\') {
      return fail("Invalid control character at", m_pos);
    }
    if (m_pos + 1 >= m_text.size()) {
      return fail("Unterminated string starting at", begin);
    }
    const char esc = m_text[m_pos + 1];
    switch (esc) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': break;
      default: return fail("Invalid \\escape", m_pos);
    }
    if (esc != 'u') {
      m_pos += 2;
      continue;
    }
    auto read_hex4 = [&](std::size_t at, std::uint32_t& value) {
      if (at + 4 > m_text.size()) {
        return false;
      }
      value = 0;
      for (std::size_t k = 0; k < 4; ++k) {
        const int h = hex_digit_value(m_text[at + k]);
        if (h < 0) {
          return false;
        }
        value = value * 16 + static_cast<std::uint32_t>(h);
      }
      return true;
    };
    std::uint32_t cp = 0;
    if (!read_hex4(m_pos + 2, cp)) {
      return fail("Invalid \\uXXXX escape", m_pos + 1);
    }
    m_pos += 6;
    std::uint32_t low = 0;
    if (cp >= 0xD800 && cp <= 0xDBFF && m_text.substr(m_pos).starts_with("\\u") &&
        read_hex4(m_pos + 2, low) && low >= 0xDC00 && low <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      m_pos += 6;
    }
    workers::yaml::append_utf8(out, static_cast<char32_t>(cp));
  }
}

bool Cursor::expect_literal(std::string_view literal) {
  m_pos += literal.size();  // peek() has checked it
  return true;
}

bool Cursor::read_number() {
  const std::string_view rest = m_text.substr(m_pos);
  if (rest.starts_with("NaN")) {
    return expect_literal("NaN");
  }
  if (rest.starts_with("Infinity")) {
    return expect_literal("Infinity");
  }
  if (rest.starts_with("-Infinity")) {
    return expect_literal("-Infinity");
  }
  std::size_t k = 0;
  if (rest[k] == '-') {
    ++k;
  }
  if (rest[k] == '0') {
    ++k;
  } else {
    while (k < rest.size() && is_digit(rest[k])) {
      ++k;
    }
  }
  if (k + 1 < rest.size() && rest[k] == '.' && is_digit(rest[k + 1])) {
    k += 2;
    while (k < rest.size() && is_digit(rest[k])) {
      ++k;
    }
  }
  if (k < rest.size() && (rest[k] == 'e' || rest[k] == 'E')) {
    std::size_t e = k + 1;
    if (e < rest.size() && (rest[e] == '+' || rest[e] == '-')) {
      ++e;
    }
    if (e < rest.size() && is_digit(rest[e])) {
      while (e < rest.size() && is_digit(rest[e])) {
        ++e;
      }
      k = e;
    }
  }
  m_pos += k;
  return true;
}

bool Cursor::skip_value(int depth) {
  if (depth > k_max_depth) {
    return fail("Nesting too deep (Python's json.loads hits its recursion limit)", m_pos);
  }
  std::string scratch;
  switch (peek()) {
    case Kind::object: return object([&](const std::string&, std::size_t) { return skip_value(depth + 1); });
    case Kind::array: return array([&](std::size_t) { return skip_value(depth + 1); });
    case Kind::string: return read_string(scratch);
    case Kind::number: return read_number();
    case Kind::boolean: return expect_literal(m_text[m_pos] == 't' ? "true" : "false");
    case Kind::null: return expect_literal("null");
    case Kind::invalid: break;
  }
  return fail("Expecting value", m_pos);
}

bool Cursor::finish() {
  skip_ws();
  return m_pos == m_text.size() || fail("Extra data", m_pos);
}

LineColumn line_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  LineColumn lc;
  std::size_t line_start = 0;
  for (std::size_t k = 0; k < offset; ++k) {
    if (text[k] == '\n') {
      ++lc.line;
      line_start = k + 1;
    }
  }
  lc.column =
      static_cast<int>(workers::marshmallow::code_point_count(text.substr(line_start, offset - line_start))) +
      1;
  return lc;
}

std::string python_error_text(std::string_view text, const std::string& message, std::size_t offset) {
  const LineColumn lc = line_column(text, offset);
  const std::size_t chars =
      workers::marshmallow::code_point_count(text.substr(0, std::min(offset, text.size())));
  return message + ": line " + std::to_string(lc.line) + " column " + std::to_string(lc.column) + " (char " +
         std::to_string(chars) + ")";
}

}  // namespace drydock::emulator::json
