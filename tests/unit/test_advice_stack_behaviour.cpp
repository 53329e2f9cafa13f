// The stack behaviour table: which entry p0f-style labels map to, and the
// MTU floors, PMTUD and black-hole detection defaults each entry states.
#include <catch2/catch.hpp>

#include "expert/advice/stack_behaviour.h"

using namespace mssck::advice;

TEST_CASE("the table has one entry per family, in family order", "[advice][behaviour]") {
    REQUIRE(behaviour_table_end() - behaviour_table_begin() == kStackFamilyCount);
    for (int i = 0; i < kStackFamilyCount; ++i) {
        const StackFamily family = static_cast<StackFamily>(i);
        CHECK(behaviour_of(family).family == family);
        CHECK(behaviour_table_begin()[i].family == family);
        CHECK_FALSE(behaviour_of(family).note.empty());
    }
}

TEST_CASE("Windows labels map to their generation", "[advice][behaviour]") {
    const auto family_of = [](const char* flavor) { return behaviour_for("Windows", flavor).family; };
    CHECK(family_of("7 or 8") == StackFamily::WindowsVistaOrLater);
    CHECK(family_of("NT kernel 6.x") == StackFamily::WindowsVistaOrLater);
    CHECK(family_of("10 or 11") == StackFamily::WindowsVistaOrLater);
    CHECK(family_of("10, 11 or Server 2016 and newer") == StackFamily::WindowsVistaOrLater);
    CHECK(family_of("NT 6.x (Vista to 8.1, Server 2008 to 2012)") == StackFamily::WindowsVistaOrLater);
    CHECK(family_of("7 (Websense crawler)") == StackFamily::WindowsVistaOrLater);
    CHECK(family_of("Server 2008 R2") == StackFamily::WindowsVistaOrLater);
    CHECK(family_of("XP") == StackFamily::Windows2000To2003);
    CHECK(family_of("2000") == StackFamily::Windows2000To2003);
    CHECK(family_of("Server 2003") == StackFamily::Windows2000To2003);
    CHECK(family_of("NT kernel 5.x") == StackFamily::Windows2000To2003);
    CHECK(family_of("NT 4.0") == StackFamily::WindowsLegacy);
    CHECK(family_of("95") == StackFamily::WindowsLegacy);
    CHECK(family_of("98") == StackFamily::WindowsLegacy);
    CHECK(family_of("ME") == StackFamily::WindowsLegacy);
    // The label does not say which release, or names two generations.
    CHECK(family_of("NT kernel") == StackFamily::WindowsUnknownVersion);
    CHECK(family_of("") == StackFamily::WindowsUnknownVersion);
    CHECK(family_of("XP or 7") == StackFamily::WindowsUnknownVersion);
}

TEST_CASE("other families are recognised by name, ignoring case and spelling", "[advice][behaviour]") {
    CHECK(behaviour_for("Linux", "3.11 and newer").family == StackFamily::Linux);
    CHECK(behaviour_for("linux", "").family == StackFamily::Linux);
    CHECK(behaviour_for("Mac OS X", "10.x").family == StackFamily::Apple);
    CHECK(behaviour_for("MacOS X", "10.9 or newer (sometimes iPhone or iPad)").family == StackFamily::Apple);
    CHECK(behaviour_for("macOS", "recent, or iOS").family == StackFamily::Apple);
    CHECK(behaviour_for("iOS", "iPhone or iPad").family == StackFamily::Apple);
    CHECK(behaviour_for("FreeBSD", "9.x").family == StackFamily::FreeBsd);
    CHECK(behaviour_for("Solaris", "10").family == StackFamily::Solaris);
    CHECK(behaviour_for("HP-UX", "11.x").family == StackFamily::HpUx);
    CHECK(behaviour_for("AIX", "").family == StackFamily::Aix);
    CHECK(behaviour_for("OpenBSD", "5.x").family == StackFamily::Unknown);
    CHECK(behaviour_for("NMap", "SYN scan").family == StackFamily::Unknown);
    CHECK(behaviour_for("", "").family == StackFamily::Unknown);
}

TEST_CASE("Windows Vista and later: 576 for both floors, hard-coded", "[advice][behaviour]") {
    const StackBehaviour& vista = behaviour_for("Windows", "7 or 8");
    CHECK(vista.min_configured_mtu == 576);
    CHECK(vista.min_icmp_mtu == 576);
    CHECK(vista.mtu_floor_hard_coded);
    CHECK(vista.min_send_mss == 536);
    CHECK(vista.pmtud == Availability::OnByDefault);
    CHECK(vista.blackhole_detection == Availability::OffByDefault);
    CHECK(vista.blackhole_setting.find("EnablePMTUBHDetect") != std::string_view::npos);
}

TEST_CASE("Windows 2000/XP/2003: configurable to 68, ICMP never below 576", "[advice][behaviour]") {
    const StackBehaviour& xp = behaviour_for("Windows", "XP");
    CHECK(xp.min_configured_mtu == 68);
    CHECK(xp.min_icmp_mtu == 576);
    CHECK_FALSE(xp.mtu_floor_hard_coded);
    CHECK(xp.pmtud == Availability::OnByDefault);
    CHECK(xp.blackhole_detection == Availability::OffByDefault);
}

TEST_CASE("legacy and unknown-release Windows state only what is known", "[advice][behaviour]") {
    const StackBehaviour& legacy = behaviour_of(StackFamily::WindowsLegacy);
    CHECK(legacy.min_configured_mtu == 68);
    CHECK(legacy.min_icmp_mtu == 0);
    CHECK(legacy.blackhole_detection == Availability::Unknown);
    CHECK(legacy.pmtud == Availability::OnByDefault);

    const StackBehaviour& windows = behaviour_for("Windows", "NT kernel");
    CHECK(windows.min_configured_mtu == 0);  // 68 or 576 depending on the release
    CHECK(windows.min_icmp_mtu == 576);
    CHECK_FALSE(windows.mtu_floor_hard_coded);
}

TEST_CASE("Linux: min_pmtu 552 for ICMP, tcp_min_snd_mss 48, probing off", "[advice][behaviour]") {
    const StackBehaviour& linux_stack = behaviour_for("Linux", "");
    CHECK(linux_stack.min_configured_mtu == 68);
    CHECK(linux_stack.min_icmp_mtu == 552);
    CHECK(linux_stack.icmp_floor_setting.find("net.ipv4.route.min_pmtu") != std::string_view::npos);
    CHECK(linux_stack.below_icmp_floor.find("without DF") != std::string_view::npos);
    CHECK(linux_stack.min_send_mss == 48);
    CHECK(linux_stack.mss_floor_setting.find("net.ipv4.tcp_min_snd_mss") != std::string_view::npos);
    CHECK(linux_stack.mss_floor_setting.find("536") != std::string_view::npos);
    CHECK(linux_stack.pmtud == Availability::OnByDefault);
    CHECK(linux_stack.blackhole_detection == Availability::OffByDefault);
    CHECK(linux_stack.blackhole_setting.find("net.ipv4.tcp_mtu_probing") != std::string_view::npos);
}

TEST_CASE("BSD stacks: minmss 216; black-hole detection on for macOS, off for FreeBSD", "[advice][behaviour]") {
    const StackBehaviour& mac = behaviour_for("Mac OS X", "");
    CHECK(mac.min_send_mss == 216);
    CHECK(mac.blackhole_detection == Availability::OnByDefault);
    CHECK(mac.blackhole_setting.find("net.inet.tcp.pmtud_blackhole_detection") != std::string_view::npos);
    CHECK(mac.min_icmp_mtu == 0);

    const StackBehaviour& freebsd = behaviour_for("FreeBSD", "");
    CHECK(freebsd.min_send_mss == 216);
    CHECK(freebsd.min_icmp_mtu == 256);
    CHECK(freebsd.blackhole_detection == Availability::OffByDefault);
    CHECK(freebsd.blackhole_setting.find("net.inet.tcp.pmtud_blackhole_detection") != std::string_view::npos);
}

TEST_CASE("Solaris, HP-UX and AIX: PMTUD defaults, floors left unknown", "[advice][behaviour]") {
    const StackBehaviour& solaris = behaviour_for("Solaris", "10");
    CHECK(solaris.pmtud == Availability::OnByDefault);
    CHECK(solaris.min_configured_mtu == 0);
    CHECK(solaris.min_icmp_mtu == 0);
    CHECK(solaris.blackhole_detection == Availability::Unknown);

    const StackBehaviour& hp_ux = behaviour_for("HP-UX", "11.x");
    CHECK(hp_ux.pmtud == Availability::DependsOnVersion);
    CHECK(hp_ux.pmtud_setting.find("9.x: none") != std::string_view::npos);
    CHECK(hp_ux.pmtud_setting.find("10.x") != std::string_view::npos);
    CHECK(hp_ux.blackhole_detection == Availability::Unknown);

    const StackBehaviour& aix = behaviour_for("AIX", "");
    CHECK(aix.pmtud == Availability::DependsOnVersion);
    CHECK(aix.pmtud_setting.find("4.2.1, off by default") != std::string_view::npos);
    CHECK(aix.pmtud_setting.find("4.3.3") != std::string_view::npos);
    CHECK(aix.blackhole_detection == Availability::Unknown);
}

TEST_CASE("an unknown stack claims nothing", "[advice][behaviour]") {
    const StackBehaviour& unknown = behaviour_for("", "");
    CHECK_FALSE(unknown.known());
    CHECK(unknown.min_configured_mtu == 0);
    CHECK(unknown.min_icmp_mtu == 0);
    CHECK(unknown.min_send_mss == 0);
    CHECK(unknown.pmtud == Availability::Unknown);
    CHECK(unknown.blackhole_detection == Availability::Unknown);
    CHECK(describe(unknown.pmtud) == "unknown");
}
