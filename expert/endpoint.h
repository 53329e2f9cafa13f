// One side of a TCP conversation, as seen from the segments it sent.
#pragma once

#include <cstddef>
#include <cstdint>

#include "expert/frame_report.h"
#include "expert/ip_address.h"
#include "expert/mss_value.h"
#include "expert/path_state.h"

namespace mssck {

// Laid out for the per-segment work: the first cache line holds what the
// handshake said and the sizes seen, the second the sender's last view and
// the hot part of its PathState; a Conversation keeps both Endpoints on
// cache-line boundaries (alignas), so a segment touches four lines of its
// conversation, not the ten it did.
struct alignas(64) Endpoint {
    IpAddress address;
    std::uint16_t port = 0;
    bool present = false;
    // Of its SYN's fingerprint (with os below); here, where it fills padding.
    std::uint8_t os_distance = 0;    // hops from its initial TTL to the capture point

    // What its SYN or SYN-ACK said (the latest one wins).
    MssValue advertised_mss;
    bool syn_seen = false;
    std::uint8_t syn_ttl = 0;
    bool syn_df = false;
    std::int8_t window_scale = -1;  // -1: no window-scale option
    bool sack_permitted = false;
    bool timestamps = false;
    std::uint16_t os = 0;            // OsRegistry id of its SYN's fingerprint, 0: none
    // The Analyzer's DirectionView of its latest segment, by index and as a
    // copy: a new one is kept only when what a segment shows differs from
    // it, and the copy spares every segment a look into the Analyzer's list.
    std::uint32_t view = 0;

    // The largest segment it has sent: payload plus TCP and IP option bytes.
    std::uint32_t largest_segment = 0;
    std::uint32_t largest_payload = 0;
    std::uint16_t violations = 0, offloads = 0;
    DirectionView last_view;

    // What its segments went through on the path to the peer.
    PathState path;

    // Whether its address and port are these; is() also needs it to have sent.
    bool has_ends(const IpAddress& a, std::uint16_t p) const { return port == p && address == a; }
    bool is(const IpAddress& a, std::uint16_t p) const { return present && has_ends(a, p); }
};

// What every segment reads or writes must stay in an Endpoint's first two
// cache lines: the handshake's facts, the last view, the ring's header and
// the path's flags, up to the stuck segment's `active`.
static_assert(offsetof(Endpoint, path) + offsetof(PathState, stuck) + offsetof(StuckSegment, active) < 128,
              "keep the per-segment fields of an Endpoint in its first two cache lines");

} // namespace mssck
