// What the plugin reads out of one dissected TCP segment: the input of the
// analysis core. A plain aggregate, so the plugin can fill it without any
// C++ object with a destructor being alive across Wireshark calls.
#pragma once

#include <cstdint>
#include <optional>

#include "expert/ip_address.h"

namespace mssck {

struct SegmentFacts {
    std::uint32_t frame = 0;        // frame number, 1-based
    double time = 0.0;              // seconds, absolute capture time
    std::uint32_t stream = 0;       // tcp.stream

    IpAddress src, dst;
    std::uint16_t src_port = 0, dst_port = 0;

    bool syn = false, ack = false, fin = false, rst = false;
    std::uint32_t seq_raw = 0, ack_raw = 0;
    std::uint32_t payload_len = 0;     // tcp.len
    std::uint16_t tcp_header_len = 20; // with options
    std::uint32_t window = 0;          // as in the header, unscaled

    // The IP header that carried this segment (the innermost one in a tunnel).
    std::uint8_t ttl = 0;              // TTL or hop limit
    bool df = false;                   // IPv4 don't-fragment; false for IPv6
    std::uint16_t ip_option_bytes = 0; // IPv4 options or IPv6 extension headers
    std::uint32_t ip_total_len = 0;    // IPv4 total length / IPv6 40 + payload length
    bool ip_len_zero = false;          // IPv4 total length field was 0 (TSO capture)
    bool ip_fragmented = false;        // the segment arrived in IP fragments

    // TCP options (from the SYN / SYN-ACK mainly).
    std::optional<std::uint16_t> mss_option;
    std::optional<std::uint8_t> window_scale;
    bool sack_permitted = false;
    bool timestamps = false;

    // SACK blocks, raw sequence numbers as on the wire.
    static constexpr int kMaxSackBlocks = 4;
    struct SackBlock {
        std::uint32_t left = 0, right = 0;
    };
    SackBlock sack[kMaxSackBlocks];
    std::uint8_t sack_count = 0;

    // What a SYN or SYN-ACK shows of its sender's stack (p0f's inputs);
    // read from every segment, used for SYNs.
    struct StackTraits {
        std::uint16_t ip_id = 0;
        bool ip_reserved_flag = false;
        std::uint8_t ecn = 0;               // IPv4 ECN field / IPv6 traffic class ECN
        std::uint32_t flow_label = 0;
        bool urg = false, psh = false, ece = false, cwr = false, ns = false;
        std::uint16_t urgent_pointer = 0;
        std::uint8_t option_bytes[40] = {}; // the raw TCP options
        std::uint8_t option_length = 0;
    };
    StackTraits traits;

    std::uint16_t tcp_option_bytes() const {
        return tcp_header_len > 20 ? static_cast<std::uint16_t>(tcp_header_len - 20) : 0;
    }
};

} // namespace mssck
