#pragma once
// Escaping for the machine formats, shared by every renderer that writes them (`drydock validate`'s and
// the dispatching commands'): XML 1.0 for JUnit reports, GitHub workflow commands for annotations.

#include <string>
#include <string_view>

#include "emulator/common/xml_text.hpp"

namespace drydock::cli {

// XML 1.0 escaping lives in emulator/common/xml_text (the wire adapters write XML too).
using emulator::append_xml_escaped;
using emulator::xml_escape;

// `text` as a GitHub workflow command's message (`property` false: % CR LF as %25 %0D %0A) or as a
// property value such as file= or title= (`property` true: also : and , as %3A %2C).
std::string github_escape(std::string_view text, bool property);

}  // namespace drydock::cli
