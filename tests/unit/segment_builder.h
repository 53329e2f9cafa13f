// Builds SegmentFacts for unit tests, so each test states only what matters.
#pragma once

#include <cstdint>

#include "expert/segment_facts.h"

namespace mssck::test {

inline IpAddress ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    const std::uint8_t bytes[4] = {a, b, c, d};
    return IpAddress::v4(bytes);
}

// The two hosts most tests talk between (documentation addresses).
inline const IpAddress kClient = ipv4(192, 0, 2, 10);
inline const IpAddress kServer = ipv4(198, 51, 100, 20);

inline IpAddress ipv6_doc(std::uint8_t last) {
    std::uint8_t bytes[16] = {0x20, 0x01, 0x0d, 0xb8};
    bytes[15] = last;
    return IpAddress::v6(bytes);
}

class SegmentBuilder {
public:
    SegmentBuilder(std::uint32_t frame, IpAddress src, std::uint16_t sport, IpAddress dst, std::uint16_t dport) {
        facts_.frame = frame;
        facts_.src = src;
        facts_.src_port = sport;
        facts_.dst = dst;
        facts_.dst_port = dport;
        facts_.ttl = 64;
        facts_.df = src.version == 4;
        facts_.ack = true;
    }
    SegmentBuilder& stream(std::uint32_t id) { facts_.stream = id; return *this; }
    SegmentBuilder& syn(std::uint16_t mss) { facts_.syn = true; facts_.mss_option = mss; return *this; }
    SegmentBuilder& syn_without_mss() { facts_.syn = true; facts_.mss_option.reset(); return *this; }
    SegmentBuilder& first_syn() { facts_.ack = false; return *this; }
    SegmentBuilder& payload(std::uint32_t bytes) { facts_.payload_len = bytes; return *this; }
    SegmentBuilder& tcp_options(std::uint16_t bytes) {
        facts_.tcp_header_len = static_cast<std::uint16_t>(20 + bytes);
        return *this;
    }
    SegmentBuilder& ip_options(std::uint16_t bytes) { facts_.ip_option_bytes = bytes; return *this; }
    SegmentBuilder& ttl(std::uint8_t value) { facts_.ttl = value; return *this; }
    SegmentBuilder& ip_len_zero() { facts_.ip_len_zero = true; return *this; }
    // Sequence numbers here start at 0, so raw and relative ones are equal.
    SegmentBuilder& seq(std::uint32_t value) { facts_.seq_raw = value; return *this; }
    SegmentBuilder& ack(std::uint32_t value) { facts_.ack = true; facts_.ack_raw = value; return *this; }
    SegmentBuilder& no_ack() { facts_.ack = false; return *this; }
    SegmentBuilder& at(double seconds) { facts_.time = seconds; return *this; }
    SegmentBuilder& df(bool value) { facts_.df = value; return *this; }
    SegmentBuilder& fin() { facts_.fin = true; return *this; }
    SegmentBuilder& rst() { facts_.rst = true; return *this; }
    SegmentBuilder& fragmented() { facts_.ip_fragmented = true; return *this; }
    SegmentBuilder& sack(std::uint32_t left, std::uint32_t right) {
        if (facts_.sack_count < SegmentFacts::kMaxSackBlocks) facts_.sack[facts_.sack_count++] = {left, right};
        return *this;
    }

    SegmentFacts build() const {
        SegmentFacts facts = facts_;
        const std::uint32_t header = facts.src.version == 6 ? 40 : 20;
        facts.ip_total_len = facts.ip_len_zero ? 0 : header + facts.ip_option_bytes + facts.tcp_header_len + facts.payload_len;
        return facts;
    }
    operator SegmentFacts() const { return build(); }

private:
    SegmentFacts facts_;
};

} // namespace mssck::test
