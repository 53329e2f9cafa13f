#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "expert/fingerprint/syn_observation.h"

namespace mssck::fingerprint {

// p0f's quirks: oddities of the IP and TCP headers that tell stacks apart.
// The p0f token is given beside each.
enum class Quirk : std::uint8_t {
    dont_fragment,              // df
    nonzero_ip_id,              // id+   DF set, IP ID not zero (v4)
    zero_ip_id,                 // id-   DF clear, IP ID zero (v4)
    ecn,                        // ecn   ECN in IP or ECE/CWR/AE in TCP
    nonzero_reserved_flag,      // 0+    IPv4 "must be zero" flag set
    flow_label,                 // flow  IPv6 flow label not zero
    zero_sequence,              // seq-
    ack_number_without_flag,    // ack+  ACK number set, ACK flag clear
    zero_ack_with_flag,         // ack-  ACK flag set, ACK number zero
    urgent_pointer_without_flag,// uptr+
    urg_flag,                   // urgf+
    push_flag,                  // pushf+
    zero_own_timestamp,         // ts1-
    peer_timestamp_on_syn,      // ts2+  TSecr not zero on a SYN
    data_after_eol,             // opt+
    excessive_window_scale,     // exws  scale above 14
    malformed_options,          // bad
};

inline constexpr unsigned quirk_count = 17;

class QuirkSet {
public:
    QuirkSet() = default;
    QuirkSet(std::initializer_list<Quirk> quirks) {
        for (Quirk quirk : quirks) insert(quirk);
    }

    bool contains(Quirk quirk) const { return (bits_ & bit(quirk)) != 0; }
    void insert(Quirk quirk) { bits_ |= bit(quirk); }
    void erase(Quirk quirk) { bits_ &= ~bit(quirk); }
    bool empty() const { return bits_ == 0; }

    // The quirks of this set that `other` lacks.
    QuirkSet minus(QuirkSet other) const { return from_bits(bits_ & ~other.bits_); }
    bool is_subset_of(QuirkSet other) const { return (bits_ & ~other.bits_) == 0; }

    // One bit per Quirk, by its value: for hashing a set.
    std::uint32_t bits() const { return bits_; }

    bool operator==(QuirkSet other) const { return bits_ == other.bits_; }
    bool operator!=(QuirkSet other) const { return bits_ != other.bits_; }

private:
    static std::uint32_t bit(Quirk quirk) { return std::uint32_t{1} << static_cast<unsigned>(quirk); }
    static QuirkSet from_bits(std::uint32_t bits) {
        QuirkSet set;
        set.bits_ = bits;
        return set;
    }

    std::uint32_t bits_ = 0;
};

std::string_view p0f_token(Quirk quirk);
std::optional<Quirk> quirk_from_p0f_token(std::string_view token);

// Quirks that only exist in one IP version's header.
bool is_ipv4_only(Quirk quirk);
bool is_ipv6_only(Quirk quirk);

// Comma-separated p0f tokens, in the order p0f prints them.
std::string to_p0f_text(QuirkSet quirks);

// The quirks a captured SYN or SYN-ACK shows, derived as p0f derives them.
QuirkSet quirks_of(const SynObservation& observation);

}  // namespace mssck::fingerprint
