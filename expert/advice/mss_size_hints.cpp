// Hints for a sender whose segments exceed the MSS its peer advertised:
// because its stack will not go lower (MssFloor), or for no reason the
// capture shows (Violation).
#include "expert/advice/finding_hints.h"
#include "expert/advice/hint_builder.h"
#include "expert/advice/hint_phrases.h"

#include <algorithm>

namespace mssck::advice {
namespace {

struct FloorFacts {
    unsigned floor;       // the segment size the sender keeps; 0 if unknown
    unsigned peer_mss;    // what the peer advertised; 0 if unknown
    unsigned needed_mtu;  // the MTU the peer needs for the sender's segments; 0 if unknown
};

// "The Linux sender keeps 536-byte segments although the peer's MSS is 512".
std::string keeps_larger_segments(const Host& sender, const FloorFacts& facts) {
    std::string text = sender.named_first();
    text += facts.floor ? " keeps " + number(facts.floor) + "-byte segments" : " keeps segments";
    text += facts.peer_mss ? " although the peer's MSS is " + number(facts.peer_mss) : " above the peer's MSS";
    return text;
}

std::string raise_peer_mtu(const FloorFacts& facts) {
    return facts.needed_mtu ? "raise the peer's MTU to at least " + number(facts.needed_mtu) : "raise the peer's MTU";
}

// The sender cannot change: the peer, or whatever on the path lowers the
// peer's MSS, has to.
std::string peer_must_change(const FloorFacts& facts) {
    std::string text = raise_peer_mtu(facts);
    text[0] = 'R';
    text += facts.peer_mss ? ", or change the path that makes it advertise MSS " + number(facts.peer_mss) + "."
                           : ", or change the path that lowers its MSS.";
    return text;
}

// The command on the peer itself, when its OS is known.
std::string peer_command(const Host& peer, const FloorFacts& facts, int ip_version) {
    if (!peer.known() || peer.commands.set_interface_mtu.empty() || facts.needed_mtu == 0) return "";
    return "On " + peer.named() + ": " +
           peer.command(peer.commands.set_interface_mtu, facts.needed_mtu, ip_version) + ".";
}

std::string below_ipv6_minimum_hint(const FloorFacts& facts) {
    return "Every IPv6 link carries 1280-byte packets, yet the peer advertised MSS " + number(facts.peer_mss) +
           ": raise the peer's MTU to at least 1280 or remove what lowers its MSS.";
}

// The classic case: Windows Vista and later never go below MTU 576.
std::string hard_coded_floor_hint(const Host& sender, const Host& peer, FloorFacts facts, int ip_version) {
    const StackBehaviour& stack = sender.behaviour;
    facts.needed_mtu = std::max(facts.needed_mtu, stack.min_configured_mtu);
    HintBuilder hint(kHintMaxLength);
    hint.add(sender.named_first() + " cannot be changed: it never uses an MTU below " +
             number(stack.min_configured_mtu) + " (hard-coded), so it sends no segment under " +
             number(mss_for_mtu(stack.min_configured_mtu, ip_version)) + " bytes.");
    hint.add(peer_must_change(facts));
    hint.add_if_fits(peer_command(peer, facts, ip_version));
    return hint.text();
}

// Windows of unknown release: Vista and later cannot go lower, 2000/XP/2003 can.
std::string windows_unknown_release_hint(const Host& sender, const Host& peer, FloorFacts facts, int ip_version) {
    const unsigned header = header_bytes(ip_version);
    facts.needed_mtu = std::max(facts.needed_mtu, 576u);
    HintBuilder hint(kHintMaxLength);
    hint.add(keeps_larger_segments(sender, facts) + "; Vista and later cannot go below MTU 576 (hard-coded).");
    hint.add(peer_must_change(facts));
    if (facts.peer_mss && facts.peer_mss + header >= 68)
        hint.add_if_fits("Only 2000/XP/2003 can lower the sender's MTU: " +
                         sender.command(sender.commands.set_interface_mtu, facts.peer_mss + header, ip_version) + ".");
    hint.add_if_fits(peer_command(peer, facts, ip_version));
    return hint.text();
}

// Linux (tcp_min_snd_mss), macOS and FreeBSD (minmss): a setting holds the floor.
std::string settable_floor_hint(const Host& sender, const Host& peer, const FloorFacts& facts, int ip_version) {
    const StackBehaviour& stack = sender.behaviour;
    const unsigned target_mss = facts.peer_mss ? facts.peer_mss : stack.min_send_mss;
    HintBuilder hint(kHintMaxLength);
    hint.add(keeps_larger_segments(sender, facts) + ": its " + std::string(setting_name(stack.mss_floor_setting)) +
             " is set that high.");
    hint.add("Lower it on the sender (" +
             sender.command(sender.commands.lower_mss_floor, target_mss + header_bytes(ip_version), ip_version) +
             ") or " + raise_peer_mtu(facts) + ".");
    hint.add_if_fits(peer_command(peer, facts, ip_version));
    return hint.text();
}

// Windows 2000/XP/2003 and older: the interface MTU may go below 576.
std::string lower_sender_mtu_hint(const Host& sender, const Host& peer, const FloorFacts& facts, int ip_version) {
    const unsigned sender_mtu = facts.peer_mss + header_bytes(ip_version);
    HintBuilder hint(kHintMaxLength);
    hint.add(keeps_larger_segments(sender, facts) + ".");
    const std::string or_peer = " or " + raise_peer_mtu(facts) + ".";
    if (!hint.add_if_fits("Set its MTU to " + number(sender_mtu) + " (" +
                          sender.command(sender.commands.set_interface_mtu, sender_mtu, ip_version) + ")" + or_peer))
        hint.add("Set its MTU to " + number(sender_mtu) + or_peer);
    hint.add_if_fits(peer_command(peer, facts, ip_version));
    return hint.text();
}

std::string unknown_floor_hint(const Host& sender, const Host& peer, const FloorFacts& facts, int ip_version) {
    HintBuilder hint(kHintMaxLength);
    hint.add(keeps_larger_segments(sender, facts) + ".");
    hint.add(peer_must_change(facts));
    hint.add_if_fits(peer_command(peer, facts, ip_version));
    hint.add_if_fits("Whether the sender's minimum can be lowered depends on its OS.");
    return hint.text();
}

std::string floor_hint(const HintContext& context, unsigned floor) {
    const Host sender = sender_of(context);
    const Host peer = receiver_of(context, "peer");
    const int ip_version = context.ip_version;
    const unsigned header = header_bytes(ip_version);
    const FloorFacts facts{floor, context.peer_mss, floor ? floor + header : 0};
    const StackBehaviour& stack = sender.behaviour;

    if (ip_version == 6) {
        if (facts.peer_mss && facts.peer_mss + header < kIpv6MinimumMtu) return below_ipv6_minimum_hint(facts);
        return unknown_floor_hint(sender, peer, facts, ip_version);  // the IPv4 floors below do not apply
    }
    if (stack.mtu_floor_hard_coded) return hard_coded_floor_hint(sender, peer, facts, ip_version);
    if (stack.family == StackFamily::WindowsUnknownVersion)
        return windows_unknown_release_hint(sender, peer, facts, ip_version);
    if (!sender.commands.lower_mss_floor.empty()) return settable_floor_hint(sender, peer, facts, ip_version);
    if (stack.min_configured_mtu != 0 && facts.peer_mss && !sender.commands.set_interface_mtu.empty() &&
        can_use_mtu(sender, facts.peer_mss + header))
        return lower_sender_mtu_hint(sender, peer, facts, ip_version);
    return unknown_floor_hint(sender, peer, facts, ip_version);
}

} // namespace

std::string mss_floor_hint(const HintContext& context) { return floor_hint(context, context.sender_floor); }

std::string mss_violation_hint(const HintContext& context) {
    const Host sender = sender_of(context);
    const StackBehaviour& stack = sender.behaviour;
    const int ip_version = context.ip_version;
    const unsigned header = header_bytes(ip_version);
    const unsigned peer_mss = context.peer_mss;

    // A peer MSS below what the sender can ever use is the floor case.
    if (ip_version == 4 && stack.mtu_floor_hard_coded && peer_mss && peer_mss + header < stack.min_configured_mtu)
        return floor_hint(context, stack.min_configured_mtu - header);

    HintBuilder hint(kHintMaxLength);
    const std::string limit = peer_mss ? "the " + number(peer_mss) + "-byte MSS the peer advertised"
                                       : "the MSS the peer advertised";
    hint.add(sender.named_first() + (sender.known() ? "" : " (OS unknown)") + " sent segments above " + limit + ".");

    const unsigned capped_mtu = peer_mss ? peer_mss + header : 0;
    const std::string router = router_clamp(peer_mss) + " in front of it";
    std::string cap;
    if (!sender.commands.cap_mss.empty())
        cap = sender.command(sender.commands.cap_mss, capped_mtu, ip_version);
    else if (!sender.commands.set_interface_mtu.empty() && (capped_mtu == 0 || can_use_mtu(sender, capped_mtu)))
        cap = sender.command(sender.commands.set_interface_mtu, capped_mtu, ip_version);

    if (!cap.empty())
        hint.add_first_fitting({"Cap its segments (" + cap + ") or " + router + ".",
                                "Cap its segments or " + router + "."});
    else
        hint.add("Cap the sender's MSS or MTU" + (capped_mtu ? " (MTU " + number(capped_mtu) + ")" : std::string()) +
                 ", or " + router + ".");
    hint.add_if_fits("If a middlebox rewrote the SYN's MSS, compare with a capture next to the sender.");
    return hint.text();
}

} // namespace mssck::advice
