#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mssck::fingerprint {

// TCP option kind numbers that p0f signatures name.
namespace tcp_option_kind {
inline constexpr std::uint8_t end_of_list = 0;
inline constexpr std::uint8_t no_operation = 1;
inline constexpr std::uint8_t max_segment_size = 2;
inline constexpr std::uint8_t window_scale = 3;
inline constexpr std::uint8_t sack_permitted = 4;
inline constexpr std::uint8_t sack = 5;
inline constexpr std::uint8_t timestamp = 8;
}  // namespace tcp_option_kind

// p0f reads at most this many options from a header or a signature.
inline constexpr std::size_t max_layout_options = 24;

// The order of TCP options, as p0f compares it: the kinds up to and
// including the first EOL, and how many bytes followed that EOL.
struct TcpOptionLayout {
    std::vector<std::uint8_t> kinds;
    std::uint8_t eol_padding = 0;

    bool operator==(const TcpOptionLayout& other) const {
        return kinds == other.kinds && eol_padding == other.eol_padding;
    }
    bool operator!=(const TcpOptionLayout& other) const { return !(*this == other); }
};

// p0f's olayout text, e.g. "mss,nop,ws,nop,nop,ts,sok,eol+1" ("" if none).
std::string to_p0f_text(const TcpOptionLayout& layout);

}  // namespace mssck::fingerprint
