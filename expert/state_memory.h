// Memory for the analysis state that a capture keeps (conversations, the
// in-flight rings, the frame log, the flow cache), on 2 MB pages of its own.
//
// Why: that state is tens of megabytes touched a few cache lines at a time,
// out of order, between tshark's own work. On 4 KB pages nearly every such
// touch also misses the TLB, which on a virtual machine costs a walk of two
// page tables. The same plugin with its state on transparent huge pages
// cost tshark about 2 points less on the benchmark capture
// (docs/PERFORMANCE.md, eighth round).
//
// Blocks come from regions mapped with MADV_HUGEPAGE and are kept on free
// lists by size; when the last block is given back (a capture closed) the
// pages go back to the system. Not thread-safe, like the Analyzer that uses
// it: Wireshark dissects in one thread. Sanitizer builds use operator new
// instead, so AddressSanitizer keeps seeing every block.
#pragma once

#include <cstddef>
#include <new>

namespace mssck {
namespace state_memory {

// A block of at least `bytes`, aligned to 64 bytes (a cache line). Throws
// std::bad_alloc when no memory is left.
void* allocate(std::size_t bytes);
// Gives back a block from allocate() of the same `bytes`.
void release(void* block, std::size_t bytes) noexcept;

// What the arena holds now (for the unit tests).
std::size_t bytes_in_use();
std::size_t bytes_mapped();

} // namespace state_memory

// The standard allocator interface over state_memory, for containers.
template <typename T>
struct StateAllocator {
    using value_type = T;
    static_assert(alignof(T) <= 64, "state_memory aligns blocks to 64 bytes");

    StateAllocator() = default;
    template <typename U>
    StateAllocator(const StateAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_alloc();
        return static_cast<T*>(state_memory::allocate(n * sizeof(T)));
    }
    void deallocate(T* block, std::size_t n) noexcept { state_memory::release(block, n * sizeof(T)); }

    template <typename U>
    bool operator==(const StateAllocator<U>&) const noexcept { return true; }
    template <typename U>
    bool operator!=(const StateAllocator<U>&) const noexcept { return false; }
};

} // namespace mssck
