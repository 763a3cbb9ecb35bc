#pragma once
// Reading the small XML documents S3 clients send (DeleteObjects' <Delete>, CompleteMultipartUpload's
// parts) into a tree, with expat. Request bodies are untrusted, so the reader is bounded: a document
// type declaration is refused outright (no entities to expand), and the size, the depth and the number
// of elements are capped. Namespaces are dropped: elements are known by their local names, as S3 does.

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::emulator::http {

struct XmlElement {
  std::string name;  // local name, without its namespace
  std::string text;  // the character data directly inside it, concatenated
  std::vector<XmlElement> children;

  // The first child named `name`, or nullptr.
  const XmlElement* child(std::string_view name) const;
};

struct XmlLimits {
  std::size_t max_bytes = 2 * 1024 * 1024;  // DeleteObjects: 1,000 keys of up to 1,024 bytes each
  std::size_t max_depth = 8;
  std::size_t max_elements = 50'000;
};

// The root element of `document`. Fails with a message giving the line and column and what is wrong
// (malformed XML, a DOCTYPE, a limit exceeded).
std::expected<XmlElement, std::string> read_xml(std::string_view document, const XmlLimits& limits = {});

}  // namespace drydock::emulator::http
