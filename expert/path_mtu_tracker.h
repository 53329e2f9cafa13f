// Path-MTU analysis of one conversation: ICMP frag-needed / Packet Too Big
// tied to the segment it quotes and to what the sender did next; PMTUD black
// holes and how they end; the path-MTU bracket; the sender's MSS floor.
// Every verdict lands on the frame where its evidence completes.
#pragma once

#include "expert/analysis_settings.h"
#include "expert/conversation.h"
#include "expert/frame_report.h"
#include "expert/icmp_facts.h"
#include "expert/segment_facts.h"

namespace mssck {

struct FrameOutput {
    FrameReport& report;
    FrameDetail& detail;
};

// `segment`, sent by the peer of `data_sender`, acknowledges (and SACKs)
// data_sender's segments.
void track_acknowledgements(const SegmentFacts& segment, Endpoint& data_sender, FrameOutput out);

// `segment` as sent by `sender`: retransmissions, answers to ICMP, black holes.
void track_sent_segment(const SegmentFacts& segment, Endpoint& sender, const AnalysisSettings& settings,
                        FrameOutput out);

// A violation of the peer's MSS at this segment size: is it a fixed floor?
void track_mss_floor(const SegmentFacts& segment, Endpoint& sender, FrameOutput out);

// The ICMP quotes a segment `sender` sent (direction known by the caller).
void track_icmp(const IcmpFacts& icmp, Endpoint& sender, FrameOutput out);

// RFC 1191 section 7: the plateau below a packet size, for an ICMP whose
// next-hop MTU is 0 (routers older than RFC 1191).
std::uint32_t rfc1191_plateau_below(std::uint32_t packet_size);

} // namespace mssck
