// Records appended in increasing frame order and found by frame number:
// how the Analyzer keeps its FrameReports and FrameDetails.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "expert/state_memory.h"

namespace mssck {

// Kept in chunks, each allocated once at its full capacity, instead of one
// std::vector: appending never copies what is kept, no growth step holds an
// old and a new buffer at once, and a kept record never moves. Chunks
// double from kFirstChunk to kLargestChunk records, so a small capture
// takes little; the pages of a chunk's unused part are not touched.
template <typename Record, std::size_t kFirstChunk = 1024, std::size_t kLargestChunk = 65536>
class FrameLog {
    static_assert(0 < kFirstChunk && kFirstChunk <= kLargestChunk, "chunks grow from kFirstChunk to kLargestChunk");

public:
    // record.frame must be above that of every record appended before.
    const Record& append(const Record& record) {
        if (chunks_.empty() || chunks_.back().size() == chunks_.back().capacity()) start_chunk(record.frame);
        chunks_.back().push_back(record);  // within the capacity: no reallocation
        ++size_;
        last_frame_ = record.frame;
        return chunks_.back().back();
    }

    // The record of this frame, or null.
    const Record* find(std::uint32_t frame) const {
        // The last chunk that starts at or before the frame, then the frame in it.
        const auto next = std::upper_bound(first_frames_.begin(), first_frames_.end(), frame);
        if (next == first_frames_.begin()) return nullptr;
        const Chunk& chunk = chunks_[static_cast<std::size_t>(next - first_frames_.begin()) - 1];
        const auto found = std::lower_bound(chunk.begin(), chunk.end(), frame,
                                            [](const Record& record, std::uint32_t f) { return record.frame < f; });
        return found != chunk.end() && found->frame == frame ? &*found : nullptr;
    }

    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    // The last record's frame, kept apart: checked for every frame, it stays in cache.
    std::uint32_t last_frame() const { return last_frame_; }

private:
    // Strong guarantee: if an allocation throws, nothing has changed.
    void start_chunk(std::uint32_t first_frame) {
        Chunk chunk;
        chunk.reserve(chunks_.empty() ? kFirstChunk : std::min(kLargestChunk, 2 * chunks_.back().capacity()));
        first_frames_.reserve(first_frames_.size() + 1);
        chunks_.push_back(std::move(chunk));  // moving a vector keeps its buffer: records stay put
        first_frames_.push_back(first_frame);
    }

    // On state_memory's huge pages.
    using Chunk = std::vector<Record, StateAllocator<Record>>;
    std::vector<Chunk> chunks_;
    std::vector<std::uint32_t> first_frames_;  // of each chunk, for find()
    std::size_t size_ = 0;
    std::uint32_t last_frame_ = 0;
};

} // namespace mssck
