// state_memory: the huge-page arena that holds the analysis state.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

#include "expert/analyzer.h"
#include "expert/state_memory.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;

namespace {

bool aligned_to_line(const void* block) { return reinterpret_cast<std::uintptr_t>(block) % 64 == 0; }

// Sanitizer builds hand every block to operator new and count nothing.
bool arena_counts() {
    void* probe = state_memory::allocate(1);
    const bool counts = state_memory::bytes_in_use() > 0;
    state_memory::release(probe, 1);
    return counts;
}

struct alignas(64) Line {
    unsigned char bytes[64];
};

} // namespace

TEST_CASE("state_memory gives distinct, line-aligned, writable blocks of every size", "[state_memory]") {
    // Small (cache-line steps), large (64 KB steps) and a mapping of its own.
    const std::vector<std::size_t> sizes = {1, 36, 64, 576, 4096, 4097, 180224, 2u << 20, 70u << 20};
    std::vector<void*> blocks;
    for (std::size_t size : sizes) {
        void* block = state_memory::allocate(size);
        REQUIRE(block != nullptr);
        CHECK(aligned_to_line(block));
        std::memset(block, 0xa5, size);
        blocks.push_back(block);
    }
    CHECK(std::set<void*>(blocks.begin(), blocks.end()).size() == blocks.size());
    for (std::size_t i = 0; i < sizes.size(); ++i)
        CHECK(static_cast<unsigned char*>(blocks[i])[sizes[i] - 1] == 0xa5);  // nothing overlapped it
    for (std::size_t i = 0; i < sizes.size(); ++i) state_memory::release(blocks[i], sizes[i]);
}

TEST_CASE("state_memory reuses a given-back block and unmaps when all are back", "[state_memory]") {
    if (!arena_counts()) return;  // a sanitizer build: plain operator new
    const std::size_t before = state_memory::bytes_in_use();
    void* keep = state_memory::allocate(100);  // holds the arena open
    void* first = state_memory::allocate(576);
    CHECK(state_memory::bytes_in_use() == before + 128 + 576);
    state_memory::release(first, 576);
    CHECK(state_memory::allocate(570) == first);  // the same 576-byte class
    state_memory::release(first, 570);
    void* large = state_memory::allocate(200000);
    CHECK(state_memory::bytes_in_use() == before + 128 + 256 * 1024);  // 64 KB steps
    state_memory::release(large, 200000);
    CHECK(state_memory::allocate(196609) == large);
    state_memory::release(large, 196609);
    state_memory::release(keep, 100);
    CHECK(state_memory::bytes_in_use() == before);
    if (before == 0) CHECK(state_memory::bytes_mapped() == 0);
}

TEST_CASE("containers on StateAllocator keep over-aligned elements aligned", "[state_memory]") {
    std::vector<Line, StateAllocator<Line>> lines;
    for (int i = 0; i < 1000; ++i) {
        lines.push_back(Line{});
        lines.back().bytes[63] = static_cast<unsigned char>(i);
    }
    CHECK(aligned_to_line(lines.data()));
    for (int i = 0; i < 1000; ++i) CHECK(lines[static_cast<std::size_t>(i)].bytes[63] == static_cast<unsigned char>(i));
}

TEST_CASE("an Analyzer gives all its state memory back when it goes", "[state_memory]") {
    if (!arena_counts()) return;
    const std::size_t before = state_memory::bytes_in_use();
    {
        Analyzer analyzer(AnalysisSettings{}, nullptr);
        for (std::uint32_t stream = 0; stream < 600; ++stream) {
            const auto a = ipv4(10, 0, static_cast<std::uint8_t>(stream / 250), static_cast<std::uint8_t>(stream % 250 + 1));
            const auto b = ipv4(10, 1, 0, 1);
            analyzer.observe(SegmentBuilder(stream + 1, a, 40000, b, 80).stream(stream).seq(1000).payload(1400).build());
        }
        CHECK(state_memory::bytes_in_use() > before);
    }
    CHECK(state_memory::bytes_in_use() == before);
}
