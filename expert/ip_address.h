// An IPv4 or IPv6 address as the analysis core keeps it: fixed size, no heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace mssck {

struct IpAddress {
    std::uint8_t version = 0;      // 4, 6, or 0 when unset
    std::uint8_t bytes[16] = {};   // IPv4 uses the first four

    static IpAddress v4(const std::uint8_t* four_bytes);
    static IpAddress v6(const std::uint8_t* sixteen_bytes);
    static IpAddress v4(std::uint32_t host_order);

    bool operator==(const IpAddress& other) const {
        return version == other.version && std::memcmp(bytes, other.bytes, sizeof bytes) == 0;
    }
    bool operator!=(const IpAddress& other) const { return !(*this == other); }

    // Writes the usual text form ("192.0.2.1", "2001:db8::1") into out.
    void format(char* out, std::size_t out_size) const;
};

// Large enough for any IPv6 text form.
constexpr std::size_t kAddressTextSize = 48;

} // namespace mssck
