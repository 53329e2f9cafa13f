// The TCP dissector's stream number (tcp.stream) for a segment, taken from
// its conversation data instead of from a primed tcp.stream field.
#pragma once

#include <cstdint>

#include "expert/ip_address.h"

namespace mssck_plugin {

// Looks up the TCP protocol; call once in handoff.
void resolve_tcp_protocol();

// Forgets the conversations remembered so far; call whenever Wireshark's
// conversations are thrown away (a capture file is closed or reloaded).
void forget_tcp_conversations();

// A segment as the TCP dissector saw it on the first pass: in frame, sent
// from src:src_port to dst:dst_port; syn when it carries the SYN flag
// (which may start a new conversation on the same ports).
struct TcpSegmentEnds {
    std::uint32_t frame = 0;
    const mssck::IpAddress* src = nullptr;
    const mssck::IpAddress* dst = nullptr;
    std::uint16_t src_port = 0, dst_port = 0;
    bool syn = false;
};

// The tcp.stream the TCP dissector gave the segment, or false when
// Wireshark has no TCP conversation for it. Never throws.
bool tcp_stream_of(const TcpSegmentEnds& segment, std::uint32_t* stream);

// The same for the TCP header an ICMP error quotes in frame: always looked
// up, never remembered.
bool quoted_tcp_stream_of(const TcpSegmentEnds& quoted, std::uint32_t* stream);

} // namespace mssck_plugin
