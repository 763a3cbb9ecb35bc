#include "workers/yaml/reader.hpp"

#include <algorithm>

#include "workers/yaml/utf8_sequence.hpp"

namespace drydock::workers::yaml::detail {
namespace {

constexpr std::size_t k_chunk_bytes = 4096;  // reader.py update_raw(size=4096)
constexpr std::size_t k_padding = 16;        // '\0's after the text, so short look-aheads need no check

// YAML 1.1 printable set, as reader.py NON_PRINTABLE excludes it.
bool is_printable(char32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
         (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// The first undecodable sequence, as CPython's codec reports it.
struct DecodeError {
  std::size_t start = 0;     // UnicodeDecodeError.start: PyYAML shows this byte and offset
  std::size_t detect = 0;    // the byte whose arrival makes the sequence invalid
  bool needs_final = false;  // only an error once the stream has ended ("unexpected end of data")
  const char* reason = "";
};

struct Decoded {
  std::u32string text;
  std::vector<std::size_t> counts;  // per read boundary: characters wholly before it
  std::optional<DecodeError> error;
};

// Records, for each read boundary (byte offset, ascending), how many characters end at or before it.
class BoundaryCounter {
 public:
  BoundaryCounter(const std::vector<std::size_t>& boundaries, Decoded& out)
      : m_boundaries(boundaries), m_out(out) {
    m_out.counts.assign(boundaries.size(), 0);
  }
  // Called before appending a character that ends at byte offset `end`.
  void before_char(std::size_t end) {
    while (m_next < m_boundaries.size() && m_boundaries[m_next] < end) {
      m_out.counts[m_next++] = m_out.text.size();
    }
  }
  void finish() {
    while (m_next < m_boundaries.size()) {
      m_out.counts[m_next++] = m_out.text.size();
    }
  }

 private:
  const std::vector<std::size_t>& m_boundaries;
  Decoded& m_out;
  std::size_t m_next = 0;
};

// bytes.decode('utf-8'), keeping the boundaries' character counts (see utf8_sequence.hpp).
Decoded decode_utf8(std::string_view s, const std::vector<std::size_t>& boundaries) {
  Decoded out;
  out.text.reserve(s.size() + k_padding);
  BoundaryCounter counter(boundaries, out);
  std::size_t i = 0;
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < s.size()) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      counter.before_char(++i);
      out.text += c;
      continue;
    }
    const Utf8Step step = decode_utf8_at(s, i);
    if (step.error != nullptr) {
      const bool truncated = step.error_end == s.size();  // only "unexpected end of data" ends there
      out.error = DecodeError{i, step.error_end, truncated, step.error};
      counter.finish();
      return out;
    }
    i += step.length;
    counter.before_char(i);
    out.text += step.code_point;
  }
  counter.finish();
  return out;
}

// CPython's UTF-16 decoder; the BOM is kept as U+FEFF, as codecs.utf_16_le_decode keeps it.
Decoded decode_utf16(std::string_view s, bool big_endian, const std::vector<std::size_t>& boundaries) {
  Decoded out;
  out.text.reserve(s.size() / 2 + k_padding);
  BoundaryCounter counter(boundaries, out);
  const auto fail = [&](DecodeError error) {
    out.error = error;
    counter.finish();
    return out;
  };
  const auto unit = [&](std::size_t at) {
    const auto b0 = static_cast<unsigned char>(s[at]);
    const auto b1 = static_cast<unsigned char>(s[at + 1]);
    return static_cast<char32_t>(big_endian ? (b0 << 8) | b1 : (b1 << 8) | b0);
  };
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + 1 >= s.size()) {
      return fail({i, i, true, "truncated data"});
    }
    const char32_t u = unit(i);
    if (u < 0xD800 || u > 0xDFFF) {
      i += 2;
      counter.before_char(i);
      out.text += u;
      continue;
    }
    if (u >= 0xDC00) {
      return fail({i, i + 1, false, "illegal encoding"});
    }
    if (i + 3 >= s.size()) {
      return fail({i, i + 2, true, "unexpected end of data"});
    }
    const char32_t u2 = unit(i + 2);
    if (u2 < 0xDC00 || u2 > 0xDFFF) {
      return fail({i, i + 3, false, "illegal UTF-16 surrogate"});
    }
    i += 4;
    counter.before_char(i);
    out.text += 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00);
  }
  counter.finish();
  return out;
}

}  // namespace

Reader::Reader(std::string_view bytes) {
  decode(bytes);
}

void Reader::decode(std::string_view bytes) {
  // The read schedule of reader.py for a stream: determine_encoding() reads 4096 bytes (more only if
  // fewer than 2 arrived), then every update step reads another 4096 (until a read comes back empty,
  // which marks the end) and decodes all it holds.
  std::vector<std::size_t> step_ends;
  std::vector<bool> step_final;
  std::size_t read_pos = 0;
  bool eof = false;
  const auto read = [&] {
    const std::size_t n = std::min(k_chunk_bytes, bytes.size() - read_pos);
    eof = eof || n == 0;
    read_pos += n;
  };
  bool first = true;
  while (!eof && (first || read_pos < 2)) {
    read();
    first = false;
  }
  while (true) {
    if (!eof) {
      read();
    }
    step_ends.push_back(read_pos);
    step_final.push_back(eof);
    if (eof) {
      break;
    }
  }

  const bool le = bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE';
  const bool be = bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF';
  Decoded decoded = (le || be) ? decode_utf16(bytes, be, step_ends) : decode_utf8(bytes, step_ends);

  m_char_count = decoded.text.size();
  std::size_t first_bad_char = m_char_count;
  for (std::size_t k = 0; k < m_char_count; ++k) {
    if (!is_printable(decoded.text[k])) {
      first_bad_char = k;
      break;
    }
  }
  for (std::size_t k = 0; k < step_ends.size(); ++k) {
    Step step;
    step.final = step_final[k];
    // A non-final step decodes only whole characters; the final one everything that decodes.
    step.chars_after = step.final ? m_char_count : decoded.counts[k];
    m_steps.push_back(step);
    if (m_problem) {
      continue;
    }
    if (decoded.error && (decoded.error->needs_final ? step.final : decoded.error->detect < step_ends[k])) {
      // Decoding stopped at the bad sequence, so every character decoded lies before it.
      const auto& e = *decoded.error;
      m_problem = Problem{k, e.start, static_cast<unsigned char>(bytes[e.start]), e.reason, m_char_count};
    } else if (first_bad_char < step.chars_after) {
      m_problem = Problem{k, first_bad_char, static_cast<unsigned>(decoded.text[first_bad_char]),
                          "special characters are not allowed", first_bad_char};
    }
  }
  m_text = std::move(decoded.text);
  m_text.append(k_padding, U'\0');
}

void Reader::start() {
  load(1);
}

void Reader::load(std::size_t required) {
  while (m_available < required && m_next_step < m_steps.size()) {
    if (m_problem && m_problem->step == m_next_step) {
      raise_reader(m_problem->position, m_problem->character, m_problem->reason,
                   mark_of(m_problem->char_index));
    }
    const Step& step = m_steps[m_next_step++];
    m_available = step.chars_after + (step.final ? 1 : 0);
  }
}

void Reader::forward(std::size_t n) {
  if (m_index + n + 1 > m_available) [[unlikely]] {
    load(m_index + n + 1);
  }
  while (n-- > 0) {
    const char32_t ch = m_text[m_index++];
    if (ch == U'\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 ||
        (ch == U'\r' && m_text[m_index] != U'\n')) {
      ++m_line;
      m_column = 0;
    } else if (ch != 0xFEFF) {
      ++m_column;
    }
  }
}

SourceMark Reader::mark_of(std::size_t char_index) const {
  SourceMark mark;
  for (std::size_t k = 0; k < char_index && k < m_char_count; ++k) {
    const char32_t ch = m_text[k];
    if (ch == U'\n' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 ||
        (ch == U'\r' && m_text[k + 1] != U'\n')) {
      ++mark.line;
      mark.column = 0;
    } else if (ch != 0xFEFF) {
      ++mark.column;
    }
  }
  mark.index = char_index;
  return mark;
}

}  // namespace drydock::workers::yaml::detail
