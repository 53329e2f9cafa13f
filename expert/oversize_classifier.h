// Decides what a segment above its limit is: a real violation of the
// peer's MSS, or a segment that never crossed a wire at that size because
// the capture was taken above a segmentation or receive offload.
#pragma once

#include "expert/endpoint.h"
#include "expert/offload_evidence.h"
#include "expert/segment_facts.h"

namespace mssck {

struct OversizeVerdict {
    bool offload = false;
    OffloadEvidence evidence;
};

// limit: the segment limit already computed from the peer's MSS.
OversizeVerdict classify_oversized(const SegmentFacts& segment, std::uint32_t limit,
                                   const Endpoint& sender, const Endpoint& receiver);

} // namespace mssck
