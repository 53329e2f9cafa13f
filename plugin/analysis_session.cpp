#include "plugin/analysis_session.h"

#include <new>
#include <type_traits>

#include "expert/hot_path.h"
#include "plugin/field_reader.h"
#include "plugin/fingerprint_database.h"
#include "plugin/plugin_ids.h"
#include "plugin/tcp_stream.h"

namespace mssck_plugin {
namespace {

mssck::Analyzer* analyzer = nullptr;

mssck::AnalysisSettings settings_from_preferences() {
    mssck::AnalysisSettings settings;
    settings.assumed_mss = static_cast<std::uint16_t>(preferences.assumed_mss > 65535 ? 65535 : preferences.assumed_mss);
    settings.infer_mss = preferences.infer_mss != FALSE;
    settings.detect_offload = preferences.detect_offload != FALSE;
    settings.blackhole_min_sends = static_cast<std::uint16_t>(preferences.blackhole_min_sends < 2 ? 2 : preferences.blackhole_min_sends > 1000 ? 1000 : preferences.blackhole_min_sends);
    return settings;
}

// SegmentFacts lives on the stack of a function Wireshark may longjmp out of.
static_assert(std::is_trivially_destructible<mssck::SegmentFacts>::value,
              "SegmentFacts must stay trivially destructible");
static_assert(std::is_trivially_destructible<mssck::IcmpFacts>::value,
              "IcmpFacts must stay trivially destructible");

} // namespace

void start_analysis_session() {
    end_analysis_session();
    forget_tcp_conversations();
    analyzer = new (std::nothrow) mssck::Analyzer(settings_from_preferences(), current_fingerprinter());
}

void end_analysis_session() {
    delete analyzer;
    analyzer = nullptr;
    forget_tcp_conversations();
}

MSSCK_HOT const mssck::FrameReport* report_for_frame(proto_tree* tree, packet_info* pinfo) {
    if (analyzer == nullptr) return nullptr;
    if (PINFO_FD_VISITED(pinfo)) return analyzer->report_for(pinfo->num);

    mssck::SegmentFacts segment;
    mssck::IcmpFacts icmp;
    const FrameFacts read = read_frame_facts(tree, pinfo, &segment, &icmp);
    if (read == FrameFacts::None) return nullptr;
    try {
        return read == FrameFacts::Segment ? analyzer->observe(segment) : analyzer->observe(icmp);
    } catch (...) {
        // Out of memory, most likely: show nothing rather than take
        // Wireshark down; no C++ exception may reach epan.
        return nullptr;
    }
}

const mssck::Analyzer* current_analyzer() { return analyzer; }

const mssck::FrameDetail* detail_of(const mssck::FrameReport& report) {
    return analyzer == nullptr || !report.has_detail ? nullptr : analyzer->detail_for(report.frame);
}

const mssck::DirectionView& view_of(const mssck::FrameReport& report) {
    static const mssck::DirectionView none;
    return analyzer == nullptr ? none : analyzer->view_of(report);
}

const mssck::Conversation* conversation_of(const mssck::FrameReport& report) {
    return analyzer == nullptr ? nullptr : analyzer->conversation(report.stream);
}

} // namespace mssck_plugin
