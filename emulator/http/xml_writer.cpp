#include "emulator/http/xml_writer.hpp"

#include "emulator/common/xml_text.hpp"

namespace drydock::emulator::http {

XmlWriter::XmlWriter()
    : m_out(R"(<?xml version="1.0" encoding="UTF-8"?>)"
            "\n") {}

XmlWriter& XmlWriter::open(std::string_view name, std::string_view xmlns) {
  m_out += '<';
  m_out += name;
  if (!xmlns.empty()) {
    m_out += " xmlns=\"";
    append_xml_escaped(m_out, xmlns, /*attribute=*/true);
    m_out += '"';
  }
  m_out += '>';
  m_open.emplace_back(name);
  return *this;
}

XmlWriter& XmlWriter::close() {
  m_out += "</";
  m_out += m_open.back();
  m_out += '>';
  m_open.pop_back();
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view text) {
  m_out += '<';
  m_out += name;
  m_out += '>';
  append_xml_escaped(m_out, text);
  m_out += "</";
  m_out += name;
  m_out += '>';
  return *this;
}

std::string XmlWriter::finish() {
  while (!m_open.empty()) {
    close();
  }
  return std::move(m_out);
}

}  // namespace drydock::emulator::http
