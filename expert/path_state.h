// Path-MTU state of one direction of a conversation: what its segments did,
// what ICMP said about them, and what that adds up to. Fixed size.
#pragma once

#include <array>
#include <cstdint>

#include "expert/sent_segments.h"

namespace mssck {

// An ICMP frag-needed / Packet Too Big whose effect on the sender is not
// known yet.
// Largest members first: no padding but the tail.
struct PendingIcmp {
    double time = 0.0;
    // Segments already queued when the ICMP arrived still leave after it:
    // new oversize segments count against the sender only after this time.
    double grace_until = 0.0;
    std::uint32_t frame = 0;
    std::uint32_t mtu = 0;
    std::uint32_t quoted_seq = 0;
    std::uint16_t oversize_sends_after = 0;
    bool active = false;
};

// The segment a black hole was declared on, until it is acknowledged.
// `active` first: every segment reads it, and PathState places it in the
// same cache line as its other per-segment fields.
struct StuckSegment {
    bool active = false;
    std::uint32_t seq = 0, len = 0, ip_size = 0;
    std::uint32_t first_frame = 0;
    std::uint32_t smaller_resend_payload = 0;  // its data sent again smaller: the new size
    double first_time = 0.0;
};

struct PathState {
    // Read or written for every segment, so kept together at the front
    // (Endpoint puts them in its second cache line); the rest is for the
    // rarer events: ICMPs, black holes, the MSS floor.
    SentSegments in_flight;
    std::uint32_t largest_delivered_ip = 0;  // largest IP packet acknowledged: pmtu.low
    std::uint32_t highest_end_sent = 0;      // sequence space seen sent from this side
    bool any_sent = false;
    bool floor_reported = false;
    bool no_df_reported = false;
    bool stall_reported = false;
    std::uint8_t active_icmps = 0;           // of pending_icmps: lets most segments skip them
    std::uint16_t longest_resend_run = 0;    // most sends of one segment, the original included

    StuckSegment stuck;

    static constexpr std::size_t kPendingIcmps = 4;
    std::array<PendingIcmp, kPendingIcmps> pending_icmps{};
    std::uint16_t icmp_seen = 0, icmp_honored = 0, icmp_ignored = 0;
    std::uint32_t last_icmp_answer_frame = 0;  // ICMPs about segments sent before it are stale
    std::uint32_t lowest_icmp_mtu = 0;       // the smallest MTU an ICMP reported for this flow

    std::uint16_t blackholes = 0, blackholes_cleared = 0, blackholes_recovered = 0;

    std::uint32_t floor_candidate = 0;       // segment size of the last violation
    std::uint16_t floor_repeats = 0;

    // IP size of the earliest segment still unacknowledged after repeated
    // sends, 0 if none: pmtu.high.
    std::uint32_t head_stuck_ip() const;
    // ICMPs the sender neither answered with a smaller resend nor got past.
    int unanswered_icmps() const;
    // A pending ICMP is answered or overtaken: it stops waiting.
    void retire(PendingIcmp& pending) {
        pending.active = false;
        --active_icmps;
    }
};

} // namespace mssck
