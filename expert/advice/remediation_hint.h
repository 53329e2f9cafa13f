// One or two sentences telling the user what to change, and where, for a
// finding: which host or which part of the path, with the command for the
// operating system the fingerprints of the two ends point to.
#pragma once

#include <cstddef>
#include <string>

#include "expert/finding_catalog.h"

namespace mssck::advice {

// Hints are meant for an expert-info line or a table cell.
constexpr std::size_t kHintMaxLength = 300;

// What the hint is chosen from. Strings may be empty and numbers 0: not known.
struct HintContext {
    // p0f-style labels of the two ends: "Windows" + "7 or 8", "Linux" + "".
    // The sender is the side whose segments the finding is about.
    std::string sender_family;
    std::string sender_flavor;
    std::string receiver_family;
    std::string receiver_flavor;

    int ip_version = 4;
    unsigned peer_mss = 0;      // the MSS the receiver advertised
    unsigned sender_floor = 0;  // the segment size the sender will not go below (e.g. 536)
    unsigned icmp_mtu = 0;      // the MTU a frag-needed / Packet Too Big reported
    unsigned pmtu_low = 0;      // largest IP packet known to get through
    unsigned pmtu_high = 0;     // smallest IP packet that kept failing
    bool icmp_seen = false;     // a frag-needed / Packet Too Big was seen for the flow
};

// At most kHintMaxLength characters; empty when there is nothing to do
// (a sender that honoured an ICMP, a SYN without MSS option).
std::string hint_for(FindingId finding, const HintContext& context);

} // namespace mssck::advice
