#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "expert/fingerprint/ip_version.h"
#include "expert/fingerprint/tcp_option_layout.h"

namespace mssck::fingerprint {

// TCP header flags that matter to fingerprinting (SYN itself is implied).
struct TcpFlags {
    bool ack = false;  // tcp.flags.ack: set on a SYN-ACK, clear on a SYN
    bool urg = false;  // tcp.flags.urg
    bool psh = false;  // tcp.flags.push
    bool rst = false;  // tcp.flags.reset
    bool ece = false;  // tcp.flags.ece
    bool cwr = false;  // tcp.flags.cwr
    bool ae = false;   // tcp.flags.ae (the former NS bit)
};

// What one SYN or SYN-ACK shows about the stack that sent it, as captured.
// Every field maps to one Wireshark field (named beside it); fields p0f
// derives (quirks, window multiples) are computed from these, not stored.
struct SynObservation {
    // IP layer.
    IpVersion ip_version = IpVersion::v4;  // ip.version
    std::uint8_t ttl = 0;                  // ip.ttl or ipv6.hlim, as seen
    std::uint8_t ip_options_length = 0;    // v4: ip.hdr_len - 20; v6: 0
    bool dont_fragment = false;            // v4: ip.flags.df
    bool ip_reserved_flag = false;         // v4: ip.flags.rb ("must be zero")
    std::uint16_t ip_id = 0;               // v4: ip.id
    std::uint8_t ecn_codepoint = 0;        // ip.dsfield.ecn or ipv6.tclass.ecn
    std::uint32_t flow_label = 0;          // v6: ipv6.flow

    // TCP header.
    TcpFlags flags;
    std::uint32_t sequence_number = 0;     // tcp.seq_raw
    std::uint32_t ack_number = 0;          // tcp.ack_raw
    std::uint16_t urgent_pointer = 0;      // tcp.urgent_pointer
    std::uint16_t window = 0;              // tcp.window_size_value (unscaled)
    std::uint8_t tcp_header_length = 20;   // tcp.hdr_len, options included
    std::uint32_t payload_length = 0;      // tcp.len

    // TCP options.
    TcpOptionLayout options;                       // tcp.option_kind, in order
    std::optional<std::uint16_t> mss;              // tcp.options.mss_val
    std::optional<std::uint8_t> window_scale;      // tcp.options.wscale.shift
    std::optional<std::uint32_t> timestamp_value;  // tcp.options.timestamp.tsval
    std::optional<std::uint32_t> timestamp_echo;   // tcp.options.timestamp.tsecr
    bool nonzero_data_after_eol = false;  // bytes after EOL that are not zero
    bool malformed_options = false;       // bad lengths or options cut short

    // On a SYN-ACK, the MSS of the SYN it answers, when known: p0f also
    // tries it as a divisor of the window.
    std::optional<std::uint16_t> peer_syn_mss;

    bool is_syn_ack() const { return flags.ack; }
    bool has_nonzero_ip_id() const { return ip_id != 0; }
    bool has_excessive_window_scale() const { return window_scale.value_or(0) > 14; }

    // IP header bytes in front of TCP: 20 + options for v4; the fixed 40
    // for v6 (p0f ignores extension headers).
    unsigned ip_header_length() const {
        return ip_version == IpVersion::v4 ? 20u + ip_options_length : 40u;
    }
};

// Fills options, eol padding and nonzero_data_after_eol from the option
// kinds Wireshark lists in tcp.option_kind. Wireshark lists every byte after
// an EOL as one more option: zero bytes count as EOL padding, anything else
// marks data after EOL. Values (MSS, scale, timestamps) come from their own
// fields. More than max_layout_options options mark the options malformed.
void set_options_from_wireshark_kinds(SynObservation& observation,
                                      const std::uint8_t* kinds, std::size_t count);
inline void set_options_from_wireshark_kinds(SynObservation& observation,
                                             const std::vector<std::uint8_t>& kinds) {
    set_options_from_wireshark_kinds(observation, kinds.data(), kinds.size());
}

// Parses the raw TCP option bytes (Wireshark's tcp.options field) the way
// p0f does, filling the layout, MSS, window scale, timestamps and the
// malformed / data-after-EOL markers. Never reads past `size`.
void set_options_from_bytes(SynObservation& observation, const std::uint8_t* bytes,
                            std::size_t size);

}  // namespace mssck::fingerprint
