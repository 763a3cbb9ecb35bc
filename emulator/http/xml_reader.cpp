#include "emulator/http/xml_reader.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <memory>

namespace drydock::emulator::http {
namespace {

// Namespace URI and local name are joined by this in the names expat reports.
constexpr char k_namespace_separator = '\x01';

struct Reading {
  XML_Parser parser = nullptr;
  const XmlLimits* limits = nullptr;
  XmlElement root;
  std::vector<XmlElement*> open;  // the path from the root to the element being read
  std::size_t elements = 0;
  bool have_root = false;
  std::string failure;  // set when the reader itself stopped the parse

  void fail(std::string why) {
    if (failure.empty()) {
      failure = std::move(why);
    }
    XML_StopParser(parser, XML_FALSE);
  }
};

std::string local_name(const XML_Char* name) {
  const std::string_view full(name);
  const auto separator = full.rfind(k_namespace_separator);
  return std::string(separator == std::string_view::npos ? full : full.substr(separator + 1));
}

void on_start(void* data, const XML_Char* name, const XML_Char**) {
  auto& reading = *static_cast<Reading*>(data);
  if (++reading.elements > reading.limits->max_elements) {
    return reading.fail(fmt::format("more than {} elements", reading.limits->max_elements));
  }
  if (reading.open.size() >= reading.limits->max_depth) {
    return reading.fail(fmt::format("elements nested deeper than {}", reading.limits->max_depth));
  }
  XmlElement* element = nullptr;
  if (reading.open.empty()) {
    reading.have_root = true;
    element = &reading.root;
  } else {
    element = &reading.open.back()->children.emplace_back();
  }
  element->name = local_name(name);
  reading.open.push_back(element);
}

void on_end(void* data, const XML_Char*) {
  static_cast<Reading*>(data)->open.pop_back();
}

void on_text(void* data, const XML_Char* text, int length) {
  auto& reading = *static_cast<Reading*>(data);
  if (!reading.open.empty()) {
    reading.open.back()->text.append(text, static_cast<std::size_t>(length));
  }
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<Reading*>(data)->fail("a document type declaration (DOCTYPE) is not accepted");
}

}  // namespace

const XmlElement* XmlElement::child(std::string_view wanted) const {
  for (const auto& element : children) {
    if (element.name == wanted) {
      return &element;
    }
  }
  return nullptr;
}

std::expected<XmlElement, std::string> read_xml(std::string_view document, const XmlLimits& limits) {
  if (document.size() > limits.max_bytes) {
    return std::unexpected(
        fmt::format("the document is {} bytes, over the limit of {}", document.size(), limits.max_bytes));
  }
  const std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreateNS("UTF-8", k_namespace_separator), &XML_ParserFree);
  if (!parser) {
    return std::unexpected("the XML parser could not be created (out of memory)");
  }
  Reading reading;
  reading.parser = parser.get();
  reading.limits = &limits;
  XML_SetUserData(parser.get(), &reading);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  const auto status = XML_Parse(parser.get(), document.data(), static_cast<int>(document.size()), XML_TRUE);
  if (status != XML_STATUS_OK || !reading.failure.empty()) {
    const std::string why =
        reading.failure.empty() ? XML_ErrorString(XML_GetErrorCode(parser.get())) : reading.failure;
    return std::unexpected(fmt::format("line {}, column {}: {}", XML_GetCurrentLineNumber(parser.get()),
                                       XML_GetCurrentColumnNumber(parser.get()) + 1, why));
  }
  if (!reading.have_root) {
    return std::unexpected("the document has no element");
  }
  return std::move(reading.root);
}

}  // namespace drydock::emulator::http
