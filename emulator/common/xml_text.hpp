#pragma once
// XML 1.0 text: what the JUnit reports and the AWS wire answers (Query XML, S3 REST) write.

#include <string>
#include <string_view>

namespace drydock::emulator {

// Appends `text` to `out` as XML 1.0 character data, or (`attribute`) as an attribute value: & < > " '
// as entities; TAB and LF kept in character data and written as &#9; &#10; in attributes (where a
// parser would read them as spaces); CR as &#13; (a parser would read a raw one as LF); the characters
// XML 1.0 cannot carry at all, not even as references — the other C0 controls, U+FFFE and U+FFFF —
// and bytes that are not UTF-8 replaced by U+FFFD. The result is always well-formed, whatever bytes a
// worker printed; `]]>` needs nothing more, since no CDATA section is written.
void append_xml_escaped(std::string& out, std::string_view text, bool attribute = false);
std::string xml_escape(std::string_view text, bool attribute = false);

}  // namespace drydock::emulator
