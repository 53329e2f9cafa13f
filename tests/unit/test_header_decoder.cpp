// The header decoder reads what Wireshark's ip, ipv6, tcp and icmp
// dissectors would show, from the bytes alone.
#include <catch2/catch.hpp>

#include <vector>

#include "expert/header_decoder.h"

using namespace mssck;

namespace {

using Bytes = std::vector<std::uint8_t>;

// 192.0.2.10 -> 198.51.100.20, DF, TTL 64, the given total length.
Bytes ipv4_header(std::uint16_t total_len, std::uint8_t flags_high = 0x40, std::uint8_t ihl_words = 5) {
    Bytes h = {static_cast<std::uint8_t>(0x40 | ihl_words), 0x02, static_cast<std::uint8_t>(total_len >> 8),
               static_cast<std::uint8_t>(total_len), 0x12, 0x34, flags_high, 0x00, 64, 6, 0, 0,
               192, 0, 2, 10, 198, 51, 100, 20};
    h.resize(static_cast<std::size_t>(ihl_words) * 4, 0x01);  // NOP options
    return h;
}

// 2001:db8::1 -> 2001:db8::2, hop limit 55, flow label 0xabcde, ECN 1.
Bytes ipv6_header(std::uint16_t payload_len) {
    Bytes h = {0x60, 0x1a, 0xbc, 0xde, static_cast<std::uint8_t>(payload_len >> 8),
               static_cast<std::uint8_t>(payload_len), 6, 55};
    for (std::uint8_t last : {1, 2}) {
        const Bytes address = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last};
        h.insert(h.end(), address.begin(), address.end());
    }
    return h;
}

// Port 40000 -> 80, seq 0x01020304, ack 0x0a0b0c0d, window 64240.
Bytes tcp_header(std::uint8_t flags, const Bytes& options = {}) {
    const std::uint8_t words = static_cast<std::uint8_t>(5 + options.size() / 4);
    Bytes h = {0x9c, 0x40, 0x00, 0x50, 1, 2, 3, 4, 10, 11, 12, 13,
               static_cast<std::uint8_t>(words << 4), flags, 0xfa, 0xf0, 0, 0, 0, 0};
    h.insert(h.end(), options.begin(), options.end());
    return h;
}

constexpr std::uint8_t kSyn = 0x02, kAck = 0x10, kPsh = 0x08;

const Bytes kLinuxSynOptions = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};

SegmentHeaders headers_for(int version, const Bytes& ip, const Bytes& tcp, std::uint32_t payload,
                           std::uint32_t extra_on_wire = 0) {
    SegmentHeaders headers;
    headers.ip_version = version;
    headers.ip = {ip.data(), ip.size(),
                  static_cast<std::uint32_t>(ip.size() + tcp.size() + payload + extra_on_wire)};
    headers.tcp = {tcp.data(), tcp.size(), static_cast<std::uint32_t>(tcp.size() + payload + extra_on_wire)};
    headers.tcp_offset_in_ip = static_cast<std::int32_t>(ip.size());
    return headers;
}

} // namespace

TEST_CASE("an IPv4 SYN: addresses, flags, options and the stack's traits", "[headers]") {
    const Bytes tcp = tcp_header(kSyn, kLinuxSynOptions);
    const Bytes ip = ipv4_header(static_cast<std::uint16_t>(20 + tcp.size()));
    SegmentFacts facts;
    REQUIRE(decode_segment(headers_for(4, ip, tcp, 0), &facts));
    char text[kAddressTextSize];
    facts.src.format(text, sizeof text);
    CHECK(std::string(text) == "192.0.2.10");
    facts.dst.format(text, sizeof text);
    CHECK(std::string(text) == "198.51.100.20");
    CHECK(facts.src_port == 40000);
    CHECK(facts.dst_port == 80);
    CHECK(facts.seq_raw == 0x01020304u);
    CHECK(facts.ack_raw == 0x0a0b0c0du);
    CHECK(facts.window == 64240);
    CHECK(facts.syn);
    CHECK_FALSE(facts.ack);
    CHECK(facts.ttl == 64);
    CHECK(facts.df);
    CHECK_FALSE(facts.ip_fragmented);
    CHECK(facts.ip_total_len == 60);
    CHECK(facts.tcp_header_len == 40);
    CHECK(facts.payload_len == 0);
    CHECK(facts.mss_option == std::optional<std::uint16_t>(1460));
    CHECK(facts.window_scale == std::optional<std::uint8_t>(7));
    CHECK(facts.sack_permitted);
    CHECK(facts.timestamps);
    CHECK(facts.traits.ip_id == 0x1234);
    CHECK(facts.traits.ecn == 2);
    CHECK(facts.traits.option_length == 20);
    CHECK(facts.traits.option_bytes[0] == 2);
    CHECK(facts.traits.option_bytes[19] == 7);
}

TEST_CASE("the payload is what the IP length leaves, not the Ethernet padding", "[headers]") {
    const Bytes tcp = tcp_header(kAck | kPsh);
    const Bytes ip = ipv4_header(20 + 20 + 4);
    SegmentFacts facts;
    // 4 bytes of data, then 2 bytes of trailer up to Ethernet's 60-byte minimum.
    REQUIRE(decode_segment(headers_for(4, ip, tcp, 4, 2), &facts));
    CHECK(facts.payload_len == 4);
    CHECK(facts.traits.psh);
}

TEST_CASE("a snap length cuts the bytes, not the segment's length", "[headers]") {
    const Bytes tcp = tcp_header(kAck);
    const Bytes ip = ipv4_header(20 + 20 + 1448);
    SegmentFacts facts;
    REQUIRE(decode_segment(headers_for(4, ip, tcp, 1448), &facts));
    CHECK(facts.payload_len == 1448);
}

TEST_CASE("IPv4 total length 0 (TSO) takes the frame's length", "[headers]") {
    const Bytes tcp = tcp_header(kAck);
    const Bytes ip = ipv4_header(0);
    SegmentFacts facts;
    REQUIRE(decode_segment(headers_for(4, ip, tcp, 64000), &facts));
    CHECK(facts.ip_len_zero);
    CHECK(facts.ip_total_len == 20 + 20 + 64000);
    CHECK(facts.payload_len == 64000);
}

TEST_CASE("IPv4 options are counted, fragments noticed", "[headers]") {
    const Bytes tcp = tcp_header(kAck);
    SegmentFacts facts;
    const Bytes with_options = ipv4_header(24 + 20 + 100, 0x40, 6);
    REQUIRE(decode_segment(headers_for(4, with_options, tcp, 100), &facts));
    CHECK(facts.ip_option_bytes == 4);
    CHECK(facts.payload_len == 100);

    // The last fragment (offset 185 x 8) of a datagram reassembled into a
    // buffer of its own: the segment's length is that buffer's.
    Bytes last_fragment = ipv4_header(20 + 520, 0x00);
    last_fragment[7] = 185;
    SegmentHeaders reassembled = headers_for(4, last_fragment, tcp, 2000);
    reassembled.tcp_offset_in_ip = -1;
    SegmentFacts fragmented;
    REQUIRE(decode_segment(reassembled, &fragmented));
    CHECK(fragmented.ip_fragmented);
    CHECK_FALSE(fragmented.df);
    CHECK(fragmented.payload_len == 2000);
}

TEST_CASE("an IPv6 segment: hop limit, flow label, extension headers", "[headers]") {
    const Bytes tcp = tcp_header(kAck);
    const Bytes ip = ipv6_header(20 + 1000);
    SegmentFacts facts;
    REQUIRE(decode_segment(headers_for(6, ip, tcp, 1000), &facts));
    CHECK(facts.src.version == 6);
    CHECK(facts.ttl == 55);
    CHECK_FALSE(facts.df);
    CHECK(facts.ip_total_len == 40 + 20 + 1000);
    CHECK(facts.payload_len == 1000);
    CHECK(facts.ip_option_bytes == 0);
    CHECK(facts.traits.flow_label == 0xabcdeu);
    CHECK(facts.traits.ecn == 1);

    // 8 bytes of extension header between the IPv6 header and TCP.
    const Bytes with_extension = ipv6_header(8 + 20 + 1000);
    SegmentHeaders headers = headers_for(6, with_extension, tcp, 1000, 0);
    headers.ip.reported_remaining += 8;
    headers.tcp_offset_in_ip = 48;
    SegmentFacts extended;
    REQUIRE(decode_segment(headers, &extended));
    CHECK(extended.payload_len == 1000);
    CHECK(extended.ip_option_bytes == 8);
}

TEST_CASE("SACK blocks are read raw, at most four", "[headers]") {
    const Bytes options = {1, 1, 5, 18, 0, 0, 0x10, 0, 0, 0, 0x20, 0, 0, 0, 0x30, 0, 0, 0, 0x40, 0};
    const Bytes tcp = tcp_header(kAck, options);
    const Bytes ip = ipv4_header(static_cast<std::uint16_t>(20 + tcp.size()));
    SegmentFacts facts;
    REQUIRE(decode_segment(headers_for(4, ip, tcp, 0), &facts));
    REQUIRE(facts.sack_count == 2);
    CHECK(facts.sack[0].left == 0x1000u);
    CHECK(facts.sack[0].right == 0x2000u);
    CHECK(facts.sack[1].left == 0x3000u);
    CHECK(facts.sack[1].right == 0x4000u);
    CHECK(facts.traits.option_length == 0);  // raw options are kept for SYNs only
}

TEST_CASE("bogus options: a wrong length is skipped, an impossible one ends the list", "[headers]") {
    // MSS with length 3 (skipped), then window scale 2.
    const Bytes skipped = {2, 3, 0x05, 3, 3, 2, 0, 0};
    SegmentFacts facts;
    const Bytes tcp = tcp_header(kSyn, skipped);
    const Bytes ip = ipv4_header(static_cast<std::uint16_t>(20 + tcp.size()));
    REQUIRE(decode_segment(headers_for(4, ip, tcp, 0), &facts));
    CHECK_FALSE(facts.mss_option.has_value());
    CHECK(facts.window_scale == std::optional<std::uint8_t>(2));

    // Length 0 would loop forever: the list ends there.
    const Bytes impossible = {3, 0, 2, 4, 0x05, 0xb4, 0, 0};
    SegmentFacts stopped;
    const Bytes tcp2 = tcp_header(kSyn, impossible);
    REQUIRE(decode_segment(headers_for(4, ip, tcp2, 0), &stopped));
    CHECK_FALSE(stopped.mss_option.has_value());
    CHECK_FALSE(stopped.window_scale.has_value());
}

TEST_CASE("options cut by the snap length are read as far as they go", "[headers]") {
    Bytes tcp = tcp_header(kSyn, kLinuxSynOptions);
    const Bytes ip = ipv4_header(static_cast<std::uint16_t>(20 + tcp.size()));
    SegmentHeaders headers = headers_for(4, ip, tcp, 0);
    headers.tcp.captured = 20 + 6;  // MSS and SACK-permitted only
    SegmentFacts facts;
    REQUIRE(decode_segment(headers, &facts));
    CHECK(facts.tcp_header_len == 40);
    CHECK(facts.mss_option == std::optional<std::uint16_t>(1460));
    CHECK(facts.sack_permitted);
    CHECK_FALSE(facts.timestamps);
    CHECK(facts.traits.option_length == 6);
}

TEST_CASE("headers too short to decode give no facts", "[headers]") {
    const Bytes tcp = tcp_header(kAck);
    const Bytes ip = ipv4_header(40);
    SegmentFacts facts;
    SegmentHeaders short_ip = headers_for(4, ip, tcp, 0);
    short_ip.ip.captured = 19;
    CHECK_FALSE(decode_segment(short_ip, &facts));
    SegmentHeaders short_tcp = headers_for(4, ip, tcp, 0);
    short_tcp.tcp.captured = 19;
    CHECK_FALSE(decode_segment(short_tcp, &facts));
    Bytes bad_offset = tcp;
    bad_offset[12] = 0x40;  // 16-byte TCP header
    CHECK_FALSE(decode_segment(headers_for(4, ip, bad_offset, 0), &facts));
    CHECK_FALSE(decode_segment(headers_for(5, ip, tcp, 0), &facts));
}

TEST_CASE("an ICMP frag-needed: next-hop MTU and the quoted packet", "[headers]") {
    Bytes bytes = {3, 4, 0, 0, 0, 0, 0x05, 0x78};  // MTU 1400
    const Bytes quoted_ip = ipv4_header(1500);
    const Bytes quoted_tcp = tcp_header(kAck);
    bytes.insert(bytes.end(), quoted_ip.begin(), quoted_ip.end());
    bytes.insert(bytes.end(), quoted_tcp.begin(), quoted_tcp.begin() + 8);
    TooBigHeaders headers;
    headers.icmp = {bytes.data(), bytes.size(), static_cast<std::uint32_t>(bytes.size())};
    IcmpFacts icmp;
    REQUIRE(decode_too_big(headers, &icmp));
    CHECK(icmp.ip_version == 4);
    CHECK(icmp.reported_mtu == 1400);
    CHECK(icmp.quoted_ip_size == 1500);
    CHECK(icmp.quoted_ports_known);
    CHECK(icmp.quoted_src_port == 40000);
    CHECK(icmp.quoted_dst_port == 80);
    CHECK(icmp.quoted_seq == 0x01020304u);
    char text[kAddressTextSize];
    icmp.quoted_dst.format(text, sizeof text);
    CHECK(std::string(text) == "198.51.100.20");

    bytes[1] = 1;  // host unreachable: not ours
    IcmpFacts other;
    CHECK_FALSE(decode_too_big(headers, &other));
}

TEST_CASE("an ICMPv6 Packet Too Big: 32-bit MTU; a quoted TCP header cut short gives no ports", "[headers]") {
    Bytes bytes = {2, 0, 0, 0, 0, 0, 0x05, 0x00};  // MTU 1280
    const Bytes quoted_ip = ipv6_header(1440);
    const Bytes quoted_tcp = tcp_header(kAck);
    bytes.insert(bytes.end(), quoted_ip.begin(), quoted_ip.end());
    bytes.insert(bytes.end(), quoted_tcp.begin(), quoted_tcp.begin() + 8);
    TooBigHeaders headers;
    headers.icmp_version = 6;
    headers.quoted_ip_version = 6;
    headers.icmp = {bytes.data(), bytes.size(), static_cast<std::uint32_t>(bytes.size())};
    IcmpFacts icmp;
    REQUIRE(decode_too_big(headers, &icmp));
    CHECK(icmp.reported_mtu == 1280);
    CHECK(icmp.quoted_ip_size == 1480);
    CHECK(icmp.quoted_src_port == 40000);

    headers.icmp.captured = 8 + 40 + 4;  // the quoted TCP header cut short
    IcmpFacts cut;
    REQUIRE(decode_too_big(headers, &cut));
    CHECK_FALSE(cut.quoted_ports_known);
    CHECK(cut.quoted_src_port == 0);
    CHECK(cut.quoted_seq == 0);
}

TEST_CASE("a Packet Too Big quoting IPv6 extension headers: the TCP header after them, none in a later fragment",
          "[headers]") {
    const Bytes hop_by_hop = {44, 0, 5, 2, 0, 0, 1, 0};          // router alert, then a fragment header
    const Bytes first_fragment = {6, 0, 0x00, 0x01, 0, 0, 0, 7};  // offset 0, more fragments
    const Bytes quoted_ip = [] {
        Bytes header = ipv6_header(1440);
        header[6] = 0;  // hop-by-hop options first
        return header;
    }();
    const Bytes quoted_tcp = tcp_header(kAck);
    auto too_big = [&](const Bytes& fragment) {
        Bytes bytes = {2, 0, 0, 0, 0, 0, 0x05, 0x00};
        for (const Bytes* part : {&quoted_ip, &hop_by_hop, &fragment})
            bytes.insert(bytes.end(), part->begin(), part->end());
        bytes.insert(bytes.end(), quoted_tcp.begin(), quoted_tcp.begin() + 8);
        return bytes;
    };
    auto decode = [](const Bytes& bytes, std::size_t captured) {
        TooBigHeaders headers;
        headers.icmp_version = 6;
        headers.quoted_ip_version = 6;
        headers.icmp = {bytes.data(), captured, static_cast<std::uint32_t>(bytes.size())};
        IcmpFacts icmp;
        REQUIRE(decode_too_big(headers, &icmp));
        return icmp;
    };

    const Bytes first = too_big(first_fragment);
    const IcmpFacts found = decode(first, first.size());
    CHECK(found.quoted_ports_known);
    CHECK(found.quoted_src_port == 40000);
    CHECK(found.quoted_dst_port == 80);
    CHECK(found.quoted_seq == 0x01020304u);
    CHECK_FALSE(decode(first, first.size() - 1).quoted_ports_known);   // TCP cut short
    CHECK_FALSE(decode(first, 8 + 40 + 12).quoted_ports_known);        // the chain cut short

    Bytes later_fragment = first_fragment;
    later_fragment[2] = 0x05;  // offset 182 (x 8 = 1456 bytes), more fragments
    later_fragment[3] = 0xb1;
    const Bytes later = too_big(later_fragment);
    CHECK_FALSE(decode(later, later.size()).quoted_ports_known);
}
