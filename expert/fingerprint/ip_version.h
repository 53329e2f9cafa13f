#pragma once

#include <cstdint>

namespace mssck::fingerprint {

enum class IpVersion : std::uint8_t { v4 = 4, v6 = 6 };

// Bytes of IP + TCP header (without options) that sit between the path MTU
// and the MSS a host announces: 20 + 20 for IPv4, 40 + 20 for IPv6.
constexpr unsigned minimum_ip_tcp_header_bytes(IpVersion version) {
    return version == IpVersion::v4 ? 40u : 60u;
}

// The link MTU implied by an announced MSS, as p0f computes it.
constexpr unsigned mtu_from_mss(IpVersion version, std::uint16_t mss) {
    return mss + minimum_ip_tcp_header_bytes(version);
}

}  // namespace mssck::fingerprint
