#include "plugin/postdissector.h"

#include "expert/hot_path.h"
#include "plugin/analysis_session.h"
#include "plugin/conversation_table.h"
#include "plugin/plugin_ids.h"
#include "plugin/tree_writer.h"

namespace mssck_plugin {

// Analyse once, show every time: the first pass feeds the core, every pass
// shows what it kept, so tshark, tshark -2 and the GUI agree.
//
// Registered without a protocol (registration.cpp), so it honours the
// protocol's enabled state itself (tshark --disable-protocol mssck, the
// GUI's Enabled Protocols) and names it as the current protocol, which is
// what expert infos record as theirs (tshark -z expert's Protocol column).
MSSCK_HOT int dissect_mssck(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    if (!proto_is_protocol_enabled(ids.protocol)) return 0;
    const mssck::FrameReport* report = report_for_frame(tree, pinfo);
    if (report == nullptr) return 0;
    const char* previous_proto = pinfo->current_proto;
    pinfo->current_proto = "MSSCK";
    show_report(tvb, pinfo, tree, *report);
    pinfo->current_proto = previous_proto;
    queue_for_conversation_table(pinfo, report);
    return tvb_captured_length(tvb);
}

} // namespace mssck_plugin
