// The Fingerprinter on SYNs and SYN-ACKs from public captures in
// shared/captures. Each packet's fields were read with
//   tshark -r CAPTURE -Y 'tcp.flags.syn==1' -T fields -e ... -e tcp.options
// and each expectation checked against p0f 3.09b itself:
//   p0f -r CAPTURE -f /etc/p0f/p0f.fp
// (its "os", "dist", "params" and "raw_sig" lines are quoted beside each).

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "expert/fingerprint/builtin_signatures.h"
#include "expert/fingerprint/fingerprinter.h"

using namespace mssck::fingerprint;

namespace {

const char* const real_database_path = "/etc/p0f/p0f.fp";

// The header fields of one captured SYN or SYN-ACK, as tshark prints them.
struct CapturedSyn {
    int ip_version = 4;
    unsigned ttl = 64;           // ip.ttl / ipv6.hlim
    bool dont_fragment = true;   // ip.flags.df
    unsigned ip_id = 0;          // ip.id
    unsigned flow_label = 0;     // ipv6.flow
    unsigned tcp_flags = 0x002;  // tcp.flags
    unsigned long sequence = 1;  // tcp.seq_raw
    unsigned long ack = 0;       // tcp.ack_raw
    unsigned window = 0;         // tcp.window_size_value
    std::string options_hex;     // tcp.options
    unsigned peer_syn_mss = 0;   // the SYN's MSS, for a SYN-ACK
};

SynObservation observation_of(const CapturedSyn& packet) {
    SynObservation observation;
    observation.ip_version = packet.ip_version == 6 ? IpVersion::v6 : IpVersion::v4;
    observation.ttl = static_cast<std::uint8_t>(packet.ttl);
    observation.dont_fragment = packet.ip_version == 4 && packet.dont_fragment;
    observation.ip_id = static_cast<std::uint16_t>(packet.ip_id);
    observation.flow_label = packet.flow_label;
    observation.flags.ack = (packet.tcp_flags & 0x010) != 0;
    observation.flags.psh = (packet.tcp_flags & 0x008) != 0;
    observation.flags.ece = (packet.tcp_flags & 0x040) != 0;
    observation.flags.cwr = (packet.tcp_flags & 0x080) != 0;
    observation.sequence_number = static_cast<std::uint32_t>(packet.sequence);
    observation.ack_number = static_cast<std::uint32_t>(packet.ack);
    observation.window = static_cast<std::uint16_t>(packet.window);
    observation.tcp_header_length = static_cast<std::uint8_t>(20 + packet.options_hex.size() / 2);
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 0; i + 1 < packet.options_hex.size(); i += 2) {
        bytes.push_back(static_cast<std::uint8_t>(std::stoul(packet.options_hex.substr(i, 2), nullptr, 16)));
    }
    set_options_from_bytes(observation, bytes.data(), bytes.size());
    if (packet.peer_syn_mss != 0) observation.peer_syn_mss = static_cast<std::uint16_t>(packet.peer_syn_mss);
    return observation;
}

// chrissanders_packets__tcp_handshake.pcapng, frame 1 (Windows 7 SYN).
CapturedSyn windows7_syn() {
    CapturedSyn p;
    p.ttl = 128; p.ip_id = 0x317f; p.sequence = 3691127924; p.window = 8192;
    p.options_hex = "020405b40103030201010402";
    return p;
}

// chrissanders_packets__tcp_handshake.pcapng, frame 2 (its SYN-ACK).
CapturedSyn handshake_syn_ack() {
    CapturedSyn p;
    p.ttl = 49; p.dont_fragment = false; p.ip_id = 0; p.tcp_flags = 0x012;
    p.sequence = 233779340; p.ack = 3691127925; p.window = 5840;
    p.options_hex = "0204057e0101040201030307"; p.peer_syn_mss = 1460;
    return p;
}

// OISF_suricata-verify__tests_base64-decode-5885_input.pcap, frame 19.
CapturedSyn windows7_ws8_syn() {
    CapturedSyn p;
    p.ttl = 128; p.ip_id = 0x01b9; p.sequence = 782921227; p.window = 8192;
    p.options_hex = "020405b40103030801010402";
    return p;
}

// OISF_suricata-verify__tests_ssh-hassh-incomplete_input.pcap, frame 1.
CapturedSyn linux_mss20_syn() {
    CapturedSyn p;
    p.ttl = 47; p.ip_id = 0x4f08; p.sequence = 2054169175; p.window = 29200;
    p.options_hex = "020405ac0402080a000e6d5f0000000001030307";
    return p;
}

// OISF_suricata-verify__tests_pgsql_pgsql-5000-query-results_input.pcap, frame 1.
CapturedSyn linux_64240_syn() {
    CapturedSyn p;
    p.ttl = 64; p.ip_id = 0x2a49; p.sequence = 176835089; p.window = 64240;
    p.options_hex = "020405b40402080a6b556c450000000001030307";
    return p;
}

// The same capture, frame 2: the Linux server's SYN-ACK.
CapturedSyn linux_65160_syn_ack() {
    CapturedSyn p;
    p.ttl = 64; p.ip_id = 0; p.tcp_flags = 0x012; p.sequence = 2233847829; p.ack = 176835090;
    p.window = 65160; p.options_hex = "020405b40402080ad81089cf6b556c4501030307"; p.peer_syn_mss = 1460;
    return p;
}

// zeek_zeek__testing_btest_Traces_tcp_syn-synack.pcap, frames 1 and 2.
CapturedSyn macos_ws4_syn() {
    CapturedSyn p;
    p.ttl = 64; p.ip_id = 0xdf8e; p.sequence = 4263588410; p.window = 65535;
    p.options_hex = "020405b4010303040101080a164add200000000004020000";
    return p;
}
CapturedSyn linux_mss10_syn_ack() {
    CapturedSyn p;
    p.ttl = 47; p.ip_id = 0; p.tcp_flags = 0x012; p.sequence = 2779762238; p.ack = 4263588411;
    p.window = 14480; p.options_hex = "020405b40402080a2f894259164add2001030307"; p.peer_syn_mss = 1460;
    return p;
}

// FoxIO-LLC_ja4__pcap_macos_tcp_flags.pcap, frames 1 and 2 (ECN set up).
CapturedSyn macos_ecn_syn() {
    CapturedSyn p;
    p.ttl = 64; p.ip_id = 0; p.tcp_flags = 0x0c2; p.sequence = 3332545746; p.window = 65535;
    p.options_hex = "020405b4010303060101080a780321b50000000004020000";
    return p;
}
CapturedSyn cloudflare_ecn_syn_ack() {
    CapturedSyn p;
    p.ttl = 63; p.ip_id = 0; p.tcp_flags = 0x052; p.sequence = 2940230589; p.ack = 3332545747;
    p.window = 65160; p.options_hex = "0204046e0402080a782fd004780321b501030308"; p.peer_syn_mss = 1460;
    return p;
}

// zeek_zeek__testing_btest_Traces_smtp.pcap, frame 64 (Linux SYN-ACK, 20 x 1448).
CapturedSyn linux_mss20_syn_ack() {
    CapturedSyn p;
    p.ttl = 64; p.ip_id = 0; p.tcp_flags = 0x012; p.sequence = 2131788254; p.ack = 3976465341;
    p.window = 28960; p.options_hex = "020405b40402080a000148c31805d1e901030307"; p.peer_syn_mss = 1460;
    return p;
}

// OISF_suricata-verify__tests_tls_tls-certs-alert_input.pcap, frame 1 (IPv6).
CapturedSyn linux_ipv6_mss20_syn() {
    CapturedSyn p;
    p.ip_version = 6; p.ttl = 64; p.flow_label = 0x06d431; p.sequence = 3964863679; p.window = 28800;
    p.options_hex = "020405a00402080acf10514d0000000001030307";
    return p;
}

// OISF_suricata-verify__tests_file-match-crossed_http-multipart-post.pcap, frame 1 (IPv6).
CapturedSyn linux_ipv6_64800_syn() {
    CapturedSyn p;
    p.ip_version = 6; p.ttl = 64; p.flow_label = 0x094237; p.sequence = 1225939456; p.window = 64800;
    p.options_hex = "020405a00402080a87d5daab0000000001030307";
    return p;
}

// the-tcpdump-group_tcpdump__tests_mptcp-v1.pcap, frame 1 (MPTCP option 30).
CapturedSyn mptcp_syn() {
    CapturedSyn p;
    p.ttl = 64; p.ip_id = 0xad7f; p.sequence = 2180756989; p.window = 65535;
    p.options_hex = "020405b40402080a1baf9ea100000000010303081e040101";
    return p;
}

// markofu_pcaps__PracticalPacketAnalysis_ppa-capture-files_ftpclientdenied.pcap, frame 1.
CapturedSyn windows_xp_syn() {
    CapturedSyn p;
    p.ttl = 128; p.ip_id = 0x6deb; p.sequence = 3916577272; p.window = 65535;
    p.options_hex = "020405b401010402";
    return p;
}

// OISF_suricata-verify__tests_ftp-quit_input.pcap, frame 1 (Windows 10 era).
CapturedSyn windows_64240_syn() {
    CapturedSyn p;
    p.ttl = 128; p.ip_id = 0x7ac9; p.sequence = 2029197078; p.window = 64240;
    p.options_hex = "020405b40103030801010402";
    return p;
}

// chrissanders_packets__activeosfingerprinting.pcapng, frame 3 (an Nmap -O probe).
CapturedSyn nmap_probe_syn() {
    CapturedSyn p;
    p.ttl = 47; p.dont_fragment = false; p.ip_id = 0xf042; p.sequence = 2538380056;
    p.ack = 1109197830; p.window = 63; p.options_hex = "020405780303000402080affffffff0000000000";
    return p;
}

std::optional<Fingerprinter> real_database_fingerprinter() {
    if (!std::ifstream(real_database_path).good()) {
        WARN("skipped: " << real_database_path << " is not installed (Debian package p0f)");
        return std::nullopt;
    }
    std::vector<ParseDiagnostic> diagnostics;
    Fingerprinter fingerprinter = Fingerprinter::from_file(real_database_path, diagnostics);
    CHECK(diagnostics.empty());
    return fingerprinter;
}

FingerprintResult check(const Fingerprinter& fingerprinter, const CapturedSyn& packet,
                        const std::string& label, MatchKind kind, unsigned distance) {
    const FingerprintResult result = fingerprinter.fingerprint(observation_of(packet));
    INFO("raw_sig " << result.observed_signature << " from " << result.signature_source);
    CHECK(result.label == label);
    CHECK(result.kind == kind);
    CHECK(result.distance == distance);
    return result;
}

}  // namespace

TEST_CASE("real SYNs matched against p0f's own database", "[fingerprint][captures]") {
    const auto fingerprinter = real_database_fingerprinter();
    if (!fingerprinter) return;

    SECTION("Windows 7") {
        // p0f: os = Windows 7 or 8, dist = 0, params = none,
        // raw_sig = 4:128+0:0:1460:8192,2:mss,nop,ws,nop,nop,sok:df,id+:0
        const FingerprintResult result =
            check(*fingerprinter, windows7_syn(), "Windows 7 or 8", MatchKind::exact, 0);
        CHECK(result.family == "Windows");
        CHECK(result.flavor == "7 or 8");
        CHECK(result.os_class == "win");
        CHECK_FALSE(result.generic_signature);
        CHECK_FALSE(result.fuzzy);
        CHECK(result.observed_signature == "4:128+0:0:1460:8192,2:mss,nop,ws,nop,nop,sok:df,id+:0");
        CHECK_THAT(result.signature_source, Catch::StartsWith(std::string(real_database_path) + ":"));
        check(*fingerprinter, windows7_ws8_syn(), "Windows 7 or 8", MatchKind::exact, 0);
    }
    SECTION("Windows XP") {
        // p0f: os = Windows XP, raw_sig = 4:128+0:0:1460:65535,0:mss,nop,nop,sok:df,id+:0
        check(*fingerprinter, windows_xp_syn(), "Windows XP", MatchKind::exact, 0);
    }
    SECTION("Windows with a 64240 window only meets p0f's catch-all") {
        // p0f: os = Windows NT kernel, params = generic,
        // raw_sig = 4:128+0:0:1460:mss*44,8:mss,nop,ws,nop,nop,sok:df,id+:0
        const FingerprintResult result =
            check(*fingerprinter, windows_64240_syn(), "Windows NT kernel", MatchKind::generic, 0);
        CHECK(result.generic_signature);
    }
    SECTION("Linux with a 20 x MSS window, 17 hops away") {
        // p0f: os = Linux 3.11 and newer, dist = 17,
        // raw_sig = 4:47+17:0:1452:mss*20,7:mss,sok,ts,nop,ws:df,id+:0
        const FingerprintResult result =
            check(*fingerprinter, linux_mss20_syn(), "Linux 3.11 and newer", MatchKind::exact, 17);
        CHECK(result.family == "Linux");
        CHECK(result.flavor == "3.11 and newer");
        CHECK(result.os_class == "unix");
    }
    SECTION("Linux with a 64240 window (44 x MSS) only meets p0f's catch-all") {
        // p0f: os = Linux 2.2.x-3.x, params = generic,
        // raw_sig = 4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0
        const FingerprintResult result =
            check(*fingerprinter, linux_64240_syn(), "Linux 2.2.x-3.x", MatchKind::generic, 0);
        CHECK(result.observed_signature == "4:64+0:0:1460:mss*44,7:mss,sok,ts,nop,ws:df,id+:0");
    }
    SECTION("macOS, window scale 4") {
        // p0f: os = MacOS X 10.9 or newer (sometimes iPhone or iPad), params = none
        check(*fingerprinter, macos_ws4_syn(), "MacOS X 10.9 or newer (sometimes iPhone or iPad)",
              MatchKind::exact, 0);
    }
    SECTION("macOS with ECN: only a fuzzy match of p0f's catch-all") {
        // p0f: os = Mac OS X, params = generic fuzzy,
        // raw_sig = 4:64+0:0:1460:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,ecn:0
        const FingerprintResult result =
            check(*fingerprinter, macos_ecn_syn(), "Mac OS X", MatchKind::fuzzy, 0);
        CHECK(result.family == "Mac OS X");
        CHECK(result.flavor.empty());
        CHECK(result.generic_signature);
        CHECK(result.fuzzy);
        CHECK(result.observed_signature ==
              "4:64+0:0:1460:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,ecn:0");
    }
    SECTION("an Nmap OS-detection probe is an application, with a bounded distance") {
        // p0f prints ??? here only because it tests the ACK number with a
        // bitwise '&' and misses even numbers; its raw_sig lacks ack+.
        const FingerprintResult result =
            check(*fingerprinter, nmap_probe_syn(), "NMap OS detection", MatchKind::exact, 17);
        CHECK(result.is_application());
        CHECK(result.distance_is_upper_bound);
        CHECK(result.observed_signature == "4:47+17:0:1400:63,0:mss,ws,sok,ts,eol+0:ack+:0");
    }
}

TEST_CASE("real SYN-ACKs matched against p0f's own database", "[fingerprint][captures]") {
    const auto fingerprinter = real_database_fingerprinter();
    if (!fingerprinter) return;

    SECTION("Linux 10 x MSS") {
        // p0f: os = Linux 3.x, dist = 17, raw_sig = 4:47+17:0:1460:mss*10,7:mss,sok,ts,nop,ws:df:0
        check(*fingerprinter, linux_mss10_syn_ack(), "Linux 3.x", MatchKind::exact, 17);
    }
    SECTION("a fuzzy match: DF clear, zero IP ID") {
        // p0f: os = Linux 2.6.x, dist = 15, params = fuzzy,
        // raw_sig = 4:49+15:0:1406:mss*4,7:mss,nop,nop,sok,nop,ws:id-:0
        const FingerprintResult result =
            check(*fingerprinter, handshake_syn_ack(), "Linux 2.6.x", MatchKind::fuzzy, 15);
        CHECK(result.fuzzy);
        CHECK_FALSE(result.generic_signature);
        CHECK(result.observed_signature == "4:49+15:0:1406:mss*4,7:mss,nop,nop,sok,nop,ws:id-:0");
    }
    SECTION("modern Linux falls through to the built-in signatures") {
        // p0f: os = ???, raw_sig = 4:64+0:0:1460:mss*45,7:mss,sok,ts,nop,ws:df:0
        const FingerprintResult result =
            check(*fingerprinter, linux_65160_syn_ack(), "Linux 4.20 and newer", MatchKind::builtin, 0);
        CHECK(result.family == "Linux");
        CHECK(result.os_class == "unix");
        CHECK_FALSE(result.fuzzy);
        CHECK_THAT(result.signature_source, Catch::StartsWith(std::string(builtin_signature_source)));
        CHECK(result.observed_signature == "4:64+0:0:1460:mss*45,7:mss,sok,ts,nop,ws:df:0");

        // p0f: os = ???, raw_sig = 4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df:0
        check(*fingerprinter, linux_mss20_syn_ack(), "Linux 3.x-4.19", MatchKind::builtin, 0);

        // p0f: os = ???, raw_sig = 4:63+1:0:1134:mss*45,8:mss,sok,ts,nop,ws:df,ecn:0
        const FingerprintResult ecn =
            check(*fingerprinter, cloudflare_ecn_syn_ack(), "Linux 4.20 and newer", MatchKind::builtin, 1);
        CHECK(ecn.fuzzy);
    }
}

TEST_CASE("IPv6 SYNs with flow labels fall through to the built-in signatures",
          "[fingerprint][captures]") {
    const auto fingerprinter = real_database_fingerprinter();
    if (!fingerprinter) return;
    // p0f: os = ???, raw_sig = 6:64+0:0:1440:mss*20,7:mss,sok,ts,nop,ws:flow:0
    check(*fingerprinter, linux_ipv6_mss20_syn(), "Linux 3.11-4.19", MatchKind::builtin, 0);
    // p0f: os = ???, raw_sig = 6:64+0:0:1440:mss*45,7:mss,sok,ts,nop,ws:flow:0
    const FingerprintResult result =
        check(*fingerprinter, linux_ipv6_64800_syn(), "Linux 4.20 and newer", MatchKind::builtin, 0);
    CHECK(result.observed_signature == "6:64+0:0:1440:mss*45,7:mss,sok,ts,nop,ws:flow:0");
}

TEST_CASE("a SYN nobody has a signature for", "[fingerprint][captures]") {
    const auto fingerprinter = real_database_fingerprinter();
    if (!fingerprinter) return;
    // p0f: os = ???, raw_sig = 4:64+0:0:1460:65535,8:mss,sok,ts,nop,ws,?30:df,id+:0
    const FingerprintResult result = check(*fingerprinter, mptcp_syn(), "", MatchKind::none, 0);
    CHECK_FALSE(result.matched());
    CHECK(result.family.empty());
    CHECK(result.signature_source.empty());
    CHECK(result.observed_signature == "4:64+0:0:1460:65535,8:mss,sok,ts,nop,ws,?30:df,id+:0");
}

TEST_CASE("link types from [mtu]", "[fingerprint][captures]") {
    const auto fingerprinter = real_database_fingerprinter();
    if (!fingerprinter) return;
    // p0f: link = Ethernet or modem, raw_mtu = 1500
    CHECK(fingerprinter->link_for_mss(IpVersion::v4, 1460) == std::optional<std::string>("Ethernet or modem"));
    CHECK(fingerprinter->link_for_mss(IpVersion::v6, 1440) == std::optional<std::string>("Ethernet or modem"));
    CHECK(fingerprinter->link_for_mss(IpVersion::v4, 1452) == std::optional<std::string>("DSL"));
    // p0f: link = ???, raw_mtu = 1446 (the handshake capture's SYN-ACK)
    CHECK_FALSE(fingerprinter->link_for_mss(IpVersion::v4, 1406).has_value());
}

TEST_CASE("without a database the built-in signatures answer alone", "[fingerprint][captures]") {
    const Fingerprinter builtin_only;
    CHECK_FALSE(builtin_only.has_database());

    check(builtin_only, windows7_syn(), "Windows NT 6.x (Vista to 8.1, Server 2008 to 2012)",
          MatchKind::builtin, 0);
    check(builtin_only, windows_64240_syn(), "Windows 10 or 11", MatchKind::builtin, 0);
    const FingerprintResult mac = check(builtin_only, macos_ecn_syn(), "macOS recent, or iOS",
                                        MatchKind::builtin, 0);
    CHECK_FALSE(mac.fuzzy);
    check(builtin_only, linux_64240_syn(), "Linux 4.20 and newer", MatchKind::builtin, 0);
    const FingerprintResult fallback =
        check(builtin_only, handshake_syn_ack(), "Linux", MatchKind::builtin, 15);
    CHECK(fallback.generic_signature);
    CHECK(fallback.fuzzy);
    check(builtin_only, mptcp_syn(), "", MatchKind::none, 0);

    CHECK(builtin_only.link_for_mss(IpVersion::v4, 1460) == std::optional<std::string>("Ethernet"));
    CHECK(builtin_only.link_for_mss(IpVersion::v4, 1452) == std::optional<std::string>("PPPoE"));
}

TEST_CASE("an unreadable database leaves the built-in signatures working", "[fingerprint][captures]") {
    std::vector<ParseDiagnostic> diagnostics;
    const Fingerprinter fingerprinter = Fingerprinter::from_file("/nonexistent/p0f.fp", diagnostics);
    REQUIRE(diagnostics.size() == 1);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("cannot open"));
    CHECK_FALSE(fingerprinter.has_database());
    check(fingerprinter, linux_65160_syn_ack(), "Linux 4.20 and newer", MatchKind::builtin, 0);
}

TEST_CASE("Wireshark's option fields give the same answer as the raw bytes", "[fingerprint][captures]") {
    // FoxIO macOS SYN again, filled the way a dissector sees it:
    // tcp.option_kind, tcp.options.mss_val, tcp.options.wscale.shift, tsval/tsecr.
    SynObservation from_fields = observation_of(macos_ecn_syn());
    set_options_from_wireshark_kinds(from_fields, std::vector<std::uint8_t>{2, 1, 3, 1, 1, 8, 4, 0, 0});
    from_fields.mss = 1460;
    from_fields.window_scale = 6;
    from_fields.timestamp_value = 2013471157;
    from_fields.timestamp_echo = 0;

    const Fingerprinter builtin_only;
    CHECK(builtin_only.fingerprint(from_fields).observed_signature ==
          builtin_only.fingerprint(observation_of(macos_ecn_syn())).observed_signature);
}

TEST_CASE("match kinds have names", "[fingerprint][captures]") {
    CHECK(to_string(MatchKind::exact) == "exact");
    CHECK(to_string(MatchKind::generic) == "generic");
    CHECK(to_string(MatchKind::fuzzy) == "fuzzy");
    CHECK(to_string(MatchKind::builtin) == "builtin");
    CHECK(to_string(MatchKind::none) == "none");
}
