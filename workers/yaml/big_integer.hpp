#pragma once
// Exact integer arithmetic for the few places Python ints show through: YAML ints of any size (hex,
// octal, binary, base 60), and comparing an integral float with an int as dict keys (1.0 == 1).
// Work is bounded by the decimal-digit cap the caller passes (CPython refuses to print an int of more
// than 4300 digits, so nothing longer ever needs its decimal form).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::workers::yaml {

// CPython's sys.get_int_max_str_digits() default.
inline constexpr std::size_t k_python_int_max_str_digits = 4300;

// Decimal text (no sign, no leading zeros, "0" for zero) of `digits` in base 2, 8 or 16. Returns
// nullopt when the value has more than `max_digits` decimal digits. `digits` holds valid digits only.
std::optional<std::string> power_of_two_base_to_decimal(std::string_view digits, int base,
                                                        std::size_t max_digits);

// Decimal text of a base-60 number whose parts are decimal strings ("190", "20", "30"). Returns
// nullopt when it has more than `max_digits` decimal digits.
std::optional<std::string> sexagesimal_to_decimal(const std::vector<std::string_view>& parts,
                                                  std::size_t max_digits);

// Exact decimal text of a finite integral double ("1e300" -> 1000000000000000052504760...).
// -0.0 gives "0".
std::string integral_double_to_decimal(double value);

// 60**k converted to float as Python does (correctly rounded); nullopt when Python raises
// OverflowError ("int too large to convert to float").
std::optional<double> power_of_60_as_double(std::size_t k);

}  // namespace drydock::workers::yaml
