// The words of each finding, for expert infos and summaries. Written into a
// caller's buffer so the plugin needs no heap object around Wireshark calls.
#pragma once

#include <cstddef>

#include "expert/conversation.h"
#include "expert/finding_catalog.h"
#include "expert/frame_report.h"

namespace mssck {

constexpr std::size_t kFindingTextSize = 384;

// `view` is the frame's DirectionView (Analyzer::view_of), `detail` its
// FrameDetail, or null when it has none.
void format_finding(FindingId id, const FrameReport& report, const DirectionView& view, const FrameDetail* detail,
                    const Conversation& conversation, char* out, std::size_t out_size);

// The frame's most important finding (FindingId::Count when it has none):
// the one a column, a hint and a summary speak of.
FindingId main_finding(const FrameReport& report);

// The frame's main finding in a few words, for a column: "MSS violation
// 524 > 500", "black hole", ... Empty when the frame has no finding.
void format_main_finding(const FrameReport& report, const DirectionView& view, const FrameDetail* detail, char* out,
                         std::size_t out_size);

} // namespace mssck
