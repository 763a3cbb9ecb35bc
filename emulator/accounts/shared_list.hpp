#pragma once
// A list that copies share: most accounts of an organization list the same regions and sit under
// the same chain of OUs, and most resolved accounts get the same regions, so the 10,000 accounts of
// a large index hold a few hundred lists instead of a copy each, twice over for the plan (about
// 25 MB less memory touched, which on a virtual machine costs more than the work done on it).
//
// A value type: reading never changes it, and edit() gives a list of its own (copy on write)
// before anything is changed, so a copy never sees another copy's edits.

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drydock::emulator {

template <class T>
class SharedList {
 public:
  using value_type = T;
  using const_iterator = typename std::vector<T>::const_iterator;
  using const_reverse_iterator = typename std::vector<T>::const_reverse_iterator;

  SharedList() = default;
  SharedList(std::vector<T> items)  // NOLINT(google-explicit-constructor): a list is its items
      : m_items(items.empty() ? nullptr : std::make_shared<std::vector<T>>(std::move(items))) {}
  SharedList(std::initializer_list<T> items) : SharedList(std::vector<T>(items)) {}

  const std::vector<T>& items() const { return m_items ? *m_items : empty_items(); }
  const_iterator begin() const { return items().begin(); }
  const_iterator end() const { return items().end(); }
  const_reverse_iterator rbegin() const { return items().rbegin(); }
  const_reverse_iterator rend() const { return items().rend(); }
  std::size_t size() const { return m_items ? m_items->size() : 0; }
  bool empty() const { return size() == 0; }
  const T& operator[](std::size_t i) const { return items()[i]; }
  const T& front() const { return items().front(); }
  const T& back() const { return items().back(); }

  // The list to change in place: this copy's own, unshared from any other.
  std::vector<T>& edit() {
    if (!m_items) {
      m_items = std::make_shared<std::vector<T>>();
    } else if (m_items.use_count() > 1) {
      m_items = std::make_shared<std::vector<T>>(*m_items);
    }
    return *m_items;
  }
  void push_back(T item) { edit().push_back(std::move(item)); }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    return edit().emplace_back(std::forward<Args>(args)...);
  }

  // True when both hold the very same list (then they are certainly equal).
  bool shares_with(const SharedList& other) const { return m_items == other.m_items; }
  // The same for every copy that shares the list (null when empty): a key for work done per list.
  const void* identity() const { return m_items.get(); }

  friend bool operator==(const SharedList& a, const SharedList& b) {
    return a.shares_with(b) || a.items() == b.items();
  }
  friend bool operator==(const SharedList& a, const std::vector<T>& b) { return a.items() == b; }

 private:
  static const std::vector<T>& empty_items() {
    static const std::vector<T> k_empty;
    return k_empty;
  }
  std::shared_ptr<std::vector<T>> m_items;  // null: empty
};

using RegionList = SharedList<std::string>;

// A value worked out from a list (its text, its items escaped, whether it is sorted), kept while
// the lists asked about share it: a walk over accounts in order, most of which share their
// neighbour's list, works it out once per run of accounts instead of once per account. Holds a
// copy of the list, so the value stays right even if the caller's list is edited meanwhile.
template <class T, class V>
class PerSharedList {
 public:
  // make(list) for `list`, called only when `list` does not share the list last asked about.
  template <class Make>
  const V& of(const SharedList<T>& list, Make&& make) {
    if (!m_value || !list.shares_with(m_list)) {
      m_value = make(list);
      m_list = list;
    }
    return *m_value;
  }

 private:
  SharedList<T> m_list;
  std::optional<V> m_value;
};

}  // namespace drydock::emulator
