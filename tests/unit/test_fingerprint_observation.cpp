// Turning what a SYN or SYN-ACK shows into p0f's view of it: options,
// quirks, window multiples and the raw signature text. Packet values are
// copied from public captures (named beside each) via
// `tshark -Y 'tcp.flags.syn==1' -T fields`; p0f's answers from
// `p0f -r CAPTURE -f /etc/p0f/p0f.fp` (p0f 3.09b).

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "expert/fingerprint/observed_signature.h"
#include "expert/fingerprint/syn_observation.h"
#include "expert/fingerprint/tcp_quirks.h"

using namespace mssck::fingerprint;

namespace {

std::vector<std::uint8_t> from_hex(const std::string& hex) {
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return bytes;
}

SynObservation with_option_bytes(const std::string& hex) {
    SynObservation observation;
    const auto bytes = from_hex(hex);
    set_options_from_bytes(observation, bytes.data(), bytes.size());
    return observation;
}

// FoxIO-LLC_ja4__pcap_macos_tcp_flags.pcap, frame 1: macOS SYN with ECN.
SynObservation macos_syn() {
    SynObservation syn = with_option_bytes("020405b4010303060101080a780321b50000000004020000");
    syn.ip_version = IpVersion::v4;
    syn.ttl = 64;
    syn.dont_fragment = true;
    syn.ip_id = 0x0000;
    syn.flags.ece = true;
    syn.flags.cwr = true;
    syn.sequence_number = 3332545746;
    syn.window = 65535;
    syn.tcp_header_length = 44;
    return syn;
}

// OISF_suricata-verify__tests_ftp-quit_input.pcap, frame 2: a SYN-ACK
// whose window is 4 x (MSS + the actual 52 header bytes).
SynObservation ftp_quit_syn_ack() {
    SynObservation syn_ack = with_option_bytes("020405780101040201030301");
    syn_ack.ttl = 48;
    syn_ack.dont_fragment = true;
    syn_ack.flags.ack = true;
    syn_ack.sequence_number = 2212667401;
    syn_ack.ack_number = 2029197079;
    syn_ack.window = 5808;
    syn_ack.tcp_header_length = 32;
    return syn_ack;
}

}  // namespace

TEST_CASE("option bytes give layout, padding and values", "[fingerprint][observation]") {
    const SynObservation syn = macos_syn();
    CHECK(syn.options.kinds == std::vector<std::uint8_t>{2, 1, 3, 1, 1, 8, 4, 0});
    CHECK(syn.options.eol_padding == 1);
    CHECK(to_p0f_text(syn.options) == "mss,nop,ws,nop,nop,ts,sok,eol+1");
    CHECK(syn.mss == 1460);
    CHECK(syn.window_scale == 6);
    CHECK(syn.timestamp_value == 0x780321b5u);
    CHECK(syn.timestamp_echo == 0u);
    CHECK_FALSE(syn.nonzero_data_after_eol);
    CHECK_FALSE(syn.malformed_options);
}

TEST_CASE("option byte oddities become p0f's quirks", "[fingerprint][observation]") {
    SECTION("data after EOL") {
        const SynObservation syn = with_option_bytes("020405b4000001");
        CHECK(syn.options.eol_padding == 2);
        CHECK(syn.nonzero_data_after_eol);
        CHECK_FALSE(syn.malformed_options);
    }
    SECTION("an option cut short") {
        const SynObservation syn = with_option_bytes("01020405");
        CHECK(syn.options.kinds == std::vector<std::uint8_t>{1, 2});
        CHECK(syn.malformed_options);
        CHECK_FALSE(syn.mss.has_value());
    }
    SECTION("a wrong length byte is malformed, but the value is still read") {
        const SynObservation syn = with_option_bytes("020505b4");
        CHECK(syn.malformed_options);
        CHECK(syn.mss == 0x05b4);
    }
    SECTION("SACK blocks and unknown options are stepped over by length") {
        // SACK with one block, then MPTCP (kind 30) as in the mptcp-v1 capture.
        const SynObservation syn = with_option_bytes("050a0000000100000002" "1e040101");
        CHECK(syn.options.kinds == std::vector<std::uint8_t>{5, 30});
        CHECK_FALSE(syn.malformed_options);
    }
    SECTION("an unknown option with an impossible length stops parsing") {
        const SynObservation syn = with_option_bytes("1e0101");
        CHECK(syn.options.kinds == std::vector<std::uint8_t>{30});
        CHECK(syn.malformed_options);
    }
    SECTION("no options at all") {
        const SynObservation syn = with_option_bytes("");
        CHECK(syn.options.kinds.empty());
        CHECK_FALSE(syn.malformed_options);
    }
}

TEST_CASE("Wireshark's option kind list gives the same layout", "[fingerprint][observation]") {
    // tcp.option_kind of the macOS SYN above: each padding byte is one more EOL.
    SynObservation syn;
    set_options_from_wireshark_kinds(syn, std::vector<std::uint8_t>{2, 1, 3, 1, 1, 8, 4, 0, 0});
    CHECK(syn.options == macos_syn().options);
    CHECK_FALSE(syn.nonzero_data_after_eol);

    set_options_from_wireshark_kinds(syn, std::vector<std::uint8_t>{2, 0, 0, 30});
    CHECK(to_p0f_text(syn.options) == "mss,eol+1");
    CHECK(syn.nonzero_data_after_eol);

    set_options_from_wireshark_kinds(syn, std::vector<std::uint8_t>(30, 1));
    CHECK(syn.options.kinds.size() == 24);
    CHECK(syn.malformed_options);
}

TEST_CASE("quirks are derived from the header fields", "[fingerprint][observation]") {
    SynObservation syn;
    syn.sequence_number = 1;
    CHECK(quirks_of(syn) == QuirkSet{Quirk::zero_ip_id});  // DF clear, ID zero

    syn.dont_fragment = true;
    CHECK(quirks_of(syn) == QuirkSet{Quirk::dont_fragment});
    syn.ip_id = 7;
    CHECK(quirks_of(syn) == QuirkSet{Quirk::dont_fragment, Quirk::nonzero_ip_id});

    SynObservation odd;
    odd.ip_id = 1;                     // DF clear, ID set: nothing
    odd.ip_reserved_flag = true;       // 0+
    odd.ecn_codepoint = 2;             // ecn
    odd.sequence_number = 0;           // seq-
    odd.ack_number = 1109197830;       // ack+ (even numbers too)
    odd.urgent_pointer = 5;            // uptr+
    odd.flags.psh = true;              // pushf+
    odd.timestamp_value = 0;           // ts1-
    odd.timestamp_echo = 9;            // ts2+
    odd.nonzero_data_after_eol = true; // opt+
    odd.window_scale = 15;             // exws
    odd.malformed_options = true;      // bad
    CHECK(to_p0f_text(quirks_of(odd)) == "ecn,0+,seq-,ack+,uptr+,pushf+,ts1-,ts2+,opt+,exws,bad");

    SynObservation syn_ack;
    syn_ack.sequence_number = 1;
    syn_ack.flags.ack = true;
    syn_ack.flags.urg = true;
    syn_ack.urgent_pointer = 5;
    syn_ack.timestamp_value = 3;
    syn_ack.timestamp_echo = 9;  // echoing is normal on a SYN-ACK
    CHECK(to_p0f_text(quirks_of(syn_ack)) == "id-,ack-,urgf+");

    SynObservation v6;
    v6.ip_version = IpVersion::v6;
    v6.sequence_number = 1;
    v6.flow_label = 0x06d431;
    v6.dont_fragment = true;  // not an IPv6 field: ignored
    CHECK(quirks_of(v6) == QuirkSet{Quirk::flow_label});

    SynObservation reset;
    reset.sequence_number = 1;
    reset.dont_fragment = true;
    reset.flags.rst = true;
    reset.ack_number = 5;
    CHECK(quirks_of(reset) == QuirkSet{Quirk::dont_fragment});

    CHECK(to_p0f_text(quirks_of(macos_syn())) == "df,ecn");
}

TEST_CASE("windows are read as multiples of MSS or MTU in p0f's order", "[fingerprint][observation]") {
    ObservedSignature observed;
    observed.mss = 1460;

    observed.window = 64240;  // pgsql capture, Linux SYN: 44 x 1460
    CHECK(detect_window_multiple(observed)->multiplier == 44);
    CHECK_FALSE(detect_window_multiple(observed)->of_mtu);

    observed.mss = 1400;
    observed.window = 47 * 1388;  // 47 x (MSS - 12), tried only with timestamps
    CHECK_FALSE(detect_window_multiple(observed).has_value());
    observed.own_timestamp = 1;
    CHECK(detect_window_multiple(observed)->multiplier == 47);

    observed.mss = 1134;      // FoxIO SYN-ACK: falls back to 1448 (1500 - 40 - 12)
    observed.window = 65160;
    CHECK(detect_window_multiple(observed)->multiplier == 45);

    observed.mss = 1460;
    observed.window = 3000;   // 2 x 1500: an MTU multiple
    CHECK(detect_window_multiple(observed)->of_mtu);
    CHECK(detect_window_multiple(observed)->multiplier == 2);

    observed.mss = 99;        // too small to mean anything
    CHECK_FALSE(detect_window_multiple(observed).has_value());
    observed.mss = 1460;
    observed.window = 0;
    CHECK_FALSE(detect_window_multiple(observed).has_value());

    const ObservedSignature ftp = observe(ftp_quit_syn_ack());
    CHECK(ftp.total_header_length == 52);
    REQUIRE(detect_window_multiple(ftp).has_value());
    CHECK(detect_window_multiple(ftp)->of_mtu);
    CHECK(detect_window_multiple(ftp)->multiplier == 4);
}

TEST_CASE("a SYN-ACK window may be a multiple of the SYN's MSS", "[fingerprint][observation]") {
    SynObservation syn_ack;
    syn_ack.flags.ack = true;
    syn_ack.mss = 1400;
    syn_ack.window = 3 * 1380;
    CHECK_FALSE(detect_window_multiple(observe(syn_ack)).has_value());
    syn_ack.peer_syn_mss = 1380;
    CHECK(detect_window_multiple(observe(syn_ack))->multiplier == 3);
    syn_ack.flags.ack = false;  // only SYN-ACKs answer a peer
    CHECK_FALSE(detect_window_multiple(observe(syn_ack)).has_value());
}

TEST_CASE("initial TTL guesses", "[fingerprint][observation]") {
    CHECK(guess_initial_ttl(1) == 32);
    CHECK(guess_initial_ttl(32) == 32);
    CHECK(guess_initial_ttl(33) == 64);
    CHECK(guess_initial_ttl(64) == 64);
    CHECK(guess_initial_ttl(65) == 128);
    CHECK(guess_initial_ttl(128) == 128);
    CHECK(guess_initial_ttl(129) == 255);
    CHECK(guess_initial_ttl(255) == 255);
    CHECK(guess_ttl_distance(49) == 15);
}

TEST_CASE("raw signatures print exactly as p0f prints them", "[fingerprint][observation]") {
    // p0f: 4:64+0:0:1460:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,ecn:0
    CHECK(to_p0f_text(observe(macos_syn())) ==
          "4:64+0:0:1460:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,ecn:0");
    // p0f: 4:48+16:0:1400:mtu*4,1:mss,nop,nop,sok,nop,ws:df:0
    CHECK(to_p0f_text(observe(ftp_quit_syn_ack())) ==
          "4:48+16:0:1400:mtu*4,1:mss,nop,nop,sok,nop,ws:df:0");

    // A TTL too far below any guess prints '?' for the distance.
    SynObservation far = ftp_quit_syn_ack();
    far.ttl = 80;
    CHECK_THAT(to_p0f_text(observe(far)), Catch::StartsWith("4:80+?:0:"));
}

TEST_CASE("arbitrary option bytes never read out of bounds or throw", "[fingerprint][observation]") {
    std::uint32_t state = 12345;
    const auto next_byte = [&state] {
        state = state * 1103515245u + 12345u;
        return static_cast<std::uint8_t>(state >> 16);
    };
    for (int round = 0; round < 5000; ++round) {
        // Bias towards real option kinds so that parsing goes deep.
        std::vector<std::uint8_t> bytes(next_byte() % 41);
        for (auto& byte : bytes) byte = next_byte() % 3 == 0 ? next_byte() % 9 : next_byte();
        SynObservation observation;
        REQUIRE_NOTHROW(set_options_from_bytes(observation, bytes.data(), bytes.size()));
        CHECK(observation.options.kinds.size() <= max_layout_options);
        REQUIRE_NOTHROW(to_p0f_text(observe(observation)));
    }
    SynObservation empty;
    REQUIRE_NOTHROW(set_options_from_bytes(empty, nullptr, 10));
    CHECK(empty.options.kinds.empty());
}
