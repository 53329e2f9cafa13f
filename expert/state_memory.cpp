#include "expert/state_memory.h"

#include <sys/mman.h>

#include <cstdint>
#include <map>
#include <vector>

namespace mssck {
namespace state_memory {
namespace {

#if defined(__SANITIZE_ADDRESS__)
#define MSSCK_STATE_MEMORY_PLAIN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MSSCK_STATE_MEMORY_PLAIN 1
#endif
#endif

constexpr std::size_t kLine = 64;
constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Address space reserved at a time; only the pages touched take memory.
constexpr std::size_t kRegionBytes = std::size_t{256} << 20;
// Up to here blocks are rounded to a cache line, above to 64 KB steps
// (a conversation chunk is 176 KB, a frame-log chunk up to 2 MB).
constexpr std::size_t kSmallLimit = 4096;
constexpr std::size_t kLargeStep = std::size_t{64} << 10;
// Larger blocks get a mapping of their own, unmapped when given back.
constexpr std::size_t kOwnMappingFrom = kRegionBytes / 4;

struct Region {
    void* mapping = nullptr;
    std::size_t mapped = 0;
};

struct Arena {
    std::vector<Region> regions;
    unsigned char* next = nullptr;   // bump pointer in the newest region
    unsigned char* limit = nullptr;
    void* small_free[kSmallLimit / kLine] = {};
    std::map<std::size_t, void*> large_free;  // by rounded size, each a list
    std::map<void*, Region> own_mappings;     // by block
    std::size_t in_use = 0;
    std::size_t mapped = 0;
};

Arena& arena() {
    static Arena* the_arena = new Arena;  // never destroyed: no order problem at exit
    return *the_arena;
}

std::size_t rounded(std::size_t bytes) {
    if (bytes == 0) bytes = 1;
    if (bytes <= kSmallLimit) return (bytes + kLine - 1) / kLine * kLine;
    return (bytes + kLargeStep - 1) / kLargeStep * kLargeStep;
}

void* map_aligned(std::size_t bytes, Region* region) {
    // Over-reserve one huge page, so the usable part can start on a
    // 2 MB boundary, where the kernel can back it with huge pages.
    const std::size_t reserved = bytes + kHugePage;
    void* mapping = mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED) throw std::bad_alloc();
    const auto start = (reinterpret_cast<std::uintptr_t>(mapping) + kHugePage - 1) & ~(kHugePage - 1);
#ifdef MADV_HUGEPAGE
    madvise(reinterpret_cast<void*>(start), bytes, MADV_HUGEPAGE);  // a hint: fine if refused
#endif
    region->mapping = mapping;
    region->mapped = reserved;
    return reinterpret_cast<void*>(start);
}

void* pop(void** list) {
    void* block = *list;
    if (block != nullptr) *list = *static_cast<void**>(block);
    return block;
}

void push(void** list, void* block) {
    *static_cast<void**>(block) = *list;
    *list = block;
}

void* carve(Arena& a, std::size_t size) {
    if (a.next == nullptr || static_cast<std::size_t>(a.limit - a.next) < size) {
        Region region;
        a.regions.reserve(a.regions.size() + 1);  // before mapping: nothing to undo if it throws
        auto* start = static_cast<unsigned char*>(map_aligned(kRegionBytes, &region));
        a.regions.push_back(region);
        a.mapped += region.mapped;
        a.next = start;
        a.limit = start + kRegionBytes;
    }
    void* block = a.next;
    a.next += size;
    return block;
}

// With every block given back, the pages go back to the system.
void unmap_all(Arena& a) {
    for (const Region& region : a.regions) munmap(region.mapping, region.mapped);
    a.regions.clear();
    a.next = a.limit = nullptr;
    for (void*& list : a.small_free) list = nullptr;
    a.large_free.clear();
    a.mapped = 0;
}

} // namespace

#ifdef MSSCK_STATE_MEMORY_PLAIN

void* allocate(std::size_t bytes) { return ::operator new(bytes, std::align_val_t(kLine)); }
void release(void* block, std::size_t) noexcept { ::operator delete(block, std::align_val_t(kLine)); }
std::size_t bytes_in_use() { return 0; }
std::size_t bytes_mapped() { return 0; }

#else

void* allocate(std::size_t bytes) {
    Arena& a = arena();
    const std::size_t size = rounded(bytes);
    void* block = nullptr;
    if (size >= kOwnMappingFrom) {
        Region region;
        block = map_aligned(size, &region);
        try {
            a.own_mappings.emplace(block, region);
        } catch (...) {
            munmap(region.mapping, region.mapped);
            throw;
        }
        a.mapped += region.mapped;
    } else if (size <= kSmallLimit) {
        block = pop(&a.small_free[size / kLine - 1]);
    } else {
        const auto found = a.large_free.find(size);
        if (found != a.large_free.end()) {
            block = pop(&found->second);
            if (found->second == nullptr) a.large_free.erase(found);
        }
    }
    if (block == nullptr) block = carve(a, size);
    a.in_use += size;
    return block;
}

void release(void* block, std::size_t bytes) noexcept {
    if (block == nullptr) return;
    Arena& a = arena();
    const std::size_t size = rounded(bytes);
    a.in_use -= size;
    if (size >= kOwnMappingFrom) {
        const auto found = a.own_mappings.find(block);
        if (found != a.own_mappings.end()) {
            munmap(found->second.mapping, found->second.mapped);
            a.mapped -= found->second.mapped;
            a.own_mappings.erase(found);
        }
    } else if (size <= kSmallLimit) {
        push(&a.small_free[size / kLine - 1], block);
    } else {
        try {
            push(&a.large_free[size], block);
        } catch (...) {
            // The map could not grow: the block stays unused until the arena is emptied.
        }
    }
    if (a.in_use == 0) unmap_all(a);
}

std::size_t bytes_in_use() { return arena().in_use; }
std::size_t bytes_mapped() { return arena().mapped; }

#endif

} // namespace state_memory
} // namespace mssck
