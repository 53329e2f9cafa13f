#include "expert/path_state.h"

#include "expert/hot_path.h"
#include "expert/sequence_space.h"

namespace mssck {

MSSCK_HOT std::uint32_t PathState::head_stuck_ip() const {
    // Only the first unacknowledged segment is known to be lost: without
    // SACK, later ones may have arrived and wait behind it. So the bound is
    // the size of the earliest segment still unacknowledged after a resend.
    if (longest_resend_run < 2) return 0;  // nothing was ever sent twice
    const SentSegment* head = nullptr;
    in_flight.for_each([&](const SentSegment& segment) {
        if (segment.sends < 2 || segment.sacked || segment.superseded || segment.offload) return;
        if (head == nullptr || seq_before(segment.seq, head->seq)) head = &segment;
    });
    return head != nullptr ? head->ip_size : 0;
}

int PathState::unanswered_icmps() const {
    int count = 0;
    for (const PendingIcmp& pending : pending_icmps) count += pending.active ? 1 : 0;
    return count;
}

} // namespace mssck
