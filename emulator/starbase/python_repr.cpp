#include "emulator/starbase/python_repr.hpp"

#include <fmt/format.h>

#include "workers/yaml/python_text.hpp"

namespace drydock::emulator {

std::string python_repr(const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::null: return "None";
    case nlohmann::ordered_json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case nlohmann::ordered_json::value_t::number_integer: return std::to_string(value.get<std::int64_t>());
    case nlohmann::ordered_json::value_t::number_unsigned: return std::to_string(value.get<std::uint64_t>());
    case nlohmann::ordered_json::value_t::number_float: {
      const double number = value.get<double>();
      std::string text = fmt::format("{}", number);  // shortest round trip, like Python's repr
      if (text.find_first_of(".eninf") == std::string::npos) {
        text += ".0";
      }
      return text;
    }
    case nlohmann::ordered_json::value_t::string:
      return workers::yaml::python_repr_utf8(value.get<std::string>());
    case nlohmann::ordered_json::value_t::array: {
      std::string out = "[";
      for (std::size_t i = 0; i < value.size(); ++i) {
        out += (i > 0 ? ", " : "") + python_repr(value[i]);
      }
      return out + "]";
    }
    case nlohmann::ordered_json::value_t::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        out += (first ? "" : ", ") + workers::yaml::python_repr_utf8(key) + ": " + python_repr(item);
        first = false;
      }
      return out + "}";
    }
    default: return "None";
  }
}

bool python_truthy(const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::null: return false;
    case nlohmann::ordered_json::value_t::boolean: return value.get<bool>();
    case nlohmann::ordered_json::value_t::number_integer: return value.get<std::int64_t>() != 0;
    case nlohmann::ordered_json::value_t::number_unsigned: return value.get<std::uint64_t>() != 0;
    case nlohmann::ordered_json::value_t::number_float: return value.get<double>() != 0.0;
    case nlohmann::ordered_json::value_t::string: return !value.get_ref<const std::string&>().empty();
    case nlohmann::ordered_json::value_t::array:
    case nlohmann::ordered_json::value_t::object: return !value.empty();
    default: return false;
  }
}

}  // namespace drydock::emulator
