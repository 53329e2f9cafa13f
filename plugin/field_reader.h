// Reads the facts of a TCP segment out of the fields that the ip, ipv6 and
// tcp dissectors put in the tree: the Wireshark side of the analysis.
#pragma once

#include <epan/packet.h>

#include "expert/segment_facts.h"

namespace mssck_plugin {

// Looks up the other dissectors' field ids; call once in handoff.
void resolve_wanted_fields();

// The field ids the post-dissector needs primed in the tree (tshark only
// builds them when asked), as a GArray of int for set_postdissector_wanted_hfids.
GArray* wanted_field_array();

// Fills `facts` from the segment's own TCP layer and the IP layer that
// carried it; TCP headers quoted inside ICMP errors are not segments.
// Returns false when the frame has no such segment. Never throws.
bool read_segment_facts(proto_tree* tree, packet_info* pinfo, mssck::SegmentFacts* facts);

} // namespace mssck_plugin
