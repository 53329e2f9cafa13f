// An MSS value together with where it came from. Only MSS values the peer
// actually announced (or the RFC default for a SYN without the option) can
// make a violation; assumed and inferred ones never do.
#pragma once

#include <cstdint>

namespace mssck {

enum class MssSource : std::uint8_t {
    Unknown,     // no handshake seen and nothing assumed
    Option,      // the MSS option of the host's SYN or SYN-ACK
    RfcDefault,  // SYN without MSS option: 536 (IPv4) or 1220 (IPv6)
    Assumed,     // the user's "assumed MSS" preference
    Inferred,    // guessed from the largest segment the host itself sent
};

// RFC 9293 section 3.7.1 (IPv4) and RFC 8200 section 8.3 (IPv6).
constexpr std::uint16_t kDefaultMssIpv4 = 536;
constexpr std::uint16_t kDefaultMssIpv6 = 1220;

inline bool is_confirmed(MssSource source) {
    return source == MssSource::Option || source == MssSource::RfcDefault;
}

const char* describe(MssSource source);

struct MssValue {
    std::uint16_t value = 0;
    MssSource source = MssSource::Unknown;
    std::uint32_t frame = 0;  // the SYN that announced it, 0 if none

    bool known() const { return source != MssSource::Unknown; }
};

} // namespace mssck
