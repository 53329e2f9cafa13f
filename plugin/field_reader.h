// Reads the facts of a TCP segment out of the fields that the ip, ipv6 and
// tcp dissectors put in the tree: the Wireshark side of the analysis.
#pragma once

#include <epan/packet.h>

#include "expert/icmp_facts.h"
#include "expert/segment_facts.h"

namespace mssck_plugin {

// Looks up the other dissectors' protocol ids; call once in handoff.
void resolve_protocols();

enum class FrameFacts { None, Segment, Icmp };

// Reads what the analysis needs from one frame: a TCP segment (its own TCP
// layer and the IP layer that carried it; TCP quoted inside ICMP errors is
// not a segment), or an ICMP frag-needed / Packet Too Big quoting TCP.
// Never throws.
FrameFacts read_frame_facts(proto_tree* tree, packet_info* pinfo, mssck::SegmentFacts* segment,
                            mssck::IcmpFacts* icmp);

} // namespace mssck_plugin
