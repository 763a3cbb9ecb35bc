#pragma once
// Internal to emulator/accounts: the index reader's memo of lists it has read, so accounts whose
// "Regions" or "Parents" are written alike share one SharedList. Not part of the public contract.

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "emulator/accounts/shared_list.hpp"

namespace drydock::emulator {

// Lists read before (an account's "Regions", its "Parents"), found again by their text: the same
// text reads the same, so an account whose list is written exactly like an earlier one shares
// that list instead of reading it again. Only lists that read without a problem are kept, at most
// a bounded number, found by their first bytes.
template <class T>
class ListMemo {
 public:
  // A list whose text `rest` (the text from its '[' on) starts with, and that text's length.
  const std::pair<std::string_view, SharedList<T>>* find(std::string_view rest) const {
    const auto it = m_by_window.find(window(rest));
    if (it == m_by_window.end()) {
      return nullptr;
    }
    for (const auto& entry : it->second) {
      if (rest.starts_with(entry.first)) {
        return &entry;
      }
    }
    return nullptr;
  }
  // `text` is the list's text; `rest` the text from its '[' to the end of the file.
  void add(std::string_view rest, std::string_view text, const SharedList<T>& list) {
    if (m_size >= k_max_entries) {
      return;
    }
    auto& entries = m_by_window[window(rest)];
    if (entries.size() < k_max_per_window) {
      entries.emplace_back(text, list);
      ++m_size;
    }
  }

 private:
  static constexpr std::size_t k_window = 64;
  // The first bytes of a list's text, never past its first ']': what follows a short list is not
  // part of the key, so the same list is found again wherever it stands.
  static std::string_view window(std::string_view rest) {
    std::size_t n = std::min(rest.size(), k_window);
    if (const std::size_t close = rest.substr(0, n).find(']'); close != std::string_view::npos) {
      n = close + 1;
    }
    return rest.substr(0, n);
  }
  static constexpr std::size_t k_max_entries = 4096;
  static constexpr std::size_t k_max_per_window = 8;
  std::unordered_map<std::string_view, std::vector<std::pair<std::string_view, SharedList<T>>>> m_by_window;
  std::size_t m_size = 0;
};

}  // namespace drydock::emulator
