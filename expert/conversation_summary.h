// One conversation summed up over the whole capture, for the statistics
// table: unlike per-packet findings, this may use everything the capture
// showed, including how things ended.
#pragma once

#include <cstddef>
#include <cstdint>

#include "expert/conversation.h"

namespace mssck {

enum class Verdict : std::uint8_t {
    Ok,                // nothing wrong seen
    BlackHole,         // a large segment never got through and nothing else explains it
    IcmpIgnored,       // the sender kept sending packets an ICMP said cannot fit
    MssViolation,      // a sender exceeded the peer's MSS
    Recovered,         // a black hole the sender worked around with smaller segments
    Stall,             // data never reached this capture point (capture at the receiver)
    PlainLoss,         // a suspected black hole that was acknowledged after all
    OffloadOnly,       // oversized segments, all offload artifacts
};

const char* describe(Verdict verdict);

struct ConversationVerdict {
    Verdict verdict = Verdict::Ok;
    int direction = -1;   // the side whose sending is the trouble, -1 for none
};

// The worst thing the capture shows for this conversation.
ConversationVerdict judge(const Conversation& conversation);

// "black hole 192.0.2.10:40000 -> 198.51.100.20:80 (no ICMP seen)" and the like.
void describe_verdict(const Conversation& conversation, const ConversationVerdict& verdict, char* out,
                      std::size_t out_size);

} // namespace mssck
