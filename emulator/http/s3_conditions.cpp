#include "emulator/http/s3_conditions.hpp"

#include <charconv>

#include "emulator/http/http_date.hpp"

namespace drydock::emulator::http {
namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string_view unquoted(std::string_view tag) {
  tag = trimmed(tag);
  if (tag.starts_with("W/")) {
    tag.remove_prefix(2);
  }
  if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
    tag = tag.substr(1, tag.size() - 2);
  }
  return tag;
}

// True when the comma-separated list of entity tags `list` holds `etag` or "*".
bool tag_list_matches(std::string_view list, std::string_view etag) {
  const std::string_view wanted = unquoted(etag);
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view tag = trimmed(list.substr(0, comma));
    if (tag == "*" || unquoted(tag) == wanted) {
      return true;
    }
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return false;
}

// HTTP dates have whole seconds; so does the comparison.
std::chrono::sys_seconds to_seconds(Instant time) {
  return std::chrono::floor<std::chrono::seconds>(time);
}

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  if (text.empty()) {
    return std::nullopt;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

S3Error invalid_range() {
  return S3Error{"InvalidRange", "The requested range is not satisfiable"};
}

}  // namespace

S3Error precondition_failed_error() {
  return S3Error{"PreconditionFailed", "At least one of the pre-conditions you specified did not hold"};
}

Precondition check_preconditions(
    const std::function<std::optional<std::string_view>(std::string_view)>& header, std::string_view etag,
    Instant last_modified, const ConditionHeaders& names) {
  const auto modified = to_seconds(last_modified);
  const auto if_match = header(names.if_match);
  if (if_match && !tag_list_matches(*if_match, etag)) {
    return Precondition::failed;
  }
  if (!if_match) {
    if (const auto since = header(names.if_unmodified_since)) {
      if (const auto date = parse_http_date(*since); date && modified > to_seconds(*date)) {
        return Precondition::failed;
      }
    }
  }
  const Precondition unchanged = names.not_modified_fails ? Precondition::failed : Precondition::not_modified;
  const auto if_none_match = header(names.if_none_match);
  if (if_none_match && tag_list_matches(*if_none_match, etag)) {
    return unchanged;
  }
  if (!if_none_match) {
    if (const auto since = header(names.if_modified_since)) {
      if (const auto date = parse_http_date(*since); date && modified <= to_seconds(*date)) {
        return unchanged;
      }
    }
  }
  return Precondition::proceed;
}

std::expected<std::optional<ByteRange>, S3Error> select_range(std::optional<std::string_view> header,
                                                              std::uint64_t size) {
  if (!header) {
    return std::nullopt;
  }
  std::string_view spec = trimmed(*header);
  if (!spec.starts_with("bytes=") || spec.find(',') != std::string_view::npos) {
    return std::nullopt;
  }
  spec.remove_prefix(6);
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view from = trimmed(spec.substr(0, dash));
  const std::string_view to = trimmed(spec.substr(dash + 1));
  if (from.empty()) {  // the last n bytes
    const auto suffix = number(to);
    if (!suffix) {
      return std::nullopt;
    }
    if (*suffix == 0 || size == 0) {
      return std::unexpected(invalid_range());
    }
    return ByteRange{size - std::min(*suffix, size), size - 1};
  }
  const auto first = number(from);
  const auto last = to.empty() ? std::optional<std::uint64_t>(UINT64_MAX) : number(to);
  if (!first || !last || *last < *first) {
    return std::nullopt;
  }
  if (*first >= size) {
    return std::unexpected(invalid_range());
  }
  return ByteRange{*first, std::min(*last, size - 1)};
}

}  // namespace drydock::emulator::http
