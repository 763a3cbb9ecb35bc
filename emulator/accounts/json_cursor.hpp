#pragma once
// A pull reader over JSON text with Python's json.loads syntax rules and error messages
// ("Expecting value", "Expecting ',' delimiter", NaN/Infinity accepted, control characters in strings
// rejected), positioned by byte offset. The index reader drives it with the index schema in hand, so
// no DOM of a 15 MB file is ever built. Also the dispatcher's quick read of a body's assigned target.

#include <cstddef>
#include <string>
#include <string_view>

namespace drydock::emulator::json {

enum class Kind { object, array, string, number, boolean, null, invalid };

// "an object", "a list", "a string", ... for messages.
std::string_view kind_name(Kind kind);

class Cursor {
 public:
  explicit Cursor(std::string_view text) : m_text(text) {}

  // The kind of the next value (whitespace skipped); Kind::invalid if none can start here.
  Kind peek();
  std::size_t offset() const { return m_pos; }
  // Moves the cursor to `offset` (a position another cursor over the same text has reached).
  void seek(std::size_t offset) { m_pos = offset; }

  // Reads a string value at the cursor into `out` (escapes decoded; lone surrogates kept as their
  // 3-byte encoding, as Python keeps them). False on a syntax error (see failed()).
  bool read_string(std::string& out);
  // Skips any value. False on a syntax error.
  bool skip_value(int depth = 0);

  // Iterates an object's members: calls on_member(key, key_offset) with the cursor on the value; the
  // callback must consume the value (read or skip it) and return false to stop on a syntax error.
  template <class OnMember>
  bool object(OnMember&& on_member);
  // The same from a member's key inside an object (its '{' already behind), through the closing '}'.
  template <class OnMember>
  bool members(OnMember&& on_member);
  // Iterates a list: calls on_item(index) with the cursor on the item; same contract.
  template <class OnItem>
  bool array(OnItem&& on_item);

  // Checks that only whitespace follows the top-level value ("Extra data" otherwise).
  bool finish();

  bool failed() const { return !m_error.empty(); }
  const std::string& error() const { return m_error; }  // Python's message without the position
  std::size_t error_offset() const { return m_error_offset; }

 private:
  bool fail(std::string message, std::size_t offset);
  void skip_ws();
  bool expect_literal(std::string_view literal);
  bool read_number();

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::string m_error;
  std::size_t m_error_offset = 0;
};

// Python's JSONDecodeError text for an error at byte `offset` of `text`:
// "<message>: line L column C (char N)", columns and chars counted in code points.
std::string python_error_text(std::string_view text, const std::string& message, std::size_t offset);

// 1-based line and column (in code points) of byte `offset`.
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column(std::string_view text, std::size_t offset);

template <class OnMember>
bool Cursor::object(OnMember&& on_member) {
  ++m_pos;  // '{'
  skip_ws();
  if (m_pos < m_text.size() && m_text[m_pos] == '}') {
    ++m_pos;
    return true;
  }
  return members(on_member);
}

template <class OnMember>
bool Cursor::members(OnMember&& on_member) {
  std::string key;
  while (true) {
    if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
      return fail("Expecting property name enclosed in double quotes", m_pos);
    }
    const std::size_t key_offset = m_pos;
    if (!read_string(key)) {
      return false;
    }
    skip_ws();
    if (m_pos >= m_text.size() || m_text[m_pos] != ':') {
      return fail("Expecting ':' delimiter", m_pos);
    }
    ++m_pos;
    if (peek() == Kind::invalid) {
      return fail("Expecting value", m_pos);
    }
    if (!on_member(key, key_offset)) {
      return false;
    }
    skip_ws();
    if (m_pos < m_text.size() && m_text[m_pos] == '}') {
      ++m_pos;
      return true;
    }
    if (m_pos >= m_text.size() || m_text[m_pos] != ',') {
      return fail("Expecting ',' delimiter", m_pos);
    }
    ++m_pos;
    skip_ws();
  }
}

template <class OnItem>
bool Cursor::array(OnItem&& on_item) {
  ++m_pos;  // '['
  skip_ws();
  if (m_pos < m_text.size() && m_text[m_pos] == ']') {
    ++m_pos;
    return true;
  }
  for (std::size_t index = 0;; ++index) {
    if (peek() == Kind::invalid) {
      return fail("Expecting value", m_pos);
    }
    if (!on_item(index)) {
      return false;
    }
    skip_ws();
    if (m_pos < m_text.size() && m_text[m_pos] == ']') {
      ++m_pos;
      return true;
    }
    if (m_pos >= m_text.size() || m_text[m_pos] != ',') {
      return fail("Expecting ',' delimiter", m_pos);
    }
    ++m_pos;
  }
}

}  // namespace drydock::emulator::json
