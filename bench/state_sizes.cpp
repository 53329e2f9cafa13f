// Prints the size of the state mssck keeps: per conversation, per direction
// and per TCP frame. Compiled against the core's headers by bench/state-sizes.
#include <array>
#include <cstdio>

#include "expert/conversation.h"
#include "expert/conversation_store.h"
#include "expert/endpoint.h"
#include "expert/frame_report.h"
#include "expert/path_state.h"
#include "expert/sent_segments.h"
#include "plugin/flow_cache.h"

int main() {
    using namespace mssck;
    std::printf("Conversation          %zu (alignment %zu)\n", sizeof(Conversation), alignof(Conversation));
    std::printf("ConversationStore chunk %zu conversations, %zu bytes (made at a chunk's first stream)\n",
                ConversationStore::kChunkSize, ConversationStore::kChunkSize * sizeof(Conversation));
    std::printf("Endpoint              %zu\n", sizeof(Endpoint));
    std::printf("PathState             %zu\n", sizeof(PathState));
    std::printf("SentSegments          %zu\n", sizeof(SentSegments));
    std::printf("SentSegment           %zu\n", sizeof(SentSegment));
    std::printf("SentSegments::kCapacity %zu\n", SentSegments::kCapacity);
    std::printf("SentSegments slots     %zu (allocated while something is in flight)\n", sizeof(SentSegments::Slots));
    std::printf("PendingIcmp           %zu\n", sizeof(PendingIcmp));
    std::printf("PathState::kPendingIcmps %zu\n", PathState::kPendingIcmps);
    std::printf("StuckSegment          %zu\n", sizeof(StuckSegment));
    std::printf("FrameReport           %zu\n", sizeof(FrameReport));
    std::printf("DirectionView         %zu\n", sizeof(DirectionView));
    std::printf("FrameDetail           %zu\n", sizeof(FrameDetail));
    std::printf("MssValue              %zu\n", sizeof(MssValue));
    std::printf("IpAddress             %zu\n", sizeof(IpAddress));
    std::printf("FlowCache::Entry      %zu (plugin: one per TCP flow, in a table at most 3/4 full)\n",
                sizeof(mssck_plugin::FlowCache::Entry));
    return 0;
}
