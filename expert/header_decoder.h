// Turns the raw IP and TCP header bytes of a frame into SegmentFacts and
// IcmpFacts. The plugin hands over the bytes where Wireshark's buffers keep
// them (it finds where they start from a few located fields); everything else the
// analysis needs is read here, so Wireshark is not asked to build dozens of
// fields for every packet.
#pragma once

#include <cstddef>
#include <cstdint>

#include "expert/icmp_facts.h"
#include "expert/segment_facts.h"

namespace mssck {

// The largest IPv4 and TCP headers (with options); IPv6's fixed header.
constexpr std::size_t kMaxIpv4HeaderBytes = 60;
constexpr std::size_t kIpv6HeaderBytes = 40;
constexpr std::size_t kMaxTcpHeaderBytes = 60;

// Header bytes as captured, with what the frame says about lengths beyond
// the captured part (snap lengths cut the bytes, not the lengths).
struct HeaderBytes {
    const std::uint8_t* data = nullptr;
    std::size_t captured = 0;             // bytes available at data
    std::uint32_t reported_remaining = 0; // bytes on the wire from data's start to the frame's end
};

struct SegmentHeaders {
    int ip_version = 4;
    HeaderBytes ip;   // from the start of the IP header that carried the segment
    HeaderBytes tcp;  // from the start of the TCP header
    // Where the TCP header starts counted from the IP header, or -1 when the
    // segment is in a buffer of its own (reassembled from IP fragments).
    std::int32_t tcp_offset_in_ip = -1;
};

// Fills everything in facts but frame, time and stream. False when the
// headers are too short to hold the addresses, ports and flags.
bool decode_segment(const SegmentHeaders& headers, SegmentFacts* facts);

struct TooBigHeaders {
    int icmp_version = 4;
    HeaderBytes icmp;        // from the ICMP / ICMPv6 header
    int quoted_ip_version = 4;
};

// Fills the ICMP part of icmp (not frame, time, reporter or stream). False
// unless it is a frag-needed / Packet Too Big quoting at least the quoted
// packet's addresses. The quoted TCP header is found after the quoted IPv4
// header's options or IPv6 extension headers; its ports and sequence number
// are filled (quoted_ports_known) when its first 8 bytes are quoted.
bool decode_too_big(const TooBigHeaders& headers, IcmpFacts* icmp);

} // namespace mssck
