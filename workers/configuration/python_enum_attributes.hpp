#pragma once
// marshmallow's fields.Enum (by name) loads a value with getattr(EnumClass, value). That lookup
// also succeeds for the Python attributes every Enum class has ("__doc__", "mro", "_member_map_"
// ...), so upstream accepts them as InvocationSources / EventBridgeTimedFrequency values.

#include <string_view>

namespace drydock::workers::config {

// Whether getattr(SomeEnum, name) finds a non-member attribute on CPython 3.12 (upstream's Lambda
// runtime) for a plain Enum subclass. Enum member names are not included.
bool is_python_enum_class_attribute(std::string_view name);

}  // namespace drydock::workers::config
