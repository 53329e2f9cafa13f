// The analysis core's entry point. The plugin feeds it every TCP segment
// once, in frame order, on the first pass; the core keeps one FrameReport per
// segment, which is all the plugin needs to show the frame again later.
// A new Analyzer is made whenever a capture is (re)loaded.
#pragma once

#include <cstdint>
#include <deque>

#include "expert/analysis_settings.h"
#include "expert/conversation.h"
#include "expert/conversation_store.h"
#include "expert/fingerprint_memo.h"
#include "expert/frame_log.h"
#include "expert/frame_report.h"
#include "expert/icmp_facts.h"
#include "expert/path_mtu_tracker.h"
#include "expert/segment_facts.h"
#include "expert/sender_identity.h"

namespace mssck {

class Analyzer {
public:
    // The fingerprinter, when given, must outlive the Analyzer.
    explicit Analyzer(AnalysisSettings settings = {},
                      const fingerprint::Fingerprinter* fingerprinter = nullptr)
        : settings_(settings), fingerprinter_(fingerprinter), views_(1) {}

    // Analyses one segment; a frame already seen is ignored, so feeding a
    // frame twice cannot change what it shows.
    const FrameReport* observe(const SegmentFacts& segment);
    // An ICMP frag-needed / Packet Too Big quoting a TCP segment.
    const FrameReport* observe(const IcmpFacts& icmp);

    const FrameReport* report_for(std::uint32_t frame) const;
    const FrameDetail* detail_for(std::uint32_t frame) const;
    const Conversation* conversation(std::uint32_t stream) const;
    // The MSS and fingerprints of both ends as they were at the report's frame.
    const DirectionView& view_of(const FrameReport& report) const { return views_[report.view]; }
    // How many distinct DirectionViews are kept (the default one included).
    std::size_t view_count() const { return views_.size(); }

    const AnalysisSettings& settings() const { return settings_; }
    const OsIdentity& os(std::uint16_t id) const { return os_registry_.at(id); }
    const fingerprint::Fingerprinter* fingerprinter() const { return fingerprinter_; }
    std::size_t frame_count() const { return reports_.size(); }

private:
    void record_handshake(const SegmentFacts& segment, Endpoint& sender, const Endpoint& receiver,
                          FrameOutput out);
    void fingerprint_sender(const SegmentFacts& segment, Endpoint& sender, const Endpoint& receiver);
    MssValue limit_base_for(const Endpoint& receiver) const;
    std::uint32_t intern_view(Endpoint& sender, const DirectionView& view);
    void check_segment_size(const SegmentFacts& segment, Endpoint& sender, const Endpoint& receiver,
                            const MssValue& peer_mss, FrameOutput out) const;
    bool accepts(std::uint32_t frame) const;
    const FrameReport* keep(const FrameReport& report, const FrameDetail& detail);

    AnalysisSettings settings_;
    const fingerprint::Fingerprinter* fingerprinter_;
    OsRegistry os_registry_;
    FingerprintMemo fingerprints_;  // each distinct SYN signature matched once
    ConversationStore conversations_;
    FrameLog<FrameReport> reports_;
    FrameLog<FrameDetail> details_;  // for the few frames that need one
    // Every distinct view a direction went through, in the order first seen;
    // a deque: kept views never move. views_[0] is the default view.
    std::deque<DirectionView> views_;
};

} // namespace mssck
