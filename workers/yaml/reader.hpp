#pragma once
// PyYAML's Reader for a byte stream (yaml/reader.py): detects UTF-16 LE/BE by their BOM (anything
// else is UTF-8), decodes, rejects undecodable bytes and characters outside YAML's printable set with
// PyYAML's ReaderError wording, and tracks index/line/column the way PyYAML counts them (code points;
// CR, LF, CRLF, NEL, LS and PS end a line; U+FEFF takes no column).
//
// PyYAML decodes lazily, 4096 bytes at a time, so a bad byte far into a large file is only reported
// when the scanner gets there: a syntax error before it wins. The Reader decodes everything up front
// (fast) but replays that schedule, raising the ReaderError at the same moment PyYAML would.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workers/yaml/load_failure.hpp"

namespace drydock::workers::yaml::detail {

class Reader {
 public:
  // Decodes `bytes`; never throws (problems are raised later, see above).
  explicit Reader(std::string_view bytes);

  // PyYAML's Reader.__init__ for a stream: reads the first chunks. Raises a ReaderError for a problem
  // in them.
  void start();

  // The character k places ahead; '\0' at the end of the stream.
  char32_t peek(std::size_t k = 0) {
    if (m_index + k + 1 > m_available) [[unlikely]] {
      load(m_index + k + 1);
    }
    return m_text[m_index + k];
  }

  // The next n characters (fewer at the end of the stream).
  std::u32string_view prefix(std::size_t n) {
    if (m_index + n > m_available) [[unlikely]] {
      load(m_index + n);
    }
    return std::u32string_view(m_text).substr(m_index, n);
  }

  // Moves n characters on, counting lines and columns.
  void forward(std::size_t n = 1);

  SourceMark mark() const { return {m_index, m_line, m_column}; }
  std::size_t index() const { return m_index; }
  int line() const { return m_line; }
  int column() const { return m_column; }

 private:
  struct Step {
    std::size_t chars_after = 0;  // characters decoded once this step has run
    bool final = false;           // the step that reaches the end of the stream
  };
  struct Problem {
    std::size_t step = 0;  // the step that raises it
    std::size_t position = 0;
    unsigned character = 0;
    std::string reason;
    std::size_t char_index = 0;  // where it is, in characters, for line/column
  };

  void decode(std::string_view bytes);
  void plan_steps(std::size_t size, const std::vector<std::size_t>& step_ends);
  void load(std::size_t required);
  SourceMark mark_of(std::size_t char_index) const;

  std::u32string m_text;  // every decodable character, then '\0' padding
  std::size_t m_char_count = 0;
  std::vector<Step> m_steps;
  std::size_t m_next_step = 0;
  std::optional<Problem> m_problem;

  std::size_t m_available = 0;  // characters PyYAML would hold in its buffer by now ('\0' included)
  std::size_t m_index = 0;
  int m_line = 0;
  int m_column = 0;
};

}  // namespace drydock::workers::yaml::detail
