#pragma once
// Writing the XML of AWS's Query and REST answers: elements opened and closed in order, text escaped
// as emulator/common/xml_text does (a CR as &#13;, so a message body round-trips through a parser).

#include <string>
#include <string_view>
#include <vector>

namespace drydock::emulator::http {

class XmlWriter {
 public:
  // Starts the document with the XML declaration.
  XmlWriter();

  // <name> or <name xmlns="…">; closed by the matching close().
  XmlWriter& open(std::string_view name, std::string_view xmlns = {});
  XmlWriter& close();
  // <name>text</name>
  XmlWriter& element(std::string_view name, std::string_view text);

  // The document; every element opened must have been closed.
  std::string finish();

 private:
  std::string m_out;
  std::vector<std::string> m_open;
};

}  // namespace drydock::emulator::http
