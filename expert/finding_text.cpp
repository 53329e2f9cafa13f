#include "expert/finding_text.h"

#include <cstdio>

namespace mssck {
namespace {

struct Names {
    char sender[kAddressTextSize];
    char receiver[kAddressTextSize];
};

Names names_of(const FrameReport& report, const Conversation& conversation) {
    Names names;
    conversation.side(report.direction).address.format(names.sender, sizeof names.sender);
    conversation.side(1 - report.direction).address.format(names.receiver, sizeof names.receiver);
    return names;
}

// "the 512-byte MSS that 192.0.2.5 advertised (frame 2)" and its variants.
void describe_limit_base(const DirectionView& view, const char* receiver, char* out, std::size_t size) {
    const MssValue& mss = view.peer_mss;
    switch (mss.source) {
    case MssSource::Option:
        std::snprintf(out, size, "the %u-byte MSS that %s advertised (frame %u)", mss.value, receiver,
                      mss.frame);
        break;
    case MssSource::RfcDefault:
        std::snprintf(out, size, "the %u-byte default MSS of %s (its SYN, frame %u, had no MSS option)",
                      mss.value, receiver, mss.frame);
        break;
    case MssSource::Assumed:
        std::snprintf(out, size, "an assumed MSS of %u for %s (its handshake is not in the capture)",
                      mss.value, receiver);
        break;
    case MssSource::Inferred:
        std::snprintf(out, size, "an MSS of %u inferred for %s from the largest segment it sent",
                      mss.value, receiver);
        break;
    case MssSource::Unknown:
        std::snprintf(out, size, "an unknown MSS");
        break;
    }
}

void format_excess(const FrameReport& report, const DirectionView& view, const char* receiver, char* out,
                   std::size_t size) {
    char base[160];
    describe_limit_base(view, receiver, base, sizeof base);
    if (report.option_bytes == 0)
        std::snprintf(out, size, "%u bytes exceed %s", report.payload, base);
    else
        std::snprintf(out, size, "%u bytes exceed %s, which leaves %u with the %u option bytes this segment carries",
                      report.payload, base, report.limit, report.option_bytes);
}

// "0.4 ms", "2.17 s": how long something took, readable at a glance.
struct Duration {
    char text[32];
    explicit Duration(double seconds) {
        if (seconds < 1.0)
            std::snprintf(text, sizeof text, "%.1f ms", seconds * 1000.0);
        else
            std::snprintf(text, sizeof text, "%.2f s", seconds);
    }
};

// Why a sender would keep packets above a reported MTU.
const char* likely_cause_of_ignored_icmp(const FrameDetail& d, int ip_version) {
    if (ip_version == 6 && d.reported_mtu < 1280)
        return "the reported MTU is below IPv6's minimum of 1280, which no sender has to go under";
    if (ip_version == 4 && d.reported_mtu < 576 && d.ip_size <= 576)
        return "the reported MTU is below the sender's floor of 576 (MSS 536): Windows Vista and later "
               "never go lower, nor does Linux with net.ipv4.tcp_min_snd_mss=536";
    return "the ICMP may not reach the sender (filtered between this capture point and it), "
           "or its stack ignores it";
}

void format_icmp_answer(FindingId id, const FrameDetail& d, const Names& names, int ip_version, char* out,
                        std::size_t size) {
    if (id == FindingId::IcmpHonored) {
        std::snprintf(out, size, "%s honoured the ICMP of frame %u (MTU %u) after %s: %u-byte packets%s",
                      names.sender, d.icmp_frame, d.reported_mtu, Duration(d.icmp_delay).text, d.ip_size,
                      d.df_cleared ? " without DF, left to routers to fragment (what Linux does for an MTU "
                                     "below its min_pmtu of 552)"
                                   : " that fit");
        return;
    }
    std::snprintf(out, size, "%s still sends %u-byte packets%s %s after the ICMP of frame %u reported MTU %u: %s",
                  names.sender, d.ip_size, ip_version == 4 ? " with DF" : "", Duration(d.icmp_delay).text, d.icmp_frame,
                  d.reported_mtu, likely_cause_of_ignored_icmp(d, ip_version));
}

void format_mss_floor(const DirectionView& view, const FrameDetail& d, const Names& names, char* out,
                      std::size_t size) {
    if (d.floor_bytes == 536)
        std::snprintf(out, size,
                      "%s keeps %u-byte segments above the %u-byte MSS %s advertised: 536 is the MSS floor of "
                      "Windows Vista and later (MTU 576, hard-coded) and of Linux with "
                      "net.ipv4.tcp_min_snd_mss=536",
                      names.sender, d.floor_bytes, view.peer_mss.value, names.receiver);
    else
        std::snprintf(out, size,
                      "%s keeps %u-byte segments above the %u-byte MSS %s advertised: its stack will not go "
                      "below an MSS of %u",
                      names.sender, d.floor_bytes, view.peer_mss.value, names.receiver, d.floor_bytes);
}

} // namespace

void format_finding(FindingId id, const FrameReport& report, const DirectionView& view, const FrameDetail* detail,
                    const Conversation& conversation, char* out, std::size_t out_size) {
    if (out_size == 0) return;
    const Names names = names_of(report, conversation);
    const FrameDetail none;
    const FrameDetail& d = detail != nullptr ? *detail : none;
    const int ip_version = conversation.side(0).address.version;
    char stuck_sender[kAddressTextSize];
    conversation.side(d.stuck_direction).address.format(stuck_sender, sizeof stuck_sender);
    switch (id) {
    case FindingId::Violation:
    case FindingId::AssumedLimitExceeded:
        format_excess(report, view, names.receiver, out, out_size);
        return;
    case FindingId::Offload: {
        char evidence[160];
        report.offload.format(evidence, sizeof evidence);
        std::snprintf(out, out_size,
                      "%u bytes, above the %u-byte limit, but an offload artifact of the capture, "
                      "not a segment on the wire: %s",
                      report.payload, report.limit, evidence);
        return;
    }
    case FindingId::MssChanged:
        std::snprintf(out, out_size, "%s now advertises MSS %u (an earlier SYN said %u)", names.sender,
                      view.sender_mss.value, d.previous_mss);
        return;
    case FindingId::MssDefault:
        std::snprintf(out, out_size, "No MSS option: the RFC default MSS of %u applies to %s",
                      view.sender_mss.value, names.sender);
        return;
    case FindingId::IcmpHonored:
    case FindingId::IcmpIgnored:
        format_icmp_answer(id, d, names, ip_version, out, out_size);
        return;
    case FindingId::BlackHole:
        std::snprintf(out, out_size,
                      "Suspected PMTUD black hole: %s has sent the %u-byte segment of frame %u (%u-byte IP "
                      "packet) %u times in %s without an acknowledgement, while packets up to %u bytes "
                      "got through",
                      names.sender, d.stuck_payload, d.stuck_frame, d.stuck_ip_size, d.sends, Duration(d.elapsed).text,
                      d.delivered_ip);
        return;
    case FindingId::IcmpMissing:
        std::snprintf(out, out_size,
                      "No ICMP %s seen for this flow: the router with the smaller MTU does not send it, or "
                      "something between it and %s drops it; the path MTU is between %u and %u bytes",
                      ip_version == 6 ? "Packet Too Big" : "fragmentation-needed", names.sender, d.delivered_ip,
                      d.stuck_ip_size - 1);
        return;
    case FindingId::BlackHoleCleared:
        std::snprintf(out, out_size,
                      "The %u-byte segment of frame %u, suspected lost in a black hole, is acknowledged after "
                      "%s at its full size: plain loss, not an MTU problem",
                      d.stuck_payload, d.stuck_frame, Duration(d.elapsed).text);
        return;
    case FindingId::BlackHoleRecovered:
        std::snprintf(out, out_size,
                      "%s got the data of frame %u through in %u-byte segments instead of %u after %s "
                      "(black-hole detection: Linux tcp_mtu_probing, Windows EnablePMTUBHDetect)",
                      stuck_sender, d.stuck_frame, d.new_payload, d.stuck_payload, Duration(d.elapsed).text);
        return;
    case FindingId::MssFloor:
        format_mss_floor(view, d, names, out, out_size);
        return;
    case FindingId::DfNotSet:
        std::snprintf(out, out_size,
                      "%s sends %u-byte packets without Don't Fragment: path MTU discovery is off (or was "
                      "given up after an ICMP), so routers fragment instead of reporting the path MTU",
                      names.sender, d.ip_size);
        return;
    case FindingId::IpFragmented:
        std::snprintf(out, out_size, "This %u-byte segment from %s arrived in IP fragments", report.payload,
                      names.sender);
        return;
    case FindingId::Stall:
        std::snprintf(out, out_size,
                      "%u bytes that %s sent before this point never reached this capture point, and "
                      "%s never acknowledged them: lost on the way (a black hole if they were full-size: "
                      "a capture at the sender can tell)",
                      d.missing_bytes, names.sender, names.receiver);
        return;
    case FindingId::Count:
        break;
    }
    std::snprintf(out, out_size, "%s", finding_info(id).summary.data());
}

} // namespace mssck

namespace mssck {

FindingId main_finding(const FrameReport& report) {
    // Worst first, the most specific of equals first.
    static const FindingId kOrder[] = {
        FindingId::BlackHole, FindingId::IcmpIgnored, FindingId::MssFloor, FindingId::Violation,
        FindingId::Stall, FindingId::BlackHoleRecovered, FindingId::BlackHoleCleared, FindingId::Offload,
        FindingId::AssumedLimitExceeded, FindingId::MssChanged, FindingId::IcmpHonored, FindingId::DfNotSet,
        FindingId::IpFragmented, FindingId::MssDefault};
    for (FindingId id : kOrder)
        if (report.findings.has(id)) return id;
    return FindingId::Count;
}

void format_main_finding(const FrameReport& report, const DirectionView& view, const FrameDetail* detail, char* out,
                         std::size_t out_size) {
    if (out_size == 0) return;
    out[0] = '\0';
    const FrameDetail none;
    const FrameDetail& d = detail != nullptr ? *detail : none;
    switch (main_finding(report)) {
    case FindingId::BlackHole:
        std::snprintf(out, out_size, "black hole: %u-byte packet sent %u times", d.stuck_ip_size, d.sends);
        break;
    case FindingId::IcmpIgnored:
        std::snprintf(out, out_size, "ICMP ignored: %u bytes > MTU %u", d.ip_size, d.reported_mtu);
        break;
    case FindingId::MssFloor:
        std::snprintf(out, out_size, "MSS floor %u > peer MSS %u", d.floor_bytes, view.peer_mss.value);
        break;
    case FindingId::Violation:
        std::snprintf(out, out_size, "MSS violation: %u > %u", report.payload, report.limit);
        break;
    case FindingId::Stall:
        std::snprintf(out, out_size, "stall: %u bytes never arrived", d.missing_bytes);
        break;
    case FindingId::BlackHoleRecovered:
        std::snprintf(out, out_size, "black hole recovered: %u-byte segments", d.new_payload);
        break;
    case FindingId::BlackHoleCleared:
        std::snprintf(out, out_size, "black hole cleared: plain loss");
        break;
    case FindingId::Offload:
        std::snprintf(out, out_size, "offload artifact: %u > %u", report.payload, report.limit);
        break;
    case FindingId::AssumedLimitExceeded:
        std::snprintf(out, out_size, "above assumed MSS: %u > %u", report.payload, report.limit);
        break;
    case FindingId::MssChanged:
        std::snprintf(out, out_size, "MSS changed %u -> %u", d.previous_mss, view.sender_mss.value);
        break;
    case FindingId::IcmpHonored:
        std::snprintf(out, out_size, "ICMP honoured: MTU %u", d.reported_mtu);
        break;
    case FindingId::DfNotSet:
        std::snprintf(out, out_size, "no DF: PMTUD off");
        break;
    case FindingId::IpFragmented:
        std::snprintf(out, out_size, "IP fragments");
        break;
    case FindingId::MssDefault:
        std::snprintf(out, out_size, "no MSS option: %u", view.sender_mss.value);
        break;
    case FindingId::IcmpMissing:  // never alone: it comes with BlackHole
    case FindingId::Count:
        if (report.kind == FrameKind::Icmp && detail != nullptr)
            std::snprintf(out, out_size, "ICMP too big: MTU %u%s", d.icmp_mtu, d.icmp_mtu_estimated ? " (est.)" : "");
        break;
    }
}

} // namespace mssck
