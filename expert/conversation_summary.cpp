#include "expert/conversation_summary.h"

#include <cstdio>

namespace mssck {
namespace {

// What one direction shows, worst first.
Verdict judge_direction(const Endpoint& sender) {
    const PathState& path = sender.path;
    if (path.stuck.active) return Verdict::BlackHole;
    // A violation is the root cause when there is one: the ICMPs it draws
    // follow from it.
    if (sender.violations > 0) return Verdict::MssViolation;
    // Unanswered to the end of the capture counts as ignored too: a Linux
    // sender whose floor is above the reported MTU drops its own resends.
    if (path.icmp_ignored > 0 || path.unanswered_icmps() > 0) return Verdict::IcmpIgnored;
    if (path.blackholes_recovered > 0) return Verdict::Recovered;
    if (path.stall_reported) return Verdict::Stall;
    if (path.blackholes_cleared > 0) return Verdict::PlainLoss;
    if (sender.offloads > 0) return Verdict::OffloadOnly;
    return Verdict::Ok;
}

// Lower is worse: the order the enum does not need to follow.
int severity_rank(Verdict verdict) {
    switch (verdict) {
    case Verdict::BlackHole: return 0;
    case Verdict::MssViolation: return 1;
    case Verdict::IcmpIgnored: return 2;
    case Verdict::Recovered: return 3;
    case Verdict::Stall: return 4;
    case Verdict::PlainLoss: return 5;
    case Verdict::OffloadOnly: return 6;
    case Verdict::Ok: break;
    }
    return 7;
}

} // namespace

const char* describe(Verdict verdict) {
    switch (verdict) {
    case Verdict::BlackHole: return "black hole";
    case Verdict::IcmpIgnored: return "ICMP ignored";
    case Verdict::MssViolation: return "MSS violation";
    case Verdict::Recovered: return "black hole, recovered";
    case Verdict::Stall: return "stall";
    case Verdict::PlainLoss: return "loss, not a black hole";
    case Verdict::OffloadOnly: return "offload artifacts only";
    case Verdict::Ok: break;
    }
    return "ok";
}

ConversationVerdict judge(const Conversation& conversation) {
    ConversationVerdict worst;
    for (int direction = 0; direction < 2; ++direction) {
        const Endpoint& side = conversation.side(direction);
        if (!side.present) continue;
        const Verdict verdict = judge_direction(side);
        if (verdict != Verdict::Ok && severity_rank(verdict) < severity_rank(worst.verdict)) {
            worst.verdict = verdict;
            worst.direction = direction;
        }
    }
    return worst;
}

void describe_verdict(const Conversation& conversation, const ConversationVerdict& verdict, char* out,
                      std::size_t out_size) {
    if (out_size == 0) return;
    if (verdict.direction < 0) {
        std::snprintf(out, out_size, "%s", describe(verdict.verdict));
        return;
    }
    const Endpoint& sender = conversation.side(verdict.direction);
    const Endpoint& receiver = conversation.side(1 - verdict.direction);
    char from[kAddressTextSize], to[kAddressTextSize];
    sender.address.format(from, sizeof from);
    receiver.address.format(to, sizeof to);
    const char* why = "";
    char floor[96];
    switch (verdict.verdict) {
    case Verdict::MssViolation:
        if (sender.path.floor_reported) {
            std::snprintf(floor, sizeof floor, " (keeps %u-byte segments: an MSS floor above the peer's %u)",
                          sender.path.floor_candidate, receiver.advertised_mss.value);
            why = floor;
        }
        break;
    case Verdict::BlackHole:
        why = sender.path.icmp_seen == 0 ? " (no ICMP seen)" : " (ICMP seen, not acted on)";
        break;
    case Verdict::Stall:
        why = " (data sent never arrived here: capture at the sender to tell a black hole from loss)";
        break;
    case Verdict::IcmpIgnored:
        why = sender.path.lowest_icmp_mtu > 0 && sender.path.lowest_icmp_mtu < 576
                  ? " (reported MTU below the 576 floor of the sender)"
                  : " (packets kept above the reported MTU, or nothing resent)";
        break;
    default:
        break;
    }
    std::snprintf(out, out_size, "%s %s:%u -> %s:%u%s", describe(verdict.verdict), from, sender.port, to,
                  receiver.port, why);
}

} // namespace mssck
