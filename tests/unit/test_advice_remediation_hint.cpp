// Remediation hints: the host or path that has to change, chosen from the
// fingerprints of both ends, within the length bound.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "expert/advice/remediation_hint.h"

using namespace mssck;
using namespace mssck::advice;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

HintContext from(const std::string& family, const std::string& flavor = "") {
    HintContext context;
    context.sender_family = family;
    context.sender_flavor = flavor;
    return context;
}

// The classic: the peer advertises 512, the sender keeps 536-byte segments.
HintContext classic_floor(const std::string& family, const std::string& flavor) {
    HintContext context = from(family, flavor);
    context.peer_mss = 512;
    context.sender_floor = 536;
    return context;
}

// 1500-byte packets keep failing, 1400-byte ones got through, no ICMP.
HintContext black_hole(const std::string& family, const std::string& flavor = "") {
    HintContext context = from(family, flavor);
    context.pmtu_low = 1400;
    context.pmtu_high = 1500;
    return context;
}

} // namespace

TEST_CASE("(a) a Windows Vista+ sender cannot go below 576: the peer or the path must change", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::MssFloor, classic_floor("Windows", "7 or 8"));
    INFO(hint);
    CHECK(contains(hint, "Windows Vista+ sender cannot be changed"));
    CHECK(contains(hint, "576"));
    CHECK(contains(hint, "hard-coded"));
    CHECK(contains(hint, "Raise the peer's MTU to at least 576"));
    CHECK(contains(hint, "path"));
    CHECK(contains(hint, "512"));
    CHECK_FALSE(contains(hint, "EnablePMTU"));  // no registry value helps here
}

TEST_CASE("(a) with a known peer the hint gives the peer's own command", "[advice][hint]") {
    HintContext context = classic_floor("Windows", "NT kernel 6.x");
    context.receiver_family = "Linux";
    const std::string hint = hint_for(FindingId::MssFloor, context);
    INFO(hint);
    CHECK(contains(hint, "cannot be changed"));
    CHECK(contains(hint, "On the Linux peer: ip link set dev IF mtu 576."));
}

TEST_CASE("(a) a violation below Vista's floor is explained the same way", "[advice][hint]") {
    HintContext context = from("Windows", "10 or 11");
    context.peer_mss = 512;
    const std::string hint = hint_for(FindingId::Violation, context);
    INFO(hint);
    CHECK(contains(hint, "cannot be changed"));
    CHECK(contains(hint, "at least 576"));
}

TEST_CASE("(a) a Linux sender's floor is tcp_min_snd_mss, which can be lowered", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::MssFloor, classic_floor("Linux", "3.11 and newer"));
    INFO(hint);
    CHECK(contains(hint, "net.ipv4.tcp_min_snd_mss"));
    CHECK(contains(hint, "sysctl -w net.ipv4.tcp_min_snd_mss=512"));
    CHECK(contains(hint, "raise the peer's MTU to at least 576"));
    CHECK_FALSE(contains(hint, "cannot be changed"));
}

TEST_CASE("(a) Windows 2000/XP/2003 can be set to a smaller MTU", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::MssFloor, classic_floor("Windows", "XP"));
    INFO(hint);
    CHECK(contains(hint, "Set its MTU to 552"));
    CHECK(contains(hint, "Tcpip\\Parameters\\Interfaces\\{GUID}"));
    CHECK_FALSE(contains(hint, "cannot be changed"));
}

TEST_CASE("(a) Windows of unknown release: both generations are covered", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::MssFloor, classic_floor("Windows", "NT kernel"));
    INFO(hint);
    CHECK(contains(hint, "Vista and later cannot go below MTU 576"));
    CHECK(contains(hint, "Raise the peer's MTU to at least 576"));
}

TEST_CASE("(a) an unknown sender: the peer's MTU, generic words", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::MssFloor, classic_floor("", ""));
    INFO(hint);
    CHECK(contains(hint, "The sender keeps 536-byte segments although the peer's MSS is 512"));
    CHECK(contains(hint, "Raise the peer's MTU to at least 576"));
}

TEST_CASE("(b) a black hole: the ICMP must get through, or the router clamps", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::IcmpMissing, black_hole("Linux"));
    INFO(hint);
    CHECK(contains(hint, "No ICMP came back for the 1500-byte packets (1400 got through)"));
    CHECK(contains(hint, "ICMP type 3 code 4"));
    CHECK(contains(hint, "firewall or load balancer between the hosts"));
    CHECK(contains(hint, "clamp the MSS to 1360 on the router"));
    CHECK(contains(hint, "tcp_mtu_probing"));
    CHECK(contains(hint, "sysctl -w net.ipv4.tcp_mtu_probing=1"));
    CHECK(hint_for(FindingId::BlackHole, black_hole("Linux")) == hint);
}

TEST_CASE("(b) black-hole workarounds follow the sender's OS", "[advice][hint]") {
    const std::string windows = hint_for(FindingId::BlackHole, black_hole("Windows", "10 or 11"));
    INFO(windows);
    CHECK(contains(windows, "EnablePMTUBHDetect=1"));

    const std::string solaris = hint_for(FindingId::BlackHole, black_hole("Solaris", "10"));
    INFO(solaris);
    CHECK(contains(solaris, "ndd -set /dev/ip ip_path_mtu_discovery 0"));

    const std::string hp_ux = hint_for(FindingId::BlackHole, black_hole("HP-UX", "11.x"));
    INFO(hp_ux);
    CHECK(contains(hp_ux, "ndd -set /dev/ip ip_pmtu_strategy 0"));
    CHECK_FALSE(contains(hp_ux, "ndd -h"));

    const std::string hp_ux_10 = hint_for(FindingId::BlackHole, black_hole("HP-UX", "10.20"));
    INFO(hp_ux_10);
    CHECK(contains(hp_ux_10, "nettune -s tcp_pmtu 0"));

    const std::string aix = hint_for(FindingId::BlackHole, black_hole("AIX"));
    INFO(aix);
    CHECK(contains(aix, "no -o tcp_pmtu_discover=0"));

    const std::string freebsd = hint_for(FindingId::BlackHole, black_hole("FreeBSD"));
    INFO(freebsd);
    CHECK(contains(freebsd, "sysctl net.inet.tcp.pmtud_blackhole_detection=1"));

    const std::string mac = hint_for(FindingId::BlackHole, black_hole("Mac OS X", "10.x"));
    INFO(mac);
    CHECK(contains(mac, "on by default"));
}

TEST_CASE("(b) without sizes the router clamps to its link MTU", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::BlackHole, from("Linux"));
    INFO(hint);
    CHECK(contains(hint, "No ICMP came back for the large packets"));
    CHECK(contains(hint, "clamp the MSS on the router to its link MTU"));
    CHECK(contains(hint, "tcp_mtu_probing=1"));
}

TEST_CASE("(b) a Linux receiver can advertise a smaller MSS", "[advice][hint]") {
    HintContext context = black_hole("");
    context.pmtu_low = 1280;
    context.pmtu_high = 1300;
    context.receiver_family = "Linux";
    const std::string hint = hint_for(FindingId::BlackHole, context);
    INFO(hint);
    // The sender's OS is not known, so the receiver's concrete command comes first.
    CHECK(contains(hint, "Or on the Linux receiver: ip route change DEST via GW advmss 1240."));
}

TEST_CASE("(b) IPv6 names ICMPv6 Packet Too Big", "[advice][hint]") {
    HintContext context = black_hole("Linux");
    context.ip_version = 6;
    const std::string hint = hint_for(FindingId::IcmpMissing, context);
    INFO(hint);
    CHECK(contains(hint, "ICMPv6 type 2"));
    CHECK(contains(hint, "clamp the MSS to 1340 on the router"));
}

TEST_CASE("(b) an ICMP seen here but not acted on points at the sender's side", "[advice][hint]") {
    HintContext context = black_hole("Linux");
    context.icmp_seen = true;
    const std::string hint = hint_for(FindingId::BlackHole, context);
    INFO(hint);
    CHECK(contains(hint, "was seen here"));
    CHECK(contains(hint, "reach the sender"));
}

TEST_CASE("(c) an ICMP MTU below Vista's 576 floor: the hop or a router clamp must change", "[advice][hint]") {
    HintContext context = from("Windows", "7 or 8");
    context.icmp_mtu = 552;
    context.icmp_seen = true;
    const std::string hint = hint_for(FindingId::IcmpIgnored, context);
    INFO(hint);
    CHECK(contains(hint, "Windows Vista+ sender never takes an ICMP MTU below 576"));
    CHECK(contains(hint, "the hop reported 552"));
    CHECK(contains(hint, "carry at least 576-byte packets"));
    CHECK(contains(hint, "clamp the MSS to 512 on the router"));
}

TEST_CASE("(c) Linux below min_pmtu: 552 without DF", "[advice][hint]") {
    HintContext context = from("Linux");
    context.icmp_mtu = 500;
    const std::string hint = hint_for(FindingId::IcmpIgnored, context);
    INFO(hint);
    CHECK(contains(hint, "net.ipv4.route.min_pmtu (552)"));
    CHECK(contains(hint, "without DF"));
    CHECK(contains(hint, "sysctl -w net.ipv4.route.min_pmtu=500"));
}

TEST_CASE("(c) FreeBSD keeps at least minmss + 40 (256)", "[advice][hint]") {
    HintContext context = from("FreeBSD", "9.x");
    context.icmp_mtu = 200;
    const std::string hint = hint_for(FindingId::IcmpIgnored, context);
    INFO(hint);
    CHECK(contains(hint, "FreeBSD sender never takes an ICMP MTU below 256"));
    CHECK(contains(hint, "clamp the MSS to 160 on the router"));
}

TEST_CASE("(c) an acceptable MTU that was ignored: ICMP delivery or PMTUD", "[advice][hint]") {
    HintContext context = from("Linux");
    context.icmp_mtu = 1400;
    const std::string hint = hint_for(FindingId::IcmpIgnored, context);
    INFO(hint);
    CHECK(contains(hint, "above the 1400-byte MTU an ICMP reported"));
    CHECK(contains(hint, "host firewall"));
    CHECK(contains(hint, "clamp the MSS to 1360 on the router"));
}

TEST_CASE("(c) IPv6: a Packet Too Big below 1280 is never honoured", "[advice][hint]") {
    HintContext context = from("Windows", "10 or 11");
    context.ip_version = 6;
    context.icmp_mtu = 1200;
    const std::string hint = hint_for(FindingId::IcmpIgnored, context);
    INFO(hint);
    CHECK(contains(hint, "1280"));
    CHECK(contains(hint, "1200"));
}

TEST_CASE("(d) a violation by an unknown OS: cap the sender or clamp in front of it", "[advice][hint]") {
    HintContext context;
    context.peer_mss = 1400;
    const std::string hint = hint_for(FindingId::Violation, context);
    INFO(hint);
    CHECK(contains(hint, "The sender (OS unknown) sent segments above the 1400-byte MSS the peer advertised"));
    CHECK(contains(hint, "MTU 1440"));
    CHECK(contains(hint, "clamp the MSS to 1400 on the router in front of it"));
}

TEST_CASE("(d) a violation by a known OS gives its cap", "[advice][hint]") {
    HintContext context = from("Solaris", "10");
    context.peer_mss = 1400;
    const std::string hint = hint_for(FindingId::Violation, context);
    INFO(hint);
    CHECK(contains(hint, "ndd -set /dev/tcp tcp_mss_max 1400"));
}

TEST_CASE("(e) offload: nothing to change on the network", "[advice][hint]") {
    const std::string hint = hint_for(FindingId::Offload, from("Linux"));
    INFO(hint);
    CHECK(contains(hint, "Nothing to change on the network"));
    CHECK(contains(hint, "ethtool -K IF tso off gso off gro off lro off"));
}

TEST_CASE("(f) the other findings get short advice or none", "[advice][hint]") {
    HintContext context = from("Linux");
    context.pmtu_low = 1400;
    CHECK(hint_for(FindingId::IcmpHonored, context).empty());
    CHECK(hint_for(FindingId::MssDefault, context).empty());

    CHECK(contains(hint_for(FindingId::BlackHoleRecovered, context), "clamp the MSS to 1360 on the router"));
    CHECK(contains(hint_for(FindingId::BlackHoleCleared, context), "not an MTU problem"));
    CHECK(contains(hint_for(FindingId::Stall, context), "capture nearer the sender"));
    CHECK(contains(hint_for(FindingId::AssumedLimitExceeded, context), "handshake is not in the capture"));
    CHECK(contains(hint_for(FindingId::MssChanged, context), "rewrites the MSS"));
    CHECK(contains(hint_for(FindingId::DfNotSet, context), "sysctl -w net.ipv4.ip_no_pmtu_disc=0"));
    CHECK(contains(hint_for(FindingId::IpFragmented, context), "ip link set dev IF mtu 1400"));

    const std::string hp_ux_df = hint_for(FindingId::DfNotSet, from("HP-UX", "11.x"));
    CHECK(contains(hp_ux_df, "ndd -set /dev/ip ip_pmtu_strategy 1"));
}

TEST_CASE("unknown families get a sensible generic hint", "[advice][hint]") {
    const HintContext unknown = black_hole("OpenBSD", "5.x");
    const std::string hole = hint_for(FindingId::BlackHole, unknown);
    INFO(hole);
    CHECK(contains(hole, "Workaround on the sender: lower its MTU to 1400"));
    CHECK_FALSE(contains(hole, "OpenBSD"));

    const std::string df = hint_for(FindingId::DfNotSet, from(""));
    CHECK(contains(df, "The sender has path MTU discovery off"));
    CHECK(contains(df, "turn it on in the sender's settings"));

    HintContext icmp = from("");
    icmp.icmp_mtu = 552;
    CHECK(contains(hint_for(FindingId::IcmpIgnored, icmp), "its OS may refuse MTUs that small"));
}

TEST_CASE("every hint stays within the length bound", "[advice][hint]") {
    const std::vector<std::pair<std::string, std::string>> labels = {
        {"", ""},           {"Windows", "7 or 8"}, {"Windows", "XP"},  {"Windows", "NT 4.0"},
        {"Windows", "NT kernel"}, {"Linux", ""},   {"Mac OS X", ""},   {"FreeBSD", ""},
        {"Solaris", "10"},  {"HP-UX", "11.x"},     {"HP-UX", "10.20"}, {"HP-UX", "9.x"},
        {"AIX", ""},        {"OpenBSD", ""},
    };
    int checked = 0;
    for (const auto& [sender_family, sender_flavor] : labels) {
        for (const auto& [receiver_family, receiver_flavor] : labels) {
            for (int ip_version : {4, 6}) {
                for (bool icmp_seen : {false, true}) {
                    for (unsigned size : {0u, 552u, 1400u, 65535u}) {
                        HintContext context;
                        context.sender_family = sender_family;
                        context.sender_flavor = sender_flavor;
                        context.receiver_family = receiver_family;
                        context.receiver_flavor = receiver_flavor;
                        context.ip_version = ip_version;
                        context.icmp_seen = icmp_seen;
                        context.peer_mss = size ? size - 40 : 0;
                        context.sender_floor = size ? size : 0;
                        context.icmp_mtu = size;
                        context.pmtu_low = size;
                        context.pmtu_high = size ? size + 100 : 0;
                        for (auto info = finding_catalog_begin(); info != finding_catalog_end(); ++info) {
                            const std::string hint = hint_for(info->id, context);
                            INFO(info->key << ": " << hint);
                            CHECK(hint.size() <= kHintMaxLength);
                            ++checked;
                        }
                    }
                }
            }
        }
    }
    CHECK(checked > 0);
}
