#include "expert/header_decoder.h"

#include <algorithm>
#include <cstring>

#include "expert/hot_path.h"

namespace mssck {
namespace {

std::uint16_t u16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] << 8 | p[1]); }

MSSCK_HOT std::uint32_t u32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
           static_cast<std::uint32_t>(p[2]) << 8 | p[3];
}

constexpr std::size_t kIpv4MinHeader = 20;
constexpr std::size_t kTcpMinHeader = 20;

enum TcpOptionKind : std::uint8_t {
    kEndOfOptions = 0, kNoOperation = 1, kMss = 2, kWindowScale = 3, kSackPermitted = 4, kSack = 5,
    kTimestamps = 8,
};

// Reads the options the analysis uses. Like Wireshark, an option whose
// length does not fit its kind is skipped, and a length that cannot be
// right (under 2, past the header) ends the list.
MSSCK_HOT void decode_tcp_options(const std::uint8_t* options, std::size_t length, SegmentFacts* facts) {
    std::size_t at = 0;
    while (at < length) {
        const std::uint8_t kind = options[at];
        if (kind == kEndOfOptions) return;
        if (kind == kNoOperation) {
            ++at;
            continue;
        }
        if (at + 1 >= length) return;
        const std::uint8_t option_length = options[at + 1];
        if (option_length < 2 || at + option_length > length) return;
        const std::uint8_t* value = options + at + 2;
        switch (kind) {
        case kMss:
            if (option_length == 4) facts->mss_option = u16(value);
            break;
        case kWindowScale:
            if (option_length == 3) facts->window_scale = value[0];
            break;
        case kSackPermitted:
            if (option_length == 2) facts->sack_permitted = true;
            break;
        case kTimestamps:
            if (option_length == 10) facts->timestamps = true;
            break;
        case kSack:
            for (std::size_t edge = 0; edge + 8 <= option_length - 2u; edge += 8) {
                if (facts->sack_count >= SegmentFacts::kMaxSackBlocks) break;
                facts->sack[facts->sack_count++] = {u32(value + edge), u32(value + edge + 4)};
            }
            break;
        default:
            break;
        }
        at += option_length;
    }
}

// Fills addresses, TTL, flags and lengths from an IPv4 header; false if the
// header is not all there.
MSSCK_HOT bool decode_ipv4(const HeaderBytes& ip, SegmentFacts* facts) {
    if (ip.captured < kIpv4MinHeader) return false;
    const std::uint8_t* h = ip.data;
    const std::size_t header_len = static_cast<std::size_t>(h[0] & 0x0f) * 4;
    if (header_len < kIpv4MinHeader) return false;
    facts->src = IpAddress::v4(h + 12);
    facts->dst = IpAddress::v4(h + 16);
    facts->ttl = h[8];
    facts->df = (h[6] & 0x40) != 0;
    const bool more_fragments = (h[6] & 0x20) != 0;
    const std::uint16_t fragment_offset = u16(h + 6) & 0x1fff;
    facts->ip_fragmented = more_fragments || fragment_offset > 0;
    facts->ip_option_bytes = static_cast<std::uint16_t>(header_len - kIpv4MinHeader);
    // A total length of 0 is a TSO capture: the NIC was to fill it in, and
    // Wireshark takes the frame's length instead.
    const std::uint16_t total_len = u16(h + 2);
    facts->ip_len_zero = total_len == 0;
    facts->ip_total_len = total_len == 0 ? ip.reported_remaining : total_len;

    auto& traits = facts->traits;
    traits.ip_id = u16(h + 4);
    traits.ip_reserved_flag = (h[6] & 0x80) != 0;
    traits.ecn = h[1] & 0x03;
    return true;
}

MSSCK_HOT bool decode_ipv6(const HeaderBytes& ip, SegmentFacts* facts) {
    if (ip.captured < kIpv6HeaderBytes) return false;
    const std::uint8_t* h = ip.data;
    facts->src = IpAddress::v6(h + 8);
    facts->dst = IpAddress::v6(h + 24);
    facts->ttl = h[7];
    const std::uint16_t payload_len = u16(h + 4);
    facts->ip_total_len = kIpv6HeaderBytes + (payload_len != 0 ? payload_len
                                              : ip.reported_remaining > kIpv6HeaderBytes
                                                  ? ip.reported_remaining - kIpv6HeaderBytes : 0);
    auto& traits = facts->traits;
    traits.ecn = (h[1] >> 4) & 0x03;
    traits.flow_label = static_cast<std::uint32_t>(h[1] & 0x0f) << 16 | u16(h + 2);
    return true;
}

// The segment's length (header and data) as Wireshark's TCP dissector sees
// it: up to the end of the IP packet, never past the end of the frame.
MSSCK_HOT std::uint32_t segment_length(const SegmentHeaders& headers, const SegmentFacts& facts) {
    if (headers.tcp_offset_in_ip < 0) return headers.tcp.reported_remaining;
    const std::uint32_t offset = static_cast<std::uint32_t>(headers.tcp_offset_in_ip);
    const std::uint32_t ip_end = std::min(facts.ip_total_len, headers.ip.reported_remaining);
    const std::uint32_t length = ip_end > offset ? ip_end - offset : 0;
    return std::min(length, headers.tcp.reported_remaining);
}

MSSCK_HOT void decode_tcp_flags(const std::uint8_t* h, SegmentFacts* facts) {
    const std::uint8_t flags = h[13];
    facts->fin = (flags & 0x01) != 0;
    facts->syn = (flags & 0x02) != 0;
    facts->rst = (flags & 0x04) != 0;
    facts->ack = (flags & 0x10) != 0;
    auto& traits = facts->traits;
    traits.psh = (flags & 0x08) != 0;
    traits.urg = (flags & 0x20) != 0;
    traits.ece = (flags & 0x40) != 0;
    traits.cwr = (flags & 0x80) != 0;
    traits.ns = (h[12] & 0x01) != 0;
    traits.urgent_pointer = u16(h + 18);
}

} // namespace

MSSCK_HOT bool decode_segment(const SegmentHeaders& headers, SegmentFacts* facts) {
    if (headers.ip_version == 4) {
        if (!decode_ipv4(headers.ip, facts)) return false;
    } else if (headers.ip_version != 6 || !decode_ipv6(headers.ip, facts)) {
        return false;
    }

    const HeaderBytes& tcp = headers.tcp;
    if (tcp.captured < kTcpMinHeader) return false;
    const std::uint8_t* h = tcp.data;
    const std::size_t header_len = static_cast<std::size_t>(h[12] >> 4) * 4;
    if (header_len < kTcpMinHeader) return false;
    facts->src_port = u16(h);
    facts->dst_port = u16(h + 2);
    facts->seq_raw = u32(h + 4);
    facts->ack_raw = u32(h + 8);
    facts->window = u16(h + 14);
    facts->tcp_header_len = static_cast<std::uint16_t>(header_len);
    decode_tcp_flags(h, facts);

    const std::uint32_t length = segment_length(headers, *facts);
    facts->payload_len = length > header_len ? length - static_cast<std::uint32_t>(header_len) : 0;
    if (headers.ip_version == 6) {
        // Extension headers are what the IPv6 payload holds besides the segment.
        const std::uint32_t ip_payload = facts->ip_total_len - static_cast<std::uint32_t>(kIpv6HeaderBytes);
        const std::uint32_t segment = static_cast<std::uint32_t>(header_len) + facts->payload_len;
        facts->ip_option_bytes = static_cast<std::uint16_t>(ip_payload > segment ? ip_payload - segment : 0);
    }

    const std::size_t options_len = std::min(header_len, tcp.captured) - kTcpMinHeader;
    decode_tcp_options(h + kTcpMinHeader, options_len, facts);
    if (facts->syn) {
        auto& traits = facts->traits;
        traits.option_length = static_cast<std::uint8_t>(std::min(options_len, sizeof traits.option_bytes));
        std::memcpy(traits.option_bytes, h + kTcpMinHeader, traits.option_length);
    }
    return true;
}

// Where the TCP header of a quoted IPv6 packet starts, counted from the
// packet's start, after the extension headers Wireshark's IPv6 dissector
// also steps over; 0 when the chain is cut short, ends elsewhere, or the
// packet is a fragment other than the first (no TCP header in it).
std::size_t ipv6_tcp_offset(const std::uint8_t* packet, std::size_t captured) {
    enum : std::uint8_t {
        kHopByHop = 0, kTcp = 6, kRouting = 43, kFragment = 44, kAuthentication = 51, kDestination = 60,
        kMobility = 135, kHostIdentity = 139, kShim6 = 140,
    };
    constexpr int kMaxExtensionHeaders = 16;  // more than any real packet; bounds a hostile chain
    std::uint8_t next = packet[6];
    std::size_t at = kIpv6HeaderBytes;
    for (int seen = 0; next != kTcp; ++seen) {
        if (seen == kMaxExtensionHeaders || at + 8 > captured) return 0;
        const std::uint8_t* header = packet + at;
        switch (next) {
        case kFragment:
            if ((u16(header + 2) & 0xfff8) != 0) return 0;  // a later fragment
            at += 8;
            break;
        case kAuthentication:
            at += (static_cast<std::size_t>(header[1]) + 2) * 4;
            break;
        case kHopByHop: case kRouting: case kDestination: case kMobility: case kHostIdentity: case kShim6:
            at += (static_cast<std::size_t>(header[1]) + 1) * 8;
            break;
        default:
            return 0;
        }
        next = header[0];
    }
    return at;
}

bool decode_too_big(const TooBigHeaders& headers, IcmpFacts* icmp) {
    constexpr std::size_t kIcmpHeader = 8;
    const HeaderBytes& bytes = headers.icmp;
    if (bytes.captured < kIcmpHeader) return false;
    const std::uint8_t* h = bytes.data;
    const bool v4 = headers.icmp_version == 4;
    const bool too_big = v4 ? h[0] == 3 && h[1] == 4 : h[0] == 2;
    if (!too_big) return false;
    icmp->ip_version = static_cast<std::uint8_t>(headers.icmp_version);
    // ICMPv4 has the next-hop MTU in the low 16 bits (RFC 1191); ICMPv6 all 32.
    icmp->reported_mtu = v4 ? u16(h + 6) : u32(h + 4);

    const std::uint8_t* quoted = h + kIcmpHeader;
    const std::size_t quoted_captured = bytes.captured - kIcmpHeader;
    std::size_t tcp_in_quoted = 0;
    if (headers.quoted_ip_version == 4) {
        if (quoted_captured < kIpv4MinHeader) return false;
        tcp_in_quoted = static_cast<std::size_t>(quoted[0] & 0x0f) * 4;
        icmp->quoted_src = IpAddress::v4(quoted + 12);
        icmp->quoted_dst = IpAddress::v4(quoted + 16);
        icmp->quoted_ip_size = u16(quoted + 2);
    } else {
        if (quoted_captured < kIpv6HeaderBytes) return false;
        tcp_in_quoted = ipv6_tcp_offset(quoted, quoted_captured);
        icmp->quoted_src = IpAddress::v6(quoted + 8);
        icmp->quoted_dst = IpAddress::v6(quoted + 24);
        icmp->quoted_ip_size = static_cast<std::uint32_t>(kIpv6HeaderBytes) + u16(quoted + 4);
    }

    // Routers must quote at least the first 8 bytes of the TCP header:
    // ports and sequence number, all the matching needs.
    if (tcp_in_quoted != 0 && tcp_in_quoted + 8 <= quoted_captured) {
        const std::uint8_t* tcp = quoted + tcp_in_quoted;
        icmp->quoted_ports_known = true;
        icmp->quoted_src_port = u16(tcp);
        icmp->quoted_dst_port = u16(tcp + 2);
        icmp->quoted_seq = u32(tcp + 4);
    }
    return true;
}

} // namespace mssck
