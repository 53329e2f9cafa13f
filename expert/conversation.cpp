#include "expert/conversation.h"

#include "expert/hot_path.h"

namespace mssck {

MSSCK_HOT int Conversation::direction_of(const SegmentFacts& segment) {
    for (int direction = 0; direction < 2; ++direction)
        if (sides_[direction].is(segment.src, segment.src_port)) return direction;

    for (int direction = 0; direction < 2; ++direction) {
        Endpoint& side = sides_[direction];
        if (side.present) continue;
        // The other side, if known, must be this segment's receiver.
        const Endpoint& other = sides_[1 - direction];
        if (other.present && !other.is(segment.dst, segment.dst_port)) return -1;
        side.present = true;
        side.address = segment.src;
        side.port = segment.src_port;
        if (direction == 0) {
            // The receiver's address and port, known before it sends:
            // is_between needs them, and a finding names the receiver.
            sides_[1].address = segment.dst;
            sides_[1].port = segment.dst_port;
        }
        return direction;
    }
    return -1;
}

} // namespace mssck
