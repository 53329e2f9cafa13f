// Oversized segments that a TSO/GSO/GRO capture shows are mssck.offload,
// never mssck.violation, and the classic 536-vs-512 case stays a violation.
#include <catch2/catch.hpp>

#include "expert/analyzer.h"
#include "expert/oversize_classifier.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;
using mssck::test::kClient;
using mssck::test::kServer;

namespace {

Analyzer with_handshake(std::uint16_t client_mss, std::uint16_t server_mss, AnalysisSettings settings = {}) {
    Analyzer analyzer(settings);
    analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).syn(client_mss).first_syn());
    analyzer.observe(SegmentBuilder(2, kServer, 80, kClient, 40000).syn(server_mss));
    return analyzer;
}
} // namespace

TEST_CASE("a TSO segment on the sender is an offload artifact", "[offload]") {
    Analyzer analyzer = with_handshake(1460, 1460);
    const FrameReport* report =
        analyzer.observe(SegmentBuilder(3, kClient, 40000, kServer, 80).payload(65160).tcp_options(12));
    REQUIRE(report != nullptr);
    CHECK(report->findings.has(FindingId::Offload));
    CHECK_FALSE(report->findings.has(FindingId::Violation));
    CHECK(report->offload.has(OffloadClue::AboveSenderMtu));
    CHECK(report->offload.has(OffloadClue::AboveEthernetMtu));
    CHECK(report->offload.has(OffloadClue::MultipleOfLimit) == (65160 % 1448 == 0));
    CHECK(report->offload.has(OffloadClue::InitialTtl));
}

TEST_CASE("IPv4 total length 0 is decisive", "[offload]") {
    Analyzer analyzer = with_handshake(9000, 1460);
    // Within the sender's jumbo MTU, but the NIC was to fill in the length.
    const FrameReport* report =
        analyzer.observe(SegmentBuilder(3, kClient, 40000, kServer, 80).payload(2896).ip_len_zero());
    REQUIRE(report != nullptr);
    CHECK(report->findings.has(FindingId::Offload));
    CHECK(report->offload.has(OffloadClue::IpLengthZero));
    CHECK_FALSE(report->offload.has(OffloadClue::AboveSenderMtu));
}

TEST_CASE("GRO on the receiver: merged segments above the sender's MTU", "[offload]") {
    Analyzer analyzer = with_handshake(1460, 1460);
    const FrameReport* report =
        analyzer.observe(SegmentBuilder(3, kServer, 80, kClient, 40000).payload(2896).tcp_options(12).ttl(57));
    REQUIRE(report != nullptr);
    CHECK(report->findings.has(FindingId::Offload));
    CHECK(report->offload.has(OffloadClue::MultipleOfLimit));
    CHECK_FALSE(report->offload.has(OffloadClue::InitialTtl));
}

TEST_CASE("a sender at its initial TTL within its own MTU still violates", "[offload]") {
    // Windows Vista+ (TTL 128) captured on itself, 536 bytes to a 512 peer.
    Analyzer analyzer = with_handshake(1460, 512);
    const FrameReport* report = analyzer.observe(SegmentBuilder(3, kClient, 40000, kServer, 80).payload(536).ttl(128));
    REQUIRE(report != nullptr);
    CHECK(report->findings.has(FindingId::Violation));
    CHECK_FALSE(report->findings.has(FindingId::Offload));
}

TEST_CASE("a sender whose MSS is unknown", "[offload]") {
    Analyzer analyzer;
    analyzer.observe(SegmentBuilder(1, kServer, 80, kClient, 40000).syn(1400).first_syn());
    SECTION("an IP packet above 1500 bytes is an artifact") {
        const FrameReport* report = analyzer.observe(SegmentBuilder(2, kClient, 40000, kServer, 80).payload(2000).ttl(60));
        REQUIRE(report != nullptr);
        CHECK(report->findings.has(FindingId::Offload));
        CHECK(report->offload.has(OffloadClue::AboveEthernetMtu));
    }
    SECTION("a packet that fits Ethernet is a violation") {
        const FrameReport* report = analyzer.observe(SegmentBuilder(2, kClient, 40000, kServer, 80).payload(1450).ttl(60));
        REQUIRE(report != nullptr);
        CHECK(report->findings.has(FindingId::Violation));
    }
}

TEST_CASE("offload detection can be switched off", "[offload]") {
    AnalysisSettings settings;
    settings.detect_offload = false;
    Analyzer analyzer = with_handshake(1460, 1460, settings);
    const FrameReport* report = analyzer.observe(SegmentBuilder(3, kClient, 40000, kServer, 80).payload(65160));
    REQUIRE(report != nullptr);
    CHECK(report->findings.has(FindingId::Violation));
    CHECK_FALSE(report->findings.has(FindingId::Offload));
}

TEST_CASE("offload evidence reads as a list", "[offload]") {
    OffloadEvidence evidence;
    evidence.add(OffloadClue::IpLengthZero);
    evidence.add(OffloadClue::InitialTtl);
    char text[160];
    evidence.format(text, sizeof text);
    CHECK(std::string(text) == "IP total length 0, TTL at its initial value (captured on the sender)");
}
