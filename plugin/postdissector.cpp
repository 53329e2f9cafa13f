#include "plugin/postdissector.h"

#include "expert/hot_path.h"
#include "plugin/analysis_session.h"
#include "plugin/conversation_table.h"
#include "plugin/tree_writer.h"

namespace mssck_plugin {

// Analyse once, show every time: the first pass feeds the core, every pass
// shows what it kept, so tshark, tshark -2 and the GUI agree.
MSSCK_HOT int dissect_mssck(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void*) {
    const mssck::FrameReport* report = report_for_frame(tree, pinfo);
    if (report == nullptr) return 0;
    show_report(tvb, pinfo, tree, *report);
    queue_for_conversation_table(pinfo, report);
    return tvb_captured_length(tvb);
}

} // namespace mssck_plugin
