// Shows a frame's kept FrameReport: tree items and expert infos. Runs on
// every dissection, first pass or not, and reads nothing but the report and
// what the Analyzer kept with it (its DirectionView, its FrameDetail).
#pragma once

#include <epan/packet.h>

#include "expert/conversation.h"
#include "expert/frame_report.h"

namespace mssck_plugin {

// The report's DirectionView, FrameDetail and Conversation are fetched
// from the Analyzer only when something will be shown.
void show_report(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const mssck::FrameReport& report);

} // namespace mssck_plugin
