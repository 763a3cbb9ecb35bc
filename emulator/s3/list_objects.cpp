#include "emulator/s3/list_objects.hpp"

#include <algorithm>

#include "emulator/s3/object_key.hpp"

namespace drydock::emulator {
namespace {

constexpr std::string_view k_hex_lower = "0123456789abcdef";
constexpr char k_key_marker = 'k';
constexpr char k_prefix_marker = 'p';

// Where the previous page stopped: after a key, or after a common prefix (then every key under it was
// covered too).
struct Resume {
  std::string last;
  bool after_common_prefix = false;
};

// Opaque to callers, like AWS's: hex of a marker byte and the last item returned.
std::string encode_token(const Resume& resume) {
  std::string out;
  out.reserve(2 * (resume.last.size() + 1));
  const auto append = [&](unsigned char byte) {
    out.push_back(k_hex_lower[byte >> 4]);
    out.push_back(k_hex_lower[byte & 0x0F]);
  };
  append(resume.after_common_prefix ? k_prefix_marker : k_key_marker);
  for (const char c : resume.last) {
    append(static_cast<unsigned char>(c));
  }
  return out;
}

std::expected<Resume, S3Error> decode_token(std::string_view token) {
  const auto incorrect = [] {
    return std::unexpected(invalid_argument_error("The continuation token provided is incorrect"));
  };
  if (token.size() < 4 || token.size() % 2 != 0) {
    return incorrect();
  }
  std::string bytes;
  bytes.reserve(token.size() / 2);
  for (std::size_t i = 0; i < token.size(); i += 2) {
    const std::size_t high = k_hex_lower.find(token[i]);
    const std::size_t low = k_hex_lower.find(token[i + 1]);
    if (high == std::string_view::npos || low == std::string_view::npos) {
      return incorrect();
    }
    bytes.push_back(static_cast<char>((high << 4) | low));
  }
  if ((bytes[0] != k_key_marker && bytes[0] != k_prefix_marker) || !is_valid_utf8(bytes)) {
    return incorrect();
  }
  return Resume{bytes.substr(1), bytes[0] == k_prefix_marker};
}

}  // namespace

std::string continuation_token_after(std::string_view last, bool after_common_prefix) {
  return encode_token(Resume{std::string(last), after_common_prefix});
}

std::expected<ListPage, S3Error> list_page(const std::vector<std::string>& sorted_keys,
                                           const ListObjectsV2Request& request) {
  if (request.max_keys < 0) {
    return std::unexpected(
        invalid_argument_error("Argument maxKeys must be an integer between 0 and 2147483647"));
  }
  std::optional<Resume> resume;
  if (request.continuation_token) {
    auto decoded = decode_token(*request.continuation_token);
    if (!decoded) {
      return std::unexpected(decoded.error());
    }
    resume = std::move(*decoded);
  } else if (request.start_after) {
    resume = Resume{*request.start_after, false};
  }
  ListPage page;
  const std::size_t max_items = static_cast<std::size_t>(std::min(request.max_keys, k_max_list_keys));
  if (max_items == 0) {
    return page;
  }
  const std::string_view prefix = request.prefix;
  const std::string_view delimiter =
      request.delimiter ? std::string_view(*request.delimiter) : std::string_view();
  auto it = std::lower_bound(sorted_keys.begin(), sorted_keys.end(), prefix);
  if (resume) {
    it = std::max(it, std::upper_bound(sorted_keys.begin(), sorted_keys.end(), resume->last));
    if (resume->after_common_prefix) {
      // Keys under a common prefix already returned sort right after it, as one run.
      while (it != sorted_keys.end() && it->starts_with(resume->last)) {
        ++it;
      }
    }
  }
  std::size_t items = 0;
  Resume last;
  while (it != sorted_keys.end() && it->starts_with(prefix)) {
    std::string item = *it;
    bool is_common_prefix = false;
    if (!delimiter.empty()) {
      const std::size_t found = it->find(delimiter, prefix.size());
      if (found != std::string::npos) {
        item.resize(found + delimiter.size());
        is_common_prefix = true;
      }
    }
    if (items == max_items) {
      page.is_truncated = true;
      page.next_continuation_token = encode_token(last);
      break;
    }
    ++items;
    if (is_common_prefix) {
      while (it != sorted_keys.end() && it->starts_with(item)) {
        ++it;
      }
      page.common_prefixes.push_back(item);
    } else {
      ++it;
      page.keys.push_back(item);
    }
    last = Resume{std::move(item), is_common_prefix};
  }
  return page;
}

}  // namespace drydock::emulator
