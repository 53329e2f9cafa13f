// A TCP conversation (one tcp.stream) with one Endpoint per direction,
// in the manner of Zeek's TCP analyzer. Direction 0 is the side whose
// segment was seen first.
#pragma once

#include <cstdint>

#include "expert/endpoint.h"
#include "expert/segment_facts.h"

namespace mssck {

class Conversation {
public:
    // 0 or 1 for the sender of this segment; claims a free side when needed.
    // Returns -1 when the segment belongs to neither side (should not happen
    // within one tcp.stream, but a core must not trust its input).
    int direction_of(const SegmentFacts& segment);

    Endpoint& side(int direction) { return sides_[direction]; }
    const Endpoint& side(int direction) const { return sides_[direction]; }

    // Set by the ConversationStore when it makes the conversation (a
    // segment writing it would touch a cache line nothing else it does reads).
    std::uint32_t stream = 0;

private:
    Endpoint sides_[2];
};

} // namespace mssck
