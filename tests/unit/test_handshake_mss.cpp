// Where each side's MSS comes from: the option, the RFC default, a changed
// retransmitted SYN, or nothing at all (assumed / inferred never violate).
#include <catch2/catch.hpp>

#include "expert/analyzer.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;
using mssck::test::kClient;
using mssck::test::kServer;
using mssck::test::ipv6_doc;

TEST_CASE("a SYN without MSS option gets the RFC default", "[handshake]") {
    SECTION("536 for IPv4") {
        Analyzer analyzer;
        const FrameReport* syn = analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).syn_without_mss().first_syn());
        REQUIRE(syn != nullptr);
        CHECK(syn->findings.has(FindingId::MssDefault));
        CHECK(analyzer.view_of(*syn).sender_mss.value == 536);
        CHECK(analyzer.view_of(*syn).sender_mss.source == MssSource::RfcDefault);

        analyzer.observe(SegmentBuilder(2, kServer, 80, kClient, 40000).syn(1460));
        const FrameReport* data = analyzer.observe(SegmentBuilder(3, kServer, 80, kClient, 40000).payload(1460));
        REQUIRE(data != nullptr);
        CHECK(data->limit == 536);
        // The default is what the RFC says the host can take: a confirmed limit.
        CHECK(data->findings.has(FindingId::Violation));
    }
    SECTION("1220 for IPv6") {
        Analyzer analyzer;
        const FrameReport* syn = analyzer.observe(
            SegmentBuilder(1, ipv6_doc(1), 40000, ipv6_doc(2), 80).syn_without_mss().first_syn());
        REQUIRE(syn != nullptr);
        CHECK(analyzer.view_of(*syn).sender_mss.value == 1220);
    }
}

TEST_CASE("a repeated SYN with another MSS: the latest wins, and it is noted", "[handshake]") {
    Analyzer analyzer;
    analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).syn(1460).first_syn());
    const FrameReport* again = analyzer.observe(SegmentBuilder(2, kClient, 40000, kServer, 80).syn(1400).first_syn());
    REQUIRE(again != nullptr);
    CHECK(again->findings.has(FindingId::MssChanged));
    REQUIRE(again->has_detail);
    const FrameDetail* detail = analyzer.detail_for(again->frame);
    REQUIRE(detail != nullptr);
    CHECK(detail->previous_mss == 1460);
    CHECK(analyzer.view_of(*again).sender_mss.value == 1400);
    CHECK(analyzer.view_of(*again).sender_mss.frame == 2);

    const FrameReport* same = analyzer.observe(SegmentBuilder(3, kClient, 40000, kServer, 80).syn(1400).first_syn());
    REQUIRE(same != nullptr);
    CHECK_FALSE(same->findings.has(FindingId::MssChanged));

    analyzer.observe(SegmentBuilder(4, kServer, 80, kClient, 40000).syn(1460));
    const FrameReport* data = analyzer.observe(SegmentBuilder(5, kServer, 80, kClient, 40000).payload(1400));
    REQUIRE(data != nullptr);
    CHECK(analyzer.view_of(*data).peer_mss.value == 1400);
    CHECK(analyzer.view_of(*data).peer_mss.frame == 3);  // the latest SYN
}

TEST_CASE("without the handshake the MSS is unknown and nothing is flagged", "[handshake]") {
    Analyzer analyzer;
    const FrameReport* data = analyzer.observe(SegmentBuilder(1, kServer, 80, kClient, 40000).payload(1448));
    REQUIRE(data != nullptr);
    CHECK_FALSE(analyzer.view_of(*data).peer_mss.known());
    CHECK_FALSE(data->has_limit);
    CHECK(data->findings.empty());
}

TEST_CASE("an assumed MSS raises a note, never a violation", "[handshake]") {
    AnalysisSettings settings;
    settings.assumed_mss = 536;
    Analyzer analyzer(settings);
    const FrameReport* data = analyzer.observe(SegmentBuilder(1, kServer, 80, kClient, 40000).payload(1000));
    REQUIRE(data != nullptr);
    CHECK(analyzer.view_of(*data).peer_mss.source == MssSource::Assumed);
    CHECK(data->limit == 536);
    CHECK(data->findings.has(FindingId::AssumedLimitExceeded));
    CHECK_FALSE(data->findings.has(FindingId::Violation));
}

TEST_CASE("an inferred MSS comes from the peer's own largest segment", "[handshake]") {
    AnalysisSettings settings;
    settings.infer_mss = true;
    Analyzer analyzer(settings);
    analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).payload(500).tcp_options(12));
    const FrameReport* data = analyzer.observe(SegmentBuilder(2, kServer, 80, kClient, 40000).payload(1000));
    REQUIRE(data != nullptr);
    CHECK(analyzer.view_of(*data).peer_mss.source == MssSource::Inferred);
    CHECK(analyzer.view_of(*data).peer_mss.value == 512);
    CHECK(data->findings.has(FindingId::AssumedLimitExceeded));
    CHECK_FALSE(data->findings.has(FindingId::Violation));
}

TEST_CASE("a real MSS beats an assumed one", "[handshake]") {
    AnalysisSettings settings;
    settings.assumed_mss = 536;
    Analyzer analyzer(settings);
    analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).syn(1460).first_syn());
    analyzer.observe(SegmentBuilder(2, kServer, 80, kClient, 40000).syn(1460));
    const FrameReport* data = analyzer.observe(SegmentBuilder(3, kServer, 80, kClient, 40000).payload(1000));
    REQUIRE(data != nullptr);
    CHECK(analyzer.view_of(*data).peer_mss.source == MssSource::Option);
    CHECK(data->findings.empty());
}
