// The user's preferences that change what the core concludes.
#pragma once

#include <cstdint>

namespace mssck {

struct AnalysisSettings {
    // MSS to assume for a host whose handshake is not in the capture; 0: none.
    std::uint16_t assumed_mss = 0;
    // Without a handshake, take the largest segment a host sent as its MSS.
    bool infer_mss = false;
    // Tell TSO/GSO/GRO artifacts apart from real oversized segments.
    bool detect_offload = true;
    // Sends of one segment (the original included) that make a black hole,
    // unless a smaller segment sent after it got through, which is enough
    // with two.
    std::uint16_t blackhole_min_sends = 3;
};

} // namespace mssck
