#include "expert/advice/remediation_hint.h"

#include "expert/advice/finding_hints.h"
#include "expert/advice/stack_commands.h"

namespace mssck::advice {
namespace {

// The capture, not the network, made these segments look too large.
std::string offload_hint() {
    return "Nothing to change on the network: the oversized segments are TSO/GSO/GRO/LRO artifacts of capturing "
           "on an end host. Capture from a TAP or switch port, or on the capturing host run " +
           std::string(kDisableOffloadsCommand) + ".";
}

std::string stall_hint() {
    return "The data was lost before it reached this capture point: capture nearer the sender, or on both sides "
           "of the firewall, to tell a black hole from plain loss.";
}

std::string black_hole_cleared_hint() {
    return "The segment was acknowledged in the end: plain loss, not an MTU problem, so there is nothing "
           "MTU-related to change.";
}

std::string assumed_limit_hint() {
    return "The limit is assumed because the handshake is not in the capture: capture from the connection's "
           "start before changing anything.";
}

std::string mss_changed_hint() {
    return "Nothing to change by itself. If the connection then fails, capture on both sides of firewalls and "
           "load balancers to see whether one rewrites the MSS.";
}

} // namespace

std::string hint_for(FindingId finding, const HintContext& context) {
    switch (finding) {
    case FindingId::Violation: return mss_violation_hint(context);
    case FindingId::Offload: return offload_hint();
    case FindingId::AssumedLimitExceeded: return assumed_limit_hint();
    case FindingId::MssChanged: return mss_changed_hint();
    case FindingId::MssDefault: return "";  // the RFC default applies; nothing is wrong
    case FindingId::IcmpHonored: return "";  // path MTU discovery worked
    case FindingId::IcmpIgnored: return icmp_ignored_hint(context);
    case FindingId::BlackHole:
    case FindingId::IcmpMissing: return black_hole_hint(context);
    case FindingId::BlackHoleCleared: return black_hole_cleared_hint();
    case FindingId::BlackHoleRecovered: return black_hole_recovered_hint(context);
    case FindingId::MssFloor: return mss_floor_hint(context);
    case FindingId::DfNotSet: return df_not_set_hint(context);
    case FindingId::IpFragmented: return ip_fragmented_hint(context);
    case FindingId::Stall: return stall_hint();
    case FindingId::Count: break;
    }
    return "";
}

} // namespace mssck::advice
