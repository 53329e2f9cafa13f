// What to change, for a frame's main finding and for a conversation's
// verdict: the remediation hints of expert/advice, given what the capture
// says about both ends. Written into a caller's buffer (see finding_text.h).
#pragma once

#include <cstddef>

#include "expert/analyzer.h"
#include "expert/conversation_summary.h"

namespace mssck {

constexpr std::size_t kHintTextSize = 320;

void format_frame_hint(const Analyzer& analyzer, const FrameReport& report, const FrameDetail* detail,
                       const Conversation& conversation, char* out, std::size_t out_size);

void format_conversation_hint(const Analyzer& analyzer, const Conversation& conversation,
                              const ConversationVerdict& verdict, char* out, std::size_t out_size);

} // namespace mssck
