// What each kind of TCP/IP stack does that matters for MSS and path-MTU
// trouble: the smallest MTUs it will use, whether path MTU discovery and
// black-hole detection are on out of the box.
//
// This table is the project's own summary. Where a fact is not known with
// confidence it says so (0 for a number, Availability::Unknown for a
// feature) instead of guessing; the notes say where a value comes from
// and what qualifies it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "expert/advice/stack_family.h"

namespace mssck::advice {

// Every IPv6 link carries packets of 1280 bytes (RFC 8200), so no IPv6
// stack uses a smaller path MTU whatever an ICMPv6 Packet Too Big says.
constexpr unsigned kIpv6MinimumMtu = 1280;

// Whether a stack has a feature and how it ships.
enum class Availability : std::uint8_t {
    Absent,            // the stack does not have it
    OffByDefault,
    OnByDefault,
    DependsOnVersion,  // see the note
    Unknown,           // not known with confidence
};

std::string_view describe(Availability availability);

// Defaults describe a stack nothing is known about.
struct StackBehaviour {
    StackFamily family = StackFamily::Unknown;
    std::string_view name;   // "Windows Vista+", "Linux": for hints and docs

    // IPv4 floors, in bytes of IP packet; 0: not known.
    unsigned min_configured_mtu = 0;   // smallest interface MTU an administrator can set
    unsigned min_icmp_mtu = 0;         // smallest MTU taken from an ICMP fragmentation-needed
    bool mtu_floor_hard_coded = false; // no setting lowers the floors above
    std::string_view icmp_floor_setting;  // what moves min_icmp_mtu, "" for none known
    std::string_view below_icmp_floor;    // what the stack does with an MTU under its floor

    // Segment size the stack keeps even when the peer's MSS is smaller; 0: not known.
    unsigned min_send_mss = 0;
    std::string_view mss_floor_setting;   // what moves it, "" for none known

    Availability pmtud = Availability::Unknown;  // path MTU discovery (DF on TCP segments)
    std::string_view pmtud_setting;
    Availability blackhole_detection = Availability::Unknown;  // shrinks segments on its own
    std::string_view blackhole_setting;

    std::string_view note;                // qualifications and sources, for docs

    bool known() const { return family != StackFamily::Unknown; }
};

// The entry for a family; every StackFamily has one.
const StackBehaviour& behaviour_of(StackFamily family);

// The entry for a p0f-style label: "Windows" + "7 or 8", "Linux" + "",
// "Mac OS X" + "10.x". Unknown labels give the StackFamily::Unknown entry.
const StackBehaviour& behaviour_for(const std::string& family, const std::string& flavor);

// Every entry, in StackFamily order, for docs and tests.
const StackBehaviour* behaviour_table_begin();
const StackBehaviour* behaviour_table_end();

} // namespace mssck::advice
