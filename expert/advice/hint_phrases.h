// Pieces the remediation hints share: the two ends as the fingerprints
// describe them, header sizes, and the standard advice for the path.
// Internal to expert/advice.
#pragma once

#include <string>
#include <string_view>

#include "expert/advice/remediation_hint.h"
#include "expert/advice/stack_behaviour.h"
#include "expert/advice/stack_commands.h"

namespace mssck::advice {

// One end of the connection: what its stack does and how to change it.
struct Host {
    const StackBehaviour& behaviour;
    const StackCommands& commands;
    std::string_view role;  // "sender", "peer", "receiver"

    bool known() const { return behaviour.known(); }
    // "the Linux sender"; "the sender" when the OS is not known.
    std::string named() const;
    // The same, to start a sentence: "The Linux sender".
    std::string named_first() const;
    // `pattern` filled in for an IP packet size of `mtu` (and the MSS that goes with it).
    std::string command(std::string_view pattern, unsigned mtu, int ip_version) const;
};

Host sender_of(const HintContext& context);
Host receiver_of(const HintContext& context, std::string_view role = "receiver");

// IP plus TCP header without options: 40 for IPv4, 60 for IPv6.
unsigned header_bytes(int ip_version);

// The segment size that fits in a packet of `mtu` bytes; 0 if unknown.
unsigned mss_for_mtu(unsigned mtu, int ip_version);

std::string number(unsigned value);

// "ICMP type 3 code 4" or "ICMPv6 type 2".
std::string icmp_to_allow(int ip_version);

// "clamp the MSS to 1360 on the router" or, size unknown, "clamp the MSS
// on the router to its link MTU".
std::string router_clamp(unsigned mss);

// "Router clamp: ip tcp adjust-mss 1360 (Cisco) or ... (nftables)."
std::string router_clamp_commands(unsigned mss, int ip_version);

// "net.ipv4.tcp_min_snd_mss" from "net.ipv4.tcp_min_snd_mss (48 by default)".
std::string_view setting_name(std::string_view setting);

// Whether `host` can be configured for packets of `mtu` bytes, as far as
// its known floor says.
bool can_use_mtu(const Host& host, unsigned mtu);

} // namespace mssck::advice
