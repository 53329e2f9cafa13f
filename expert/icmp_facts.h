// What the plugin reads out of an ICMPv4 "fragmentation needed" (type 3
// code 4) or ICMPv6 "Packet Too Big" (type 2) that quotes a TCP segment.
#pragma once

#include <cstdint>

#include "expert/ip_address.h"

namespace mssck {

struct IcmpFacts {
    std::uint32_t frame = 0;
    double time = 0.0;
    std::uint8_t ip_version = 4;
    IpAddress reporter;              // the router that sent the ICMP
    std::uint32_t reported_mtu = 0;  // next-hop MTU; 0 from pre-RFC 1191 routers

    // The quoted packet: the one that was too big.
    bool has_stream = false;
    std::uint32_t stream = 0;        // tcp.stream of the quoted header's conversation
    IpAddress quoted_src, quoted_dst;
    bool quoted_ports_known = false;  // the quoted TCP header's first 8 bytes were there
    std::uint16_t quoted_src_port = 0, quoted_dst_port = 0;
    std::uint32_t quoted_seq = 0;    // absolute: compare with seq_raw
    std::uint32_t quoted_ip_size = 0;  // its IP total length
};

} // namespace mssck
