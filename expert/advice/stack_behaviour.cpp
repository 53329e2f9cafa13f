#include "expert/advice/stack_behaviour.h"

#include <array>

namespace mssck::advice {
namespace {

StackBehaviour windows_vista_or_later() {
    StackBehaviour b;
    b.family = StackFamily::WindowsVistaOrLater;
    b.name = "Windows Vista+";
    // Microsoft's registry reference for Vista/Server 2008: the interface
    // MTU value ranges from 576 up, and anything smaller means 576.
    b.min_configured_mtu = 576;
    b.min_icmp_mtu = 576;
    b.mtu_floor_hard_coded = true;
    b.below_icmp_floor = "not used: the path MTU stays at 576 or more";
    b.min_send_mss = 536;  // 576 less 40 bytes of IPv4 and TCP header
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "Tcpip\\Parameters\\EnablePMTUDiscovery (1 by default)";
    b.blackhole_detection = Availability::OffByDefault;
    b.blackhole_setting = "Tcpip\\Parameters\\EnablePMTUBHDetect (0 by default)";
    b.note = "Vista, 7, 8, 10, 11 and Server 2008 onwards. The 576 floors are hard-coded and apply "
             "to IPv4; the registry MTU value is IPv4 only. A peer advertising an MSS below 536 "
             "still gets 536-byte segments.";
    return b;
}

StackBehaviour windows_2000_to_2003() {
    StackBehaviour b;
    b.family = StackFamily::Windows2000To2003;
    b.name = "Windows 2000/XP/2003";
    b.min_configured_mtu = 68;  // KB898060 / Q314053: 68 up to the link MTU
    b.min_icmp_mtu = 576;
    b.below_icmp_floor = "not used: a path MTU learnt from ICMP stays at 576 or more";
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "Tcpip\\Parameters\\EnablePMTUDiscovery (1 by default)";
    b.blackhole_detection = Availability::OffByDefault;
    b.blackhole_setting = "Tcpip\\Parameters\\EnablePMTUBHDetect (0 by default)";
    b.note = "The 576 floor for ICMP-learnt MTUs is documented for Server 2003 and assumed for "
             "2000/XP. A configured MTU may go down to 68. With EnablePMTUDiscovery=0 the stack "
             "uses MTU 576 (MSS 536) for every non-local destination.";
    return b;
}

StackBehaviour windows_legacy() {
    StackBehaviour b;
    b.family = StackFamily::WindowsLegacy;
    b.name = "Windows NT4/9x";
    b.min_configured_mtu = 68;  // NT 4.0 (Q120642): values below 68 mean 68
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "EnablePMTUDiscovery (NT) or PMTUDiscovery (95/98/ME), 1 by default";
    b.note = "NT 3.x/4.0 and 95/98/ME. The MTU floor of 68 is documented for NT 4.0 only; how "
             "these releases treat small ICMP MTUs and whether they detect black holes is not "
             "stated here. With PMTUD off, NT uses MTU 576 for non-local destinations.";
    return b;
}

StackBehaviour windows_unknown_version() {
    StackBehaviour b;
    b.family = StackFamily::WindowsUnknownVersion;
    b.name = "Windows";
    b.min_icmp_mtu = 576;  // the same on NT 5.x and NT 6 and later
    b.below_icmp_floor = "not used: a path MTU learnt from ICMP stays at 576 or more";
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "Tcpip\\Parameters\\EnablePMTUDiscovery (1 by default)";
    b.blackhole_detection = Availability::OffByDefault;
    b.blackhole_setting = "Tcpip\\Parameters\\EnablePMTUBHDetect (0 by default)";
    b.note = "An NT-based Windows whose release the label does not give. The configurable floor "
             "is 68 on 2000/XP/2003 but 576, hard-coded, on Vista and later.";
    return b;
}

StackBehaviour linux_stack() {
    StackBehaviour b;
    b.family = StackFamily::Linux;
    b.name = "Linux";
    b.min_configured_mtu = 68;  // the IPv4 minimum an Ethernet device accepts
    b.min_icmp_mtu = 552;
    b.icmp_floor_setting = "net.ipv4.route.min_pmtu (552 by default)";
    b.below_icmp_floor = "replaced by min_pmtu (552), and the packets are sent without DF";
    b.min_send_mss = 48;
    b.mss_floor_setting = "net.ipv4.tcp_min_snd_mss (48 by default, often 536 on hardened systems)";
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "net.ipv4.ip_no_pmtu_disc (0 by default: PMTUD on)";
    b.blackhole_detection = Availability::OffByDefault;
    b.blackhole_setting = "net.ipv4.tcp_mtu_probing (0 by default: off; 1: probe once a black hole "
                          "is detected; 2: always)";
    b.note = "tcp_mtu_probing and tcp_min_snd_mss also govern TCP over IPv6.";
    return b;
}

StackBehaviour apple() {
    StackBehaviour b;
    b.family = StackFamily::Apple;
    b.name = "macOS/iOS";
    b.min_send_mss = 216;
    b.mss_floor_setting = "net.inet.tcp.minmss (216 by default)";
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "net.inet.tcp.path_mtu_discovery (1 by default)";
    b.blackhole_detection = Availability::OnByDefault;
    b.blackhole_setting = "net.inet.tcp.pmtud_blackhole_detection (1 by default)";
    b.note = "Defaults as in Apple's XNU sources. The smallest configurable and ICMP-learnt MTUs "
             "are not stated here.";
    return b;
}

StackBehaviour freebsd() {
    StackBehaviour b;
    b.family = StackFamily::FreeBsd;
    b.name = "FreeBSD";
    b.min_icmp_mtu = 256;  // net.inet.tcp.minmss plus 40 bytes of header
    b.icmp_floor_setting = "net.inet.tcp.minmss (216 by default)";
    b.below_icmp_floor = "raised to minmss + 40 (256 by default)";
    b.min_send_mss = 216;
    b.mss_floor_setting = "net.inet.tcp.minmss (216 by default)";
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "net.inet.tcp.path_mtu_discovery (1 by default)";
    b.blackhole_detection = Availability::OffByDefault;
    b.blackhole_setting = "net.inet.tcp.pmtud_blackhole_detection (0 by default)";
    b.note = "Values from current FreeBSD sources; older releases may lack the black-hole "
             "detection sysctl and treated small ICMP MTUs differently.";
    return b;
}

StackBehaviour solaris() {
    StackBehaviour b;
    b.family = StackFamily::Solaris;
    b.name = "Solaris";
    b.pmtud = Availability::OnByDefault;
    b.pmtud_setting = "ndd /dev/ip ip_path_mtu_discovery (1 by default)";
    b.note = "Solaris 10 and earlier. tcp_mss_max caps the segment size; floors and black-hole "
             "detection are not stated here.";
    return b;
}

StackBehaviour hp_ux() {
    StackBehaviour b;
    b.family = StackFamily::HpUx;
    b.name = "HP-UX";
    b.pmtud = Availability::DependsOnVersion;
    b.pmtud_setting = "9.x: none; 10.x: nettune tcp_pmtu (1 for TCP, udp_pmtu 0 for UDP by default); "
                      "11.x: ndd /dev/ip ip_pmtu_strategy (on by default)";
    b.note = "HP-UX 9 has no path MTU discovery. ip_pmtu_strategy 0 turns it off, 1 and 2 pick "
             "a strategy. Floors and black-hole detection are not stated here.";
    return b;
}

StackBehaviour aix() {
    StackBehaviour b;
    b.family = StackFamily::Aix;
    b.name = "AIX";
    b.pmtud = Availability::DependsOnVersion;
    b.pmtud_setting = "no -o tcp_pmtu_discover (added in 4.2.1, off by default; on by default from 4.3.3)";
    b.note = "tcp_mssdflt (512 in the 4.x documentation, range 1-1448) is the segment size used only "
             "when PMTUD is off or fails, system-wide. Floors and black-hole detection are not "
             "stated here.";
    return b;
}

StackBehaviour unknown_stack() {
    StackBehaviour b;
    b.family = StackFamily::Unknown;
    b.name = "";
    b.note = "Nothing is known about this stack.";
    return b;
}

using BehaviourTable = std::array<StackBehaviour, kStackFamilyCount>;

BehaviourTable build_table() {
    BehaviourTable table = {windows_vista_or_later(), windows_2000_to_2003(), windows_legacy(),
                            windows_unknown_version(), linux_stack(), apple(), freebsd(),
                            solaris(), hp_ux(), aix(), unknown_stack()};
    return table;
}

const BehaviourTable& table() {
    static const BehaviourTable instance = build_table();
    return instance;
}

} // namespace

std::string_view describe(Availability availability) {
    switch (availability) {
    case Availability::Absent: return "absent";
    case Availability::OffByDefault: return "off by default";
    case Availability::OnByDefault: return "on by default";
    case Availability::DependsOnVersion: return "depends on the version";
    case Availability::Unknown: return "unknown";
    }
    return "unknown";
}

const StackBehaviour& behaviour_of(StackFamily family) {
    const auto index = static_cast<std::size_t>(family);
    if (index >= table().size()) return table()[static_cast<std::size_t>(StackFamily::Unknown)];
    return table()[index];  // build_table() lists the families in order; the tests check it
}

const StackBehaviour& behaviour_for(const std::string& family, const std::string& flavor) {
    return behaviour_of(stack_family_from_label(family, flavor));
}

const StackBehaviour* behaviour_table_begin() { return table().data(); }
const StackBehaviour* behaviour_table_end() { return table().data() + table().size(); }

} // namespace mssck::advice
