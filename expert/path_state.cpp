#include "expert/path_state.h"

namespace mssck {

std::uint32_t PathState::smallest_stuck_ip() {
    std::uint32_t smallest = 0;
    in_flight.for_each([&](const SentSegment& segment) {
        if (segment.sends < 2 || segment.sacked || segment.superseded || segment.offload) return;
        if (smallest == 0 || segment.ip_size < smallest) smallest = segment.ip_size;
    });
    return smallest;
}

int PathState::unanswered_icmps() const {
    int count = 0;
    for (const PendingIcmp& pending : pending_icmps) count += pending.active ? 1 : 0;
    return count;
}

} // namespace mssck
