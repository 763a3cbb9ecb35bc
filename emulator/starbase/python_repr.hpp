#pragma once
// Python's repr() of a value json.loads produced, as upstream's log lines print payloads
// ("Received an event: `{'lol': 'aliens'}` we don't support!").

#include <nlohmann/json.hpp>
#include <string>

namespace drydock::emulator {

// repr() of the Python object json.loads builds from `value`: dicts in key order with ': ' and ', ',
// strings quoted as Python quotes them, True/False/None, ints, floats (shortest round trip).
std::string python_repr(const nlohmann::ordered_json& value);

// Python truthiness of that object: None, False, 0, 0.0, "", [] and {} are false.
bool python_truthy(const nlohmann::ordered_json& value);

}  // namespace drydock::emulator
