#include "emulator/http/http_exchange.hpp"

#include <algorithm>
#include <atomic>
#include <random>

#include "emulator/common/uuid.hpp"

namespace drydock::emulator::http {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) {
             return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
           };
           return lower(x) == lower(y);
         });
}

}  // namespace

std::optional<std::string_view> HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equal_ignoring_case(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

std::string request_id() {
  thread_local std::mt19937_64 random(std::random_device{}());
  return random_uuid(random);
}

}  // namespace drydock::emulator::http
