// What the analysis concluded about one frame, kept from the first pass so
// that every later dissection shows exactly the same thing. Compact on
// purpose: one is kept for every TCP segment of the capture.
#pragma once

#include <cstdint>

#include "expert/finding_catalog.h"
#include "expert/mss_value.h"
#include "expert/offload_evidence.h"

namespace mssck {

struct FrameReport {
    std::uint32_t frame = 0;
    std::uint32_t stream = 0;
    std::uint8_t direction = 0;          // which Endpoint of the Conversation sent it

    std::uint32_t payload = 0;           // TCP payload bytes
    MssValue sender_mss;                 // what the sender itself advertised
    MssValue peer_mss;                   // what the receiver advertised: the limit's base
    std::uint16_t option_bytes = 0;      // TCP + IP option bytes deducted from peer_mss
    bool has_limit = false;              // payload > 0 and peer_mss known
    std::uint32_t limit = 0;             // peer_mss - option_bytes
    OffloadEvidence offload;             // why an oversized segment is an artifact

    // For findings on SYNs.
    std::uint16_t previous_mss = 0;      // MssChanged: what the earlier SYN said

    FindingSet findings;

    std::uint32_t excess() const { return has_limit && payload > limit ? payload - limit : 0; }
};

} // namespace mssck
