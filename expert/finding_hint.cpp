#include "expert/finding_hint.h"

#include <cstdio>
#include <string>

#include "expert/advice/remediation_hint.h"
#include "expert/finding_text.h"

namespace mssck {
namespace {

constexpr unsigned kWellKnownFloor = 536;

void describe_ends(const Analyzer& analyzer, std::uint16_t sender_os, std::uint16_t receiver_os,
                   advice::HintContext& context) {
    const OsIdentity& sender = analyzer.os(sender_os);
    const OsIdentity& receiver = analyzer.os(receiver_os);
    context.sender_family = sender.family;
    context.sender_flavor = sender.flavor;
    context.receiver_family = receiver.family;
    context.receiver_flavor = receiver.flavor;
}

void write(const std::string& hint, char* out, std::size_t out_size) {
    if (out_size == 0) return;
    std::snprintf(out, out_size, "%s", hint.c_str());
}

// The largest packet that got through is a path MTU to act on only when it
// is of a size a path could really be limited to: a 152-byte request says
// nothing of the MTU, and advice to clamp the MSS to 112 would do harm.
unsigned usable_mtu_floor(unsigned delivered, int ip_version) {
    return delivered >= (ip_version == 6 ? 1280u : 576u) ? delivered : 0;
}

FindingId finding_of(const Conversation& conversation, const ConversationVerdict& verdict) {
    switch (verdict.verdict) {
    case Verdict::BlackHole: return FindingId::BlackHole;
    case Verdict::MssViolation:
        return conversation.side(verdict.direction).path.floor_reported ? FindingId::MssFloor : FindingId::Violation;
    case Verdict::IcmpIgnored: return FindingId::IcmpIgnored;
    case Verdict::Recovered: return FindingId::BlackHoleRecovered;
    case Verdict::Stall: return FindingId::Stall;
    case Verdict::PlainLoss: return FindingId::BlackHoleCleared;
    case Verdict::OffloadOnly: return FindingId::Offload;
    case Verdict::Ok: break;
    }
    return FindingId::Count;
}

} // namespace

void format_frame_hint(const Analyzer& analyzer, const FrameReport& report, const FrameDetail* detail,
                       const Conversation& conversation, char* out, std::size_t out_size) {
    if (out_size > 0) out[0] = '\0';
    const FindingId finding = main_finding(report);
    if (finding == FindingId::Count) return;
    const FrameDetail none;
    const FrameDetail& d = detail != nullptr ? *detail : none;

    const DirectionView& view = analyzer.view_of(report);
    advice::HintContext context;
    // A black hole's end is seen on the receiver's ACK: the hint is for the sender.
    const bool about_the_other_side =
        finding == FindingId::BlackHoleCleared || finding == FindingId::BlackHoleRecovered;
    if (about_the_other_side)
        describe_ends(analyzer, view.peer_os, view.sender_os, context);
    else
        describe_ends(analyzer, view.sender_os, view.peer_os, context);
    context.ip_version = conversation.side(0).address.version == 6 ? 6 : 4;
    context.peer_mss = view.peer_mss.value;
    context.sender_floor = d.floor_bytes != 0                         ? d.floor_bytes
                           : finding == FindingId::Violation          ? report.payload + report.option_bytes
                                                                      : 0;
    context.icmp_mtu = d.reported_mtu != 0 ? d.reported_mtu : d.icmp_mtu;
    context.pmtu_low = usable_mtu_floor(report.pmtu_low != 0 ? report.pmtu_low : d.delivered_ip, context.ip_version);
    context.pmtu_high = d.pmtu_high != 0 ? d.pmtu_high : d.stuck_ip_size;
    // From what this frame kept only, so every pass gives the same hint.
    context.icmp_seen = finding == FindingId::BlackHole ? !report.findings.has(FindingId::IcmpMissing)
                                                        : context.icmp_mtu != 0;
    // 536 bytes is the floor of Windows Vista+ and of a hardened Linux: a
    // violation of exactly that size is the floor case from its first segment.
    const bool known_floor = finding == FindingId::Violation && context.sender_floor == kWellKnownFloor;
    write(advice::hint_for(known_floor ? FindingId::MssFloor : finding, context), out, out_size);
}

void format_conversation_hint(const Analyzer& analyzer, const Conversation& conversation,
                              const ConversationVerdict& verdict, char* out, std::size_t out_size) {
    if (out_size > 0) out[0] = '\0';
    const FindingId finding = finding_of(conversation, verdict);
    if (finding == FindingId::Count || verdict.direction < 0) return;
    const Endpoint& sender = conversation.side(verdict.direction);
    const Endpoint& receiver = conversation.side(1 - verdict.direction);

    advice::HintContext context;
    describe_ends(analyzer, sender.os, receiver.os, context);
    context.ip_version = sender.address.version == 6 ? 6 : 4;
    context.peer_mss = receiver.advertised_mss.value;
    context.sender_floor = sender.path.floor_reported ? sender.path.floor_candidate : 0;
    context.icmp_mtu = sender.path.lowest_icmp_mtu;
    context.pmtu_low = usable_mtu_floor(sender.path.largest_delivered_ip, context.ip_version);
    context.pmtu_high = sender.path.stuck.active ? sender.path.stuck.ip_size : 0;
    context.icmp_seen = sender.path.icmp_seen > 0;
    write(advice::hint_for(finding, context), out, out_size);
}

} // namespace mssck
