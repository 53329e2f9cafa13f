#include "expert/ip_address.h"

#include <arpa/inet.h>
#include <cstdio>

namespace mssck {

IpAddress IpAddress::v4(const std::uint8_t* four_bytes) {
    IpAddress address;
    address.version = 4;
    std::memcpy(address.bytes, four_bytes, 4);
    return address;
}

IpAddress IpAddress::v4(std::uint32_t host_order) {
    const std::uint8_t four[4] = {
        static_cast<std::uint8_t>(host_order >> 24), static_cast<std::uint8_t>(host_order >> 16),
        static_cast<std::uint8_t>(host_order >> 8), static_cast<std::uint8_t>(host_order)};
    return v4(four);
}

IpAddress IpAddress::v6(const std::uint8_t* sixteen_bytes) {
    IpAddress address;
    address.version = 6;
    std::memcpy(address.bytes, sixteen_bytes, 16);
    return address;
}

void IpAddress::format(char* out, std::size_t out_size) const {
    if (out_size == 0) return;
    const int family = version == 6 ? AF_INET6 : AF_INET;
    if (version == 0 || inet_ntop(family, bytes, out, static_cast<socklen_t>(out_size)) == nullptr)
        std::snprintf(out, out_size, "?");
}

} // namespace mssck
