// The per-family command table that hints and docs quote from.
#include <catch2/catch.hpp>

#include <string>

#include "expert/advice/stack_commands.h"

using namespace mssck::advice;

namespace {
bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }
} // namespace

TEST_CASE("placeholders are filled, unknown numbers become N", "[advice][commands]") {
    CommandValues values;
    values.mtu = 1400;
    values.mss = 1360;
    CHECK(fill_command("ip link set dev IF mtu $MTU", values) == "ip link set dev IF mtu 1400");
    CHECK(fill_command("advmss $MSS, $MSS", values) == "advmss 1360, 1360");
    CHECK(fill_command("netsh interface $IPV set", values) == "netsh interface ipv4 set");
    values.ip_version = 6;
    CHECK(fill_command("netsh interface $IPV set", values) == "netsh interface ipv6 set");
    CHECK(fill_command("mtu $MTU", CommandValues{}) == "mtu N");
}

TEST_CASE("the commands of each family", "[advice][commands]") {
    const StackCommands& linux_commands = commands_for(StackFamily::Linux);
    CHECK(linux_commands.disable_pmtud == "echo 1 > /proc/sys/net/ipv4/ip_no_pmtu_disc");
    CHECK(linux_commands.enable_blackhole_detection == "sysctl -w net.ipv4.tcp_mtu_probing=1");
    CHECK(linux_commands.set_interface_mtu == "ip link set dev IF mtu $MTU");
    CHECK(contains(linux_commands.interface_mtu_setting, "ifcfg-IF"));
    CHECK(linux_commands.advertise_smaller_mss == "ip route change DEST via GW advmss $MSS");
    CHECK(linux_commands.lower_mss_floor == "sysctl -w net.ipv4.tcp_min_snd_mss=$MSS");

    const StackCommands& vista = commands_for(StackFamily::WindowsVistaOrLater);
    CHECK(vista.set_interface_mtu == "netsh interface $IPV set subinterface \"NAME\" mtu=$MTU store=persistent");
    CHECK(contains(vista.enable_blackhole_detection, "EnablePMTUBHDetect=1"));
    CHECK(contains(vista.disable_pmtud, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters"));
    CHECK(contains(vista.interface_mtu_setting, "576 or more"));
    CHECK(contains(commands_for(StackFamily::Windows2000To2003).interface_mtu_setting, "68 or more"));
    CHECK(contains(commands_for(StackFamily::WindowsLegacy).disable_pmtud, "VxD\\MSTCP"));

    const StackCommands& solaris = commands_for(StackFamily::Solaris);
    CHECK(solaris.disable_pmtud == "ndd -set /dev/ip ip_path_mtu_discovery 0");
    CHECK(solaris.cap_mss == "ndd -set /dev/tcp tcp_mss_max $MSS");

    const StackCommands& aix = commands_for(StackFamily::Aix);
    CHECK(aix.disable_pmtud == "no -o tcp_pmtu_discover=0");
    CHECK(contains(aix.cap_mss, "no -o tcp_mssdflt=$MSS"));

    CHECK(commands_for(StackFamily::Apple).enable_blackhole_detection ==
          "sysctl -w net.inet.tcp.pmtud_blackhole_detection=1");
    CHECK(commands_for(StackFamily::FreeBsd).lower_mss_floor == "sysctl net.inet.tcp.minmss=$MSS");
}

TEST_CASE("HP-UX commands follow the release", "[advice][commands]") {
    const StackCommands& hp_ux_11 = commands_for(StackFamily::HpUx, "11.x");
    // ndd -h only shows help; setting the strategy takes ndd -set.
    CHECK(hp_ux_11.disable_pmtud == "ndd -set /dev/ip ip_pmtu_strategy 0");
    CHECK(hp_ux_11.cap_mss == "ndd -set /dev/tcp tcp_mss_max $MSS");
    CHECK(commands_for(StackFamily::HpUx, "").disable_pmtud == hp_ux_11.disable_pmtud);

    const StackCommands& hp_ux_10 = commands_for(StackFamily::HpUx, "10.20");
    CHECK(hp_ux_10.disable_pmtud == "nettune -s tcp_pmtu 0");
    CHECK(hp_ux_10.set_interface_mtu == "lanadmin -M $MTU NetMgmtID");

    CHECK(commands_for(StackFamily::HpUx, "9.x").disable_pmtud.empty());  // no PMTUD in HP-UX 9
}

TEST_CASE("an unknown family has no commands", "[advice][commands]") {
    const StackCommands& none = commands_for(StackFamily::Unknown);
    CHECK(none.disable_pmtud.empty());
    CHECK(none.set_interface_mtu.empty());
    CHECK(none.enable_blackhole_detection.empty());
}

TEST_CASE("path commands for routers and firewalls", "[advice][commands]") {
    const PathCommands& v4 = path_commands(4);
    CHECK(v4.icmp_to_allow == "ICMP type 3 code 4");
    CHECK(v4.iptables_clamp_to_pmtu ==
          "iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu");
    CHECK(v4.nftables_clamp_to_pmtu == "tcp flags syn tcp option maxseg size set rt mtu");
    CHECK(v4.cisco_adjust_mss == "ip tcp adjust-mss $MSS");

    const PathCommands& v6 = path_commands(6);
    CHECK(v6.icmp_to_allow == "ICMPv6 type 2");
    CHECK(contains(v6.iptables_clamp_to_pmtu, "ip6tables"));
    CHECK(v6.cisco_adjust_mss == "ipv6 tcp adjust-mss $MSS");

    CHECK(kDisableOffloadsCommand == "ethtool -K IF tso off gso off gro off lro off");
}
