#include "plugin/tcp_stream.h"

#include <cstring>
#include <new>

#include <epan/conversation.h>
#include <epan/dissectors/packet-tcp.h>
#include <epan/proto.h>

#include "expert/hot_path.h"
#include "plugin/analysis_session.h"
#include "plugin/flow_cache.h"

namespace mssck_plugin {
namespace {

int tcp_protocol = -1;
FlowCache remembered;

// Wireshark's address type and length of an IPv4 or IPv6 address.
int address_type(const mssck::IpAddress& a) { return a.version == 4 ? AT_IPv4 : AT_IPv6; }
int address_length(const mssck::IpAddress& a) { return a.version == 4 ? 4 : 16; }

// The conversation the TCP dissector used for this segment, found again
// with the key it used: the segment's own addresses and ports in the order
// it was sent (find_conversation tries that order first, as the TCP
// dissector does). The addresses come from the header, not from pinfo,
// which after the whole frame holds whatever the last IP header (an ICMP
// quote, a tunnel) put there. On the first pass the newest conversation
// whose first frame is at or before this one is the one TCP just used, a
// new one after a port reuse included.
const conversation_t* look_up(const TcpSegmentEnds& segment, std::uint32_t* stream) {
    const mssck::IpAddress& src = *segment.src;
    const mssck::IpAddress& dst = *segment.dst;
    if (tcp_protocol < 0 || src.version != dst.version || (src.version != 4 && src.version != 6)) return nullptr;
    address from, to;
    set_address(&from, address_type(src), address_length(src), src.bytes);
    set_address(&to, address_type(dst), address_length(dst), dst.bytes);
    const conversation_t* conversation =
        find_conversation(segment.frame, &from, &to, CONVERSATION_TCP, segment.src_port, segment.dst_port, 0);
    if (conversation == nullptr) return nullptr;
    const auto* tcp = static_cast<const tcp_analysis*>(conversation_get_proto_data(conversation, tcp_protocol));
    if (tcp == nullptr) return nullptr;
    *stream = tcp->stream;
    return conversation;
}

// Whether an element of a conversation's key is this address.
MSSCK_HOT bool is_address(const conversation_element_t& element, const mssck::IpAddress& wanted) {
    const address& held = element.addr_val;
    if (element.type != CE_ADDRESS || held.type != address_type(wanted) || held.len != address_length(wanted))
        return false;
    // Sizes the compiler knows: compared in place, without a call to memcmp.
    return held.len == 4 ? std::memcmp(held.data, wanted.bytes, 4) == 0 : std::memcmp(held.data, wanted.bytes, 16) == 0;
}

MSSCK_HOT bool is_port(const conversation_element_t& element, std::uint16_t wanted) {
    return element.type == CE_PORT && element.port_val == wanted;
}

// Whether conversation is the exact TCP conversation of the segment's two
// endpoints, either way round: its key, without wildcards, is address,
// port, address, port, then the conversation type. Read only after a
// lookup of our own, which has just compared that key: on the path that
// uses a remembered conversation the key was not in the caches, and
// reading it cost more than a point of tshark's time (docs/PERFORMANCE.md,
// "Thirteenth round"). A conversation with a wildcard is never remembered.
MSSCK_HOT bool is_conversation_of(const conversation_t* conversation, const TcpSegmentEnds& segment) {
    if (conversation->options != 0 || conversation->key_ptr == nullptr) return false;
    const conversation_element_t* key = conversation->key_ptr;
    if (key[0].type != CE_ADDRESS || key[1].type != CE_PORT || key[2].type != CE_ADDRESS ||
        key[3].type != CE_PORT || key[4].type != CE_CONVERSATION_TYPE ||
        key[4].conversation_type_val != CONVERSATION_TCP)
        return false;
    const bool forward = is_address(key[0], *segment.src) && is_port(key[1], segment.src_port) &&
                         is_address(key[2], *segment.dst) && is_port(key[3], segment.dst_port);
    return forward || (is_address(key[0], *segment.dst) && is_port(key[1], segment.dst_port) &&
                       is_address(key[2], *segment.src) && is_port(key[3], segment.src_port));
}

} // namespace

void resolve_tcp_protocol() { tcp_protocol = proto_get_id_by_filter_name("tcp"); }

void forget_tcp_conversations() { remembered.clear(); }

// Priming tcp.stream cost about 1% of tshark's time (a field_info, a
// GPtrArray and a hash-table entry in every frame), and find_conversation
// costs as much (docs/PERFORMANCE.md). So the conversation found for a
// flow is remembered, and used again for a later segment of that flow
// only when it is certainly the one the TCP dissector used for it: that
// conversation's last frame is this frame (the TCP dissector moves it
// forward for each segment it sees, and nothing else in the frame touches
// a conversation of these ports), and the segment is no SYN (a SYN may
// start a new conversation on the same ports: it is always looked up).
// The cache keeps only a hash of each flow's key, so a remembered
// conversation is also checked to be this flow's: the Analyzer's record
// of its stream must be between the segment's two endpoints. That record
// was made from a segment of this very conversation (a stream number
// belongs to one conversation), and the segment's analysis reads it next.
MSSCK_HOT bool tcp_stream_of(const TcpSegmentEnds& segment, std::uint32_t* stream) {
    const mssck::IpAddress& src = *segment.src;
    if (src.version != segment.dst->version || (src.version != 4 && src.version != 6)) return false;
    const FlowKey key = FlowKey::of(src.version, src.bytes, segment.src_port, segment.dst->bytes, segment.dst_port);
    if (!segment.syn) {
        const FlowCache::Entry* entry = remembered.find(key);
        if (entry != nullptr) {
            const auto* conversation = static_cast<const conversation_t*>(entry->conversation);
            const mssck::Analyzer* analyzer = current_analyzer();
            const mssck::Conversation* record = analyzer == nullptr ? nullptr : analyzer->conversation(entry->stream);
            if (conversation->last_frame == segment.frame && record != nullptr &&
                record->is_between(src, segment.src_port, *segment.dst, segment.dst_port)) {
                *stream = entry->stream;
                return true;
            }
        }
    }
    const conversation_t* conversation = look_up(segment, stream);
    if (conversation == nullptr) return false;
    if (!is_conversation_of(conversation, segment)) return true;  // a wildcard conversation: never remembered
    try {
        remembered.put(key, conversation, *stream);
    } catch (const std::bad_alloc&) {
        // Not remembered: the next segment looks it up again.
    }
    return true;
}

bool quoted_tcp_stream_of(const TcpSegmentEnds& quoted, std::uint32_t* stream) {
    return look_up(quoted, stream) != nullptr;
}

} // namespace mssck_plugin
