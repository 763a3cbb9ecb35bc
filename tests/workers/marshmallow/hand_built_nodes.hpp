#pragma once
// Scalar nodes built by hand, for the field tests: values a YAML literal would need tags for
// (bytes, sets, "-0"), or that are simpler to state directly. Header-only: tests/CMakeLists.txt
// compiles only *_test.cpp files.

#include <string>
#include <utility>

#include "workers/yaml/document.hpp"

namespace drydock::test {

struct HandBuiltNodes {
  workers::yaml::Document doc;
  // A node of `type` at line 1 column 1, owned by `doc`.
  const workers::yaml::Node& make(workers::yaml::Type type, std::string text = {}, double number = 0.0,
                                  bool boolean = false) {
    auto& node = doc.make(type, {1, 1});
    node.text = std::move(text);
    node.number = number;
    node.boolean = boolean;
    return node;
  }
};

}  // namespace drydock::test
