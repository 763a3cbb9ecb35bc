#pragma once
// A growing pool of default-constructed objects whose addresses never change, for the nodes of a
// document: one allocation per block instead of one per node, and moving the pool keeps every
// pointer into it valid (documents are full of node pointers).

#include <cstddef>
#include <memory>
#include <vector>

namespace drydock::workers::yaml {

template <typename T>
class Arena {
 public:
  // A fresh default-constructed T, valid for the arena's lifetime.
  T& emplace() {
    if (m_blocks.empty() || m_used == m_block_size) {
      // Blocks grow 16, 32, ... up to 1024 objects: small documents stay small.
      m_block_size = m_blocks.empty() ? 16 : (m_block_size < 1024 ? m_block_size * 2 : m_block_size);
      m_blocks.push_back(std::make_unique<T[]>(m_block_size));
      m_used = 0;
    }
    ++m_size;
    return m_blocks.back()[m_used++];
  }

  std::size_t size() const { return m_size; }

 private:
  std::vector<std::unique_ptr<T[]>> m_blocks;
  std::size_t m_block_size = 0;
  std::size_t m_used = 0;
  std::size_t m_size = 0;
};

}  // namespace drydock::workers::yaml
