// What the analysis concluded about one frame, kept from the first pass so
// that every later dissection shows exactly the same thing. Compact on
// purpose: one is kept for every TCP segment of the capture.
#pragma once

#include <cstdint>

#include "expert/finding_catalog.h"
#include "expert/mss_value.h"
#include "expert/offload_evidence.h"

namespace mssck {

enum class FrameKind : std::uint8_t { Segment, Icmp };

// What a frame's sender and receiver were known to be at that frame: their
// MSS, their OS fingerprints. It changes rarely within a conversation (on a
// SYN, a SYN-ACK, a grown inferred MSS), so the Analyzer keeps each distinct
// view once per direction and a FrameReport only names it (FrameReport::view,
// Analyzer::view_of). View 0 is this default: what an ICMP frame shows.
struct DirectionView {
    MssValue sender_mss;                 // what the sender itself advertised
    MssValue peer_mss;                   // what the receiver advertised: the limit's base
    std::uint16_t sender_os = 0;         // OsRegistry id of the sender's fingerprint, 0: none
    std::uint16_t peer_os = 0;           // and of the receiver's, as known at this frame
    std::uint8_t sender_os_distance = 0;
    std::uint8_t sender_ip_version = 4;  // 4 or 6

    bool operator==(const DirectionView& other) const {
        return same(sender_mss, other.sender_mss) && same(peer_mss, other.peer_mss) &&
               sender_os == other.sender_os && peer_os == other.peer_os &&
               sender_os_distance == other.sender_os_distance && sender_ip_version == other.sender_ip_version;
    }
    bool operator!=(const DirectionView& other) const { return !(*this == other); }

private:
    static bool same(const MssValue& a, const MssValue& b) {
        return a.value == b.value && a.source == b.source && a.frame == b.frame;
    }
};

struct FrameReport {
    // C++17 bit-fields take no default member initializer.
    FrameReport() : kind(FrameKind::Segment), direction(0), has_limit(false), has_detail(false) {}

    // Largest members first, small ones in bit-fields: one of these is
    // kept per TCP frame, so each byte here is 1 MB per million frames.
    std::uint32_t frame = 0;
    std::uint32_t stream = 0;
    std::uint32_t payload = 0;           // TCP payload bytes
    // The sender's path MTU is at least this: the largest IP packet
    // acknowledged so far, 0 if none (its upper bound is in FrameDetail).
    // 32 bits: an IPv6 packet is up to 40 + 65535 bytes, an offloaded one more.
    std::uint32_t pmtu_low = 0;
    FindingSet findings;
    std::uint32_t view = 0;              // the Analyzer's DirectionView of this frame

    std::uint16_t limit = 0;             // peer_mss - option_bytes: never above peer_mss, so 16 bits
    // TCP + IP option bytes deducted from peer_mss; IPv6 extension headers
    // can make it more than 255.
    std::uint16_t option_bytes = 0;

    OffloadEvidence offload;             // why an oversized segment is an artifact
    FrameKind kind : 1;
    std::uint8_t direction : 1;          // which Endpoint of the Conversation sent it
    bool has_limit : 1;                  // payload > 0 and peer_mss known
    bool has_detail : 1;                 // a FrameDetail is kept for this frame

    std::uint32_t excess() const { return has_limit && payload > limit ? payload - limit : 0; }
};
static_assert(sizeof(FrameReport) <= 32, "FrameReport is kept per TCP frame: keep it small");

} // namespace mssck

namespace mssck {

// The numbers behind the rarer findings, kept only for the frames that
// carry one, so the common FrameReport stays small.
struct FrameDetail {
    // Grouped by finding, each group ordered so that no padding is left.
    std::uint32_t frame = 0;

    // On an ICMP frag-needed / Packet Too Big.
    std::uint32_t icmp_stream = 0;
    std::uint32_t icmp_mtu = 0;
    std::uint32_t quoted_frame = 0;      // where the quoted segment is in the capture
    std::uint32_t quoted_ip_size = 0;
    bool icmp_matched = false;           // tied to a conversation the capture holds
    bool icmp_mtu_estimated = false;     // MTU 0 in the ICMP: RFC 1191 plateau estimate

    // On a SYN that changes the MSS (MssChanged).
    std::uint16_t previous_mss = 0;      // what the earlier SYN said

    // On a segment that answers an ICMP (honored / ignored).
    std::uint32_t icmp_frame = 0;
    std::uint32_t reported_mtu = 0;
    double icmp_delay = 0.0;             // seconds from the ICMP to this segment
    std::uint32_t ip_size = 0;           // this segment's IP size
    bool df_cleared = false;             // sent without DF: left to fragmentation

    // On a black hole and on the frame that ends one.
    std::uint8_t stuck_direction = 0;    // which side's segment is stuck
    std::uint16_t sends = 0;
    std::uint32_t stuck_frame = 0;
    std::uint32_t stuck_payload = 0;
    std::uint32_t stuck_ip_size = 0;
    std::uint32_t delivered_ip = 0;      // largest IP packet that got through
    double elapsed = 0.0;                // from the first send to the end
    std::uint32_t new_payload = 0;       // recovered: the smaller segment size

    std::uint32_t floor_bytes = 0;       // MssFloor: the segment size kept
    std::uint32_t missing_bytes = 0;     // Stall: bytes sent that never arrived here
    // On a segment sent while an earlier one stays unacknowledged after
    // resends: that one's IP size, above the path MTU (mssck.pmtu.high).
    std::uint32_t pmtu_high = 0;
};

} // namespace mssck
