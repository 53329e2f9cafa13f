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

    // Whether this is the conversation between a:a_port and b:b_port, either
    // way round. Its first segment names both ends: side 0 is its sender,
    // and side 1 takes its receiver's address and port at once, while
    // present stays false until side 1 sends. The plugin checks a
    // remembered tcp.stream with it (plugin/tcp_stream.cpp): these lines
    // are read for the segment anyway.
    bool is_between(const IpAddress& a, std::uint16_t a_port, const IpAddress& b, std::uint16_t b_port) const {
        const Endpoint& first = sides_[0];
        const Endpoint& second = sides_[1];
        return first.present && ((first.has_ends(a, a_port) && second.has_ends(b, b_port)) ||
                                 (first.has_ends(b, b_port) && second.has_ends(a, a_port)));
    }

    Endpoint& side(int direction) { return sides_[direction]; }
    const Endpoint& side(int direction) const { return sides_[direction]; }

    // Set by the ConversationStore when it makes the conversation (a
    // segment writing it would touch a cache line nothing else it does reads).
    std::uint32_t stream = 0;

private:
    Endpoint sides_[2];
};

} // namespace mssck
