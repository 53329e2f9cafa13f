#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "expert/fingerprint/ip_version.h"
#include "expert/fingerprint/syn_observation.h"
#include "expert/fingerprint/tcp_option_layout.h"
#include "expert/fingerprint/tcp_quirks.h"

namespace mssck::fingerprint {

// A captured SYN or SYN-ACK reduced to what p0f compares against
// signatures, in p0f's conventions (absent MSS or scale read as 0).
struct ObservedSignature {
    bool is_syn_ack = false;
    IpVersion ip_version = IpVersion::v4;
    std::uint8_t ttl = 0;
    std::uint8_t ip_options_length = 0;
    std::uint16_t mss = 0;
    std::uint16_t window = 0;
    std::uint8_t window_scale = 0;
    TcpOptionLayout options;
    QuirkSet quirks;
    bool has_payload = false;
    unsigned total_header_length = 0;  // IP + TCP headers, options included
    std::uint32_t own_timestamp = 0;   // TSval, 0 if absent
    std::uint16_t peer_syn_mss = 0;    // SYN-ACK only; 0 if unknown
};

ObservedSignature observe(const SynObservation& observation);

// p0f's largest TTL distance that still counts as an exact match.
inline constexpr unsigned max_exact_ttl_distance = 35;

// The initial TTL p0f assumes when no signature says otherwise: the first
// of 32, 64, 128, 255 at or above the observed TTL.
std::uint8_t guess_initial_ttl(std::uint8_t observed_ttl);
inline unsigned guess_ttl_distance(std::uint8_t observed_ttl) {
    return guess_initial_ttl(observed_ttl) - observed_ttl;
}

// The window read as a multiple of the MSS or of the MTU, trying divisors
// in p0f's order: the MSS, MSS - 12 (with timestamps), 1460 and 1448,
// their IPv6 counterparts, then MTUs (MSS + 40, MSS + actual headers,
// MSS + 60 for IPv6, 1500), then on a SYN-ACK the peer's SYN MSS.
// Stacks size windows this way, so signatures can say "mss*20".
struct WindowMultiple {
    unsigned multiplier = 0;
    bool of_mtu = false;  // false: of an MSS
};
std::optional<WindowMultiple> detect_window_multiple(const ObservedSignature& observed);

// The signature in the form p0f prints as raw_sig, e.g.
// "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0".
std::string to_p0f_text(const ObservedSignature& observed);

}  // namespace mssck::fingerprint
