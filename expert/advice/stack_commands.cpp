#include "expert/advice/stack_commands.h"

namespace mssck::advice {
namespace {

// Registry values are written "Name=value in Key"; Tcpip parameters take
// effect after a reboot.
StackCommands windows_vista_or_later() {
    StackCommands c;
    c.disable_pmtud = "EnablePMTUDiscovery=0 in HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    c.enable_pmtud = "EnablePMTUDiscovery=1 in HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    c.set_interface_mtu = "netsh interface $IPV set subinterface \"NAME\" mtu=$MTU store=persistent";
    c.interface_mtu_setting = "MTU=$MTU (576 or more, IPv4 only) in "
                              "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{GUID}";
    c.enable_blackhole_detection =
        "EnablePMTUBHDetect=1 in HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    return c;
}

StackCommands windows_2000_to_2003() {
    StackCommands c;
    c.disable_pmtud = "EnablePMTUDiscovery=0 in HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    c.enable_pmtud = "EnablePMTUDiscovery=1 in HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    c.set_interface_mtu = "MTU=$MTU in HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{GUID}";
    c.interface_mtu_setting = "MTU=$MTU (68 or more) in "
                              "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{GUID}";
    c.enable_blackhole_detection =
        "EnablePMTUBHDetect=1 in HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    return c;
}

// NT 4.0 keeps per-adapter TCP/IP values under the adapter's own service
// key; 95/98/ME keep theirs under VxD\MSTCP and the netTrans class key.
StackCommands windows_legacy() {
    StackCommands c;
    c.disable_pmtud = "EnablePMTUDiscovery=0 in HKLM\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters "
                      "(NT), PMTUDiscovery=0 in HKLM\\System\\CurrentControlSet\\Services\\VxD\\MSTCP (9x)";
    c.enable_pmtud = "EnablePMTUDiscovery=1 in HKLM\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters "
                     "(NT), PMTUDiscovery=1 in HKLM\\System\\CurrentControlSet\\Services\\VxD\\MSTCP (9x)";
    c.set_interface_mtu = "MTU=$MTU in HKLM\\System\\CurrentControlSet\\Services\\ADAPTER\\Parameters\\Tcpip "
                          "(NT), MaxMTU=$MTU in HKLM\\System\\CurrentControlSet\\Services\\Class\\netTrans\\000n (9x)";
    c.interface_mtu_setting = c.set_interface_mtu;
    return c;
}

// Release not known: only what works on 2000/XP/2003 and on Vista and
// later alike (the registry MTU; XP's netsh cannot set it).
StackCommands windows_unknown_version() {
    StackCommands c = windows_2000_to_2003();
    c.interface_mtu_setting = c.set_interface_mtu;
    return c;
}

StackCommands linux_stack() {
    StackCommands c;
    c.disable_pmtud = "echo 1 > /proc/sys/net/ipv4/ip_no_pmtu_disc";
    c.enable_pmtud = "sysctl -w net.ipv4.ip_no_pmtu_disc=0";
    c.set_interface_mtu = "ip link set dev IF mtu $MTU";
    c.interface_mtu_setting = "MTU=$MTU in /etc/sysconfig/network-scripts/ifcfg-IF";
    c.cap_mss = "ip route change DEST via GW mtu $MTU";
    c.enable_blackhole_detection = "sysctl -w net.ipv4.tcp_mtu_probing=1";
    c.lower_mss_floor = "sysctl -w net.ipv4.tcp_min_snd_mss=$MSS";
    c.lower_icmp_floor = "sysctl -w net.ipv4.route.min_pmtu=$MTU";
    c.advertise_smaller_mss = "ip route change DEST via GW advmss $MSS";
    return c;
}

StackCommands apple() {
    StackCommands c;
    c.disable_pmtud = "sysctl -w net.inet.tcp.path_mtu_discovery=0";
    c.enable_pmtud = "sysctl -w net.inet.tcp.path_mtu_discovery=1";
    c.set_interface_mtu = "ifconfig IF mtu $MTU";
    c.interface_mtu_setting = "networksetup -setMTU IF $MTU";
    c.enable_blackhole_detection = "sysctl -w net.inet.tcp.pmtud_blackhole_detection=1";
    c.lower_mss_floor = "sysctl -w net.inet.tcp.minmss=$MSS";
    return c;
}

StackCommands freebsd() {
    StackCommands c;
    c.disable_pmtud = "sysctl net.inet.tcp.path_mtu_discovery=0";
    c.enable_pmtud = "sysctl net.inet.tcp.path_mtu_discovery=1";
    c.set_interface_mtu = "ifconfig IF mtu $MTU";
    c.interface_mtu_setting = "mtu $MTU in the ifconfig_IF line of /etc/rc.conf";
    c.enable_blackhole_detection = "sysctl net.inet.tcp.pmtud_blackhole_detection=1";
    c.lower_mss_floor = "sysctl net.inet.tcp.minmss=$MSS";
    c.lower_icmp_floor = "sysctl net.inet.tcp.minmss=$MSS";  // the ICMP floor is minmss + 40
    return c;
}

StackCommands solaris() {
    StackCommands c;
    c.disable_pmtud = "ndd -set /dev/ip ip_path_mtu_discovery 0";
    c.enable_pmtud = "ndd -set /dev/ip ip_path_mtu_discovery 1";
    c.set_interface_mtu = "ifconfig IF mtu $MTU";
    c.cap_mss = "ndd -set /dev/tcp tcp_mss_max $MSS";
    return c;
}

// HP-UX 11 sets ip_pmtu_strategy with `ndd -set`: `ndd -h` only prints a
// parameter's help text.
StackCommands hp_ux_11() {
    StackCommands c;
    c.disable_pmtud = "ndd -set /dev/ip ip_pmtu_strategy 0";
    c.enable_pmtud = "ndd -set /dev/ip ip_pmtu_strategy 1";
    c.cap_mss = "ndd -set /dev/tcp tcp_mss_max $MSS";
    return c;
}

StackCommands hp_ux_10() {
    StackCommands c;
    c.disable_pmtud = "nettune -s tcp_pmtu 0";
    c.enable_pmtud = "nettune -s tcp_pmtu 1";
    c.set_interface_mtu = "lanadmin -M $MTU NetMgmtID";
    return c;
}

// tcp_mssdflt is only used while PMTUD is off (or has failed), so capping
// the MSS takes both settings; both are system-wide.
StackCommands aix() {
    StackCommands c;
    c.disable_pmtud = "no -o tcp_pmtu_discover=0";
    c.enable_pmtud = "no -o tcp_pmtu_discover=1";
    c.set_interface_mtu = "chdev -l enX -a mtu=$MTU";
    c.interface_mtu_setting = c.set_interface_mtu;
    c.cap_mss = "no -o tcp_pmtu_discover=0 and no -o tcp_mssdflt=$MSS";
    return c;
}

const PathCommands kIpv4Path = {
    "ICMP type 3 code 4",
    "iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu",
    "iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss $MSS",
    "tcp flags syn tcp option maxseg size set rt mtu",
    "tcp flags syn tcp option maxseg size set $MSS",
    "ip tcp adjust-mss $MSS",
};

const PathCommands kIpv6Path = {
    "ICMPv6 type 2",
    "ip6tables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu",
    "ip6tables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss $MSS",
    "tcp flags syn tcp option maxseg size set rt mtu",
    "tcp flags syn tcp option maxseg size set $MSS",
    "ipv6 tcp adjust-mss $MSS",
};

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

const StackCommands& hp_ux_commands(std::string_view flavor) {
    static const StackCommands release_11 = hp_ux_11();
    static const StackCommands release_10 = hp_ux_10();
    static const StackCommands release_9 = {};  // HP-UX 9 has no path MTU discovery to switch
    if (starts_with(flavor, "10")) return release_10;
    if (starts_with(flavor, "9")) return release_9;
    return release_11;  // p0f only knows 11.x, the release still in use
}

std::string number_or_n(unsigned value) { return value == 0 ? "N" : std::to_string(value); }

void replace_all(std::string& text, std::string_view placeholder, const std::string& value) {
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
}

} // namespace

const StackCommands& commands_for(StackFamily family, std::string_view flavor) {
    static const StackCommands vista_or_later = windows_vista_or_later();
    static const StackCommands nt5 = windows_2000_to_2003();
    static const StackCommands legacy = windows_legacy();
    static const StackCommands windows = windows_unknown_version();
    static const StackCommands linux_commands = linux_stack();
    static const StackCommands apple_commands = apple();
    static const StackCommands freebsd_commands = freebsd();
    static const StackCommands solaris_commands = solaris();
    static const StackCommands aix_commands = aix();
    static const StackCommands none = {};
    switch (family) {
    case StackFamily::WindowsVistaOrLater: return vista_or_later;
    case StackFamily::Windows2000To2003: return nt5;
    case StackFamily::WindowsLegacy: return legacy;
    case StackFamily::WindowsUnknownVersion: return windows;
    case StackFamily::Linux: return linux_commands;
    case StackFamily::Apple: return apple_commands;
    case StackFamily::FreeBsd: return freebsd_commands;
    case StackFamily::Solaris: return solaris_commands;
    case StackFamily::HpUx: return hp_ux_commands(flavor);
    case StackFamily::Aix: return aix_commands;
    case StackFamily::Unknown:
    case StackFamily::Count: break;
    }
    return none;
}

const PathCommands& path_commands(int ip_version) { return ip_version == 6 ? kIpv6Path : kIpv4Path; }

std::string fill_command(std::string_view pattern, const CommandValues& values) {
    std::string text(pattern);
    replace_all(text, "$MTU", number_or_n(values.mtu));
    replace_all(text, "$MSS", number_or_n(values.mss));
    replace_all(text, "$IPV", values.ip_version == 6 ? "ipv6" : "ipv4");
    return text;
}

} // namespace mssck::advice
