// The Analyzer's conversations, found by their tcp.stream number.
//
// Wireshark numbers TCP conversations 0, 1, 2, ... in the order it meets
// them, so the store is an array indexed by that number, kept in chunks:
// no hashing, no bucket to miss in the cache, and a conversation never
// moves once made. A number far above any real capture's (a test's, a
// fuzzer's) goes to a small map instead of a huge array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "expert/conversation.h"
#include "expert/state_memory.h"

namespace mssck {

class ConversationStore {
public:
    static constexpr std::size_t kChunkSize = 256;          // conversations per chunk
    static constexpr std::uint32_t kDenseStreams = 1u << 24;  // numbers below this are indexed

    // The conversation of this stream, made when new, with its stream number.
    Conversation& at(std::uint32_t stream) {
        if (stream >= kDenseStreams) {
            const auto made = sparse_.try_emplace(stream);
            if (made.second) made.first->second.stream = stream;
            return made.first->second;
        }
        const std::size_t chunk = stream / kChunkSize;
        if (chunk >= chunks_.size()) chunks_.resize(chunk + 1);
        if (chunks_[chunk].empty()) {
            chunks_[chunk].resize(kChunkSize);  // made at once, never resized: conversations never move
            for (std::size_t i = 0; i < kChunkSize; ++i)
                chunks_[chunk][i].stream = static_cast<std::uint32_t>(chunk * kChunkSize + i);
        }
        return chunks_[chunk][stream % kChunkSize];
    }

    // The conversation of this stream if a segment of it was seen, else null.
    const Conversation* find(std::uint32_t stream) const {
        const Conversation* found = nullptr;
        if (stream >= kDenseStreams) {
            const auto it = sparse_.find(stream);
            if (it != sparse_.end()) found = &it->second;
        } else if (stream / kChunkSize < chunks_.size() && !chunks_[stream / kChunkSize].empty()) {
            found = &chunks_[stream / kChunkSize][stream % kChunkSize];
        }
        // A slot of a chunk exists before its stream's first segment; the
        // first segment always claims side 0.
        return found != nullptr && found->side(0).present ? found : nullptr;
    }
    Conversation* find(std::uint32_t stream) {
        return const_cast<Conversation*>(static_cast<const ConversationStore*>(this)->find(stream));
    }

private:
    // On state_memory's huge pages; moving a chunk (when chunks_ grows)
    // keeps its buffer.
    using Chunk = std::vector<Conversation, StateAllocator<Conversation>>;
    std::vector<Chunk> chunks_;
    std::unordered_map<std::uint32_t, Conversation> sparse_;
};

} // namespace mssck
