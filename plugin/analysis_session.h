// The analysis state of the capture being read: one mssck::Analyzer, made
// anew whenever Wireshark (re)loads a capture and thrown away after it.
#pragma once

#include <epan/packet.h>

#include "expert/analyzer.h"

namespace mssck_plugin {

void start_analysis_session();  // register_init_routine
void end_analysis_session();     // register_cleanup_routine

// First pass: analyse the segment; later passes: what the first pass kept.
// Returns null when the frame has nothing to show. Never throws.
const mssck::FrameReport* report_for_frame(proto_tree* tree, packet_info* pinfo);

const mssck::Conversation* conversation_of(const mssck::FrameReport& report);
const mssck::FrameDetail* detail_of(const mssck::FrameReport& report);
// The MSS and fingerprints of both ends at the report's frame.
const mssck::DirectionView& view_of(const mssck::FrameReport& report);
const mssck::Analyzer* current_analyzer();

} // namespace mssck_plugin
