// The commands and settings that change a host's MTU, MSS or path MTU
// discovery, one table per stack family, and those for the routers and
// firewalls in between and for the capturing host. Hints quote from here
// and so can docs, so the two always agree.
//
// Placeholders: $MTU and $MSS stand for numbers, $IPV for "ipv4" or
// "ipv6"; fill_command() puts them in. IF, NAME, DEST, GW, {GUID} and the
// like are left for the reader: they name the interface, route or key.
// An empty field means no command is known with confidence.
#pragma once

#include <string>
#include <string_view>

#include "expert/advice/stack_family.h"

namespace mssck::advice {

struct StackCommands {
    std::string_view disable_pmtud;  // packets then leave without DF and routers fragment them
    std::string_view enable_pmtud;
    std::string_view set_interface_mtu;         // $MTU, the quickest way
    std::string_view interface_mtu_setting;     // $MTU, where it is kept across reboots
    std::string_view cap_mss;                   // limit the segments this host sends: $MSS / $MTU
    std::string_view enable_blackhole_detection;
    std::string_view lower_mss_floor;           // $MSS: let it follow a smaller peer MSS
    std::string_view lower_icmp_floor;          // $MTU / $MSS: accept smaller ICMP MTUs
    std::string_view advertise_smaller_mss;     // $MSS: on the receiving host, ask for smaller segments
};

// The commands for a family. The flavor picks between releases whose
// commands differ (HP-UX 10.x and 11.x); it may be empty.
const StackCommands& commands_for(StackFamily family, std::string_view flavor = {});

// What routers, firewalls and load balancers on the path can do.
struct PathCommands {
    std::string_view icmp_to_allow;  // the message PMTUD depends on: fragmentation needed / Packet Too Big
    std::string_view iptables_clamp_to_pmtu;  // to the router's own outgoing MTU
    std::string_view iptables_set_mss;        // $MSS
    std::string_view nftables_clamp_to_pmtu;  // a rule for a forward chain
    std::string_view nftables_set_mss;        // $MSS
    std::string_view cisco_adjust_mss;        // $MSS, an interface command
};

// 6 for IPv6, anything else for IPv4.
const PathCommands& path_commands(int ip_version);

// On the capturing host: stop the NIC and kernel from merging or
// splitting segments, so the capture shows what went on the wire.
constexpr std::string_view kDisableOffloadsCommand = "ethtool -K IF tso off gso off gro off lro off";

struct CommandValues {
    unsigned mtu = 0;  // 0: not known, shown as N
    unsigned mss = 0;  // 0: not known, shown as N
    int ip_version = 4;
};

// `pattern` with its placeholders replaced.
std::string fill_command(std::string_view pattern, const CommandValues& values);

} // namespace mssck::advice
