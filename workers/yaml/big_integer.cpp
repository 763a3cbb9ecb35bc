#include "workers/yaml/big_integer.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace drydock::workers::yaml {
namespace {

constexpr std::uint32_t k_decimal_base = 1'000'000'000;  // base-1e9 limbs, little-endian

// limbs = limbs * factor + add (factor, add < 2^32).
void mul_add(std::vector<std::uint32_t>& limbs, std::uint64_t factor, std::uint64_t add, std::uint64_t base) {
  std::uint64_t carry = add;
  for (auto& limb : limbs) {
    const std::uint64_t v = limb * factor + carry;
    limb = static_cast<std::uint32_t>(v % base);
    carry = v / base;
  }
  while (carry > 0) {
    limbs.push_back(static_cast<std::uint32_t>(carry % base));
    carry /= base;
  }
}

std::string decimal_limbs_to_string(const std::vector<std::uint32_t>& limbs) {
  std::size_t top = limbs.size();
  while (top > 0 && limbs[top - 1] == 0) {
    --top;
  }
  if (top == 0) {
    return "0";
  }
  std::string out = std::to_string(limbs[top - 1]);
  char buf[16];
  for (std::size_t k = top - 1; k-- > 0;) {
    std::snprintf(buf, sizeof buf, "%09u", limbs[k]);
    out += buf;
  }
  return out;
}

unsigned digit_value(char c) {
  if (c >= '0' && c <= '9') {
    return static_cast<unsigned>(c - '0');
  }
  return static_cast<unsigned>((c | 0x20) - 'a' + 10);
}

}  // namespace

std::optional<std::string> power_of_two_base_to_decimal(std::string_view digits, int base,
                                                        std::size_t max_digits) {
  const unsigned bits_per_digit = base == 2 ? 1 : base == 8 ? 3 : 4;
  std::size_t first = 0;
  while (first < digits.size() && digits[first] == '0') {
    ++first;
  }
  digits.remove_prefix(first);
  if (digits.empty()) {
    return "0";
  }
  // 10^d needs more than 3.3219*d bits: anything this wide is certainly too long, and checking it
  // first keeps the conversion below bounded.
  const std::size_t bits = digits.size() * bits_per_digit;
  if (static_cast<double>(bits) > static_cast<double>(max_digits) * 3.3219281 + 64) {
    return std::nullopt;
  }
  // Binary limbs (base 2^32), little-endian.
  std::vector<std::uint32_t> binary;
  std::uint64_t acc = 0;
  unsigned acc_bits = 0;
  for (std::size_t k = digits.size(); k-- > 0;) {
    acc |= static_cast<std::uint64_t>(digit_value(digits[k])) << acc_bits;
    acc_bits += bits_per_digit;
    if (acc_bits >= 32) {
      binary.push_back(static_cast<std::uint32_t>(acc));
      acc >>= 32;
      acc_bits -= 32;
    }
  }
  if (acc_bits > 0) {
    binary.push_back(static_cast<std::uint32_t>(acc));
  }
  // Repeated division by 1e9 gives the decimal limbs.
  std::vector<std::uint32_t> decimal;
  while (!binary.empty()) {
    std::uint64_t rem = 0;
    for (std::size_t k = binary.size(); k-- > 0;) {
      const std::uint64_t cur = (rem << 32) | binary[k];
      binary[k] = static_cast<std::uint32_t>(cur / k_decimal_base);
      rem = cur % k_decimal_base;
    }
    decimal.push_back(static_cast<std::uint32_t>(rem));
    while (!binary.empty() && binary.back() == 0) {
      binary.pop_back();
    }
  }
  std::string text = decimal_limbs_to_string(decimal);
  if (text.size() > max_digits) {
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> sexagesimal_to_decimal(const std::vector<std::string_view>& parts,
                                                  std::size_t max_digits) {
  std::vector<std::uint32_t> limbs;
  const std::size_t max_limbs = max_digits / 9 + 2;
  for (std::size_t index = 0; index < parts.size(); ++index) {
    const std::string_view part = parts[index];
    if (index == 0) {
      // The first part is a plain decimal of any length.
      std::vector<std::uint32_t> first;
      for (char c : part) {
        mul_add(first, 10, static_cast<std::uint64_t>(c - '0'), k_decimal_base);
        if (first.size() > max_limbs) {
          return std::nullopt;
        }
      }
      limbs = std::move(first);
      continue;
    }
    std::uint64_t value = 0;
    for (char c : part) {
      value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    mul_add(limbs, 60, value, k_decimal_base);
    if (limbs.size() > max_limbs) {
      return std::nullopt;
    }
  }
  std::string text = decimal_limbs_to_string(limbs);
  if (text.size() > max_digits) {
    return std::nullopt;
  }
  return text;
}

std::string integral_double_to_decimal(double value) {
  value = std::fabs(value);
  if (value < 9007199254740992.0) {
    return std::to_string(static_cast<std::uint64_t>(value));
  }
  int exponent = 0;
  const double mantissa =
      std::frexp(value, &exponent);  // value = mantissa * 2^exponent, mantissa in [0.5, 1)
  const auto m = static_cast<std::uint64_t>(std::ldexp(mantissa, 53));
  exponent -= 53;  // >= 0 here: the value is at least 2^53
  std::vector<std::uint32_t> limbs;
  mul_add(limbs, 1, m, k_decimal_base);
  while (exponent > 0) {
    const int step = exponent > 24 ? 24 : exponent;
    mul_add(limbs, std::uint64_t{1} << step, 0, k_decimal_base);
    exponent -= step;
  }
  return decimal_limbs_to_string(limbs);
}

std::optional<double> power_of_60_as_double(std::size_t k) {
  if (k <= 13) {
    // 60^k = 4^k * 15^k is exact in a double while 15^k < 2^53.
    double value = 1.0;
    for (std::size_t i = 0; i < k; ++i) {
      value *= 60.0;
    }
    return value;
  }
  if (k > 200) {
    return std::nullopt;  // 60^174 already exceeds DBL_MAX
  }
  std::vector<std::uint32_t> limbs{1};
  for (std::size_t i = 0; i < k; ++i) {
    mul_add(limbs, 60, 0, k_decimal_base);
  }
  const std::string text = decimal_limbs_to_string(limbs);
  const double value = std::strtod(text.c_str(), nullptr);
  if (std::isinf(value)) {
    return std::nullopt;
  }
  return value;
}

}  // namespace drydock::workers::yaml
