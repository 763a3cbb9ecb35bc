#pragma once
// How Python and marshmallow look at a loaded value: its truthiness, whether marshmallow counts it
// as a collection, and how a mapping key is printed or used as an error path step.

#include <string>

#include "workers/diagnostics/diagnostic.hpp"
#include "workers/yaml/document.hpp"

namespace drydock::workers::marshmallow {

// Python's bool(value): false for None, False, 0, 0.0, "", b"" and empty lists, sets and dicts;
// true for everything else (NaN, dates and datetimes included).
bool python_truthy(const yaml::Node& node);

// marshmallow's utils.is_collection: a list, tuple or set (not str, bytes or a mapping).
bool is_collection(const yaml::Node& node);

// Python's str() of a mapping key: "None", "True"/"False", a float's repr ("1.0", "1e+16",
// "nan", "-inf"); any other key (str, int, date, ...) is its text.
std::string python_key_text(const yaml::Node& key);

// The error path step marshmallow uses for a mapping key: an int that fits in 64 bits stays an
// int (as list indexes are), anything else is python_key_text(key).
PathElement key_path_element(const yaml::Node& key);

}  // namespace drydock::workers::marshmallow
