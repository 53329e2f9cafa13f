// Which kind of TCP/IP stack a host runs, as far as MSS and path-MTU
// trouble is concerned, worked out from p0f-style fingerprint labels.
//
// Windows is split by generation because the generations behave
// differently where it matters: Vista and later cannot go below MTU 576,
// 2000/XP/2003 can be configured down to 68.
#pragma once

#include <cstdint>
#include <string_view>

namespace mssck::advice {

enum class StackFamily : std::uint8_t {
    WindowsVistaOrLater,    // NT 6 and later: Vista, 7, 8, 10, 11, Server 2008 onwards
    Windows2000To2003,      // NT 5.x: 2000, XP, Server 2003
    WindowsLegacy,          // NT 3.x/4.0, 95, 98, ME
    WindowsUnknownVersion,  // Windows, but the label does not say which
    Linux,
    Apple,                  // macOS (Mac OS X) and iOS
    FreeBsd,
    Solaris,
    HpUx,
    Aix,
    Unknown,
    Count
};

constexpr int kStackFamilyCount = static_cast<int>(StackFamily::Count);

// p0f's name and flavor ("Windows" + "7 or 8", "Linux" + "3.11 and newer",
// "Mac OS X" + "10.x"), compared ignoring case. Anything not recognised,
// including empty strings, is StackFamily::Unknown.
StackFamily stack_family_from_label(std::string_view family, std::string_view flavor);

} // namespace mssck::advice
