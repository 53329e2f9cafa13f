// Shows a frame's kept FrameReport: tree items and expert infos. Runs on
// every dissection, first pass or not, and reads nothing but the report and
// what the Analyzer kept with it (its DirectionView, its FrameDetail).
#pragma once

#include <epan/packet.h>

#include "expert/conversation.h"
#include "expert/frame_report.h"

namespace mssck_plugin {

// `view` is the report's DirectionView (Analyzer::view_of); `detail` and
// `conversation` may be null (an ICMP about a conversation the capture does
// not hold).
void show_report(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const mssck::FrameReport& report,
                 const mssck::DirectionView& view, const mssck::FrameDetail* detail,
                 const mssck::Conversation* conversation);

} // namespace mssck_plugin
