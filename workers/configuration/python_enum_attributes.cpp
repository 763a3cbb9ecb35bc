#include "workers/configuration/python_enum_attributes.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <string_view>

namespace drydock::workers::config {
namespace {

// Generated with CPython 3.12.1: every name in the __dict__ of the MRO of an Enum subclass and of
// its metaclass for which getattr(cls, name) succeeds. Sorted, for binary search.
constexpr std::array<std::string_view, 75> k_attributes = {
    "__annotations__",
    "__base__",
    "__bases__",
    "__basicsize__",
    "__bool__",
    "__call__",
    "__class__",
    "__contains__",
    "__copy__",
    "__deepcopy__",
    "__delattr__",
    "__dict__",
    "__dictoffset__",
    "__dir__",
    "__doc__",
    "__eq__",
    "__flags__",
    "__format__",
    "__ge__",
    "__getattribute__",
    "__getitem__",
    "__getstate__",
    "__gt__",
    "__hash__",
    "__init__",
    "__init_subclass__",
    "__instancecheck__",
    "__itemsize__",
    "__iter__",
    "__le__",
    "__len__",
    "__lt__",
    "__members__",
    "__module__",
    "__mro__",
    "__name__",
    "__ne__",
    "__new__",
    "__or__",
    "__prepare__",
    "__qualname__",
    "__reduce__",
    "__reduce_ex__",
    "__repr__",
    "__reversed__",
    "__ror__",
    "__setattr__",
    "__signature__",
    "__sizeof__",
    "__str__",
    "__subclasscheck__",
    "__subclasses__",
    "__subclasshook__",
    "__text_signature__",
    "__type_params__",
    "__weakref__",
    "__weakrefoffset__",
    "_check_for_existing_members_",
    "_convert_",
    "_create_",
    "_find_data_repr_",
    "_find_data_type_",
    "_find_new_",
    "_generate_next_value_",
    "_get_mixins_",
    "_member_map_",
    "_member_names_",
    "_member_type_",
    "_missing_",
    "_new_member_",
    "_unhashable_values_",
    "_use_args_",
    "_value2member_map_",
    "_value_repr_",
    "mro",
};

}  // namespace

bool is_python_enum_class_attribute(std::string_view name) {
  static_assert(std::ranges::is_sorted(k_attributes, std::less<std::string_view>{}));
  return std::ranges::binary_search(k_attributes, name, std::less<std::string_view>{});
}

}  // namespace drydock::workers::config
