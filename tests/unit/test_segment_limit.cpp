// The segment limit and mssck.violation: the peer's MSS less the options
// a segment carries, and the classic Windows Vista+ case of 536 vs 512.
#include <catch2/catch.hpp>

#include <string>

#include "expert/analyzer.h"
#include "expert/finding_text.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;

namespace {

const IpAddress kSender = ipv4(10, 1, 1, 1);
const IpAddress kReceiver = ipv4(10, 1, 1, 5);

// The handshake from the seed document: 1460 one way, 512 the other.
void handshake(Analyzer& analyzer, std::uint16_t sender_mss, std::uint16_t receiver_mss) {
    analyzer.observe(SegmentBuilder(1, kSender, 28474, kReceiver, 25).syn(sender_mss).first_syn());
    analyzer.observe(SegmentBuilder(2, kReceiver, 25, kSender, 28474).syn(receiver_mss));
    analyzer.observe(SegmentBuilder(3, kSender, 28474, kReceiver, 25));
}

std::string text_of(const Analyzer& analyzer, FindingId id, const FrameReport& report) {
    char text[kFindingTextSize];
    format_finding(id, report, analyzer.view_of(report), analyzer.detail_for(report.frame), *analyzer.conversation(report.stream), text, sizeof text);
    return text;
}

} // namespace

TEST_CASE("536 bytes to a peer that advertised 512 is a violation", "[limit]") {
    Analyzer analyzer;
    handshake(analyzer, 1460, 512);
    const FrameReport* report = analyzer.observe(SegmentBuilder(11, kSender, 28474, kReceiver, 25).payload(536));
    REQUIRE(report != nullptr);
    CHECK(report->findings.has(FindingId::Violation));
    CHECK_FALSE(report->findings.has(FindingId::Offload));
    CHECK(analyzer.view_of(*report).peer_mss.value == 512);
    CHECK(analyzer.view_of(*report).peer_mss.frame == 2);
    CHECK(analyzer.view_of(*report).sender_mss.value == 1460);
    CHECK(report->limit == 512);
    CHECK(report->excess() == 24);
    CHECK(text_of(analyzer, FindingId::Violation, *report) ==
          "536 bytes exceed the 512-byte MSS that 10.1.1.5 advertised (frame 2)");
}

TEST_CASE("a segment of exactly the limit is fine", "[limit]") {
    Analyzer analyzer;
    handshake(analyzer, 1460, 512);
    const FrameReport* report = analyzer.observe(SegmentBuilder(11, kSender, 28474, kReceiver, 25).payload(512));
    REQUIRE(report != nullptr);
    CHECK(report->findings.empty());
    CHECK(report->has_limit);
    CHECK(report->excess() == 0);
}

TEST_CASE("TCP and IP options come off the peer's MSS (RFC 6691)", "[limit]") {
    Analyzer analyzer;
    handshake(analyzer, 1460, 512);

    SECTION("timestamps: 12 option bytes leave 500") {
        const FrameReport* report =
            analyzer.observe(SegmentBuilder(11, kSender, 28474, kReceiver, 25).payload(524).tcp_options(12));
        REQUIRE(report != nullptr);
        CHECK(report->limit == 500);
        CHECK(report->option_bytes == 12);
        CHECK(report->excess() == 24);
        CHECK(report->findings.has(FindingId::Violation));
        CHECK(text_of(analyzer, FindingId::Violation, *report) ==
              "524 bytes exceed the 512-byte MSS that 10.1.1.5 advertised (frame 2), which leaves 500 "
              "with the 12 option bytes this segment carries");
    }
    SECTION("IP options count too") {
        const FrameReport* report = analyzer.observe(
            SegmentBuilder(11, kSender, 28474, kReceiver, 25).payload(500).tcp_options(12).ip_options(8));
        REQUIRE(report != nullptr);
        CHECK(report->limit == 492);
        CHECK(report->findings.has(FindingId::Violation));
    }
    SECTION("a segment within the reduced limit is fine") {
        const FrameReport* report =
            analyzer.observe(SegmentBuilder(11, kSender, 28474, kReceiver, 25).payload(500).tcp_options(12));
        REQUIRE(report != nullptr);
        CHECK(report->findings.empty());
    }
}

TEST_CASE("each direction is held to the other side's MSS", "[limit]") {
    Analyzer analyzer;
    handshake(analyzer, 4312, 1460);
    const FrameReport* to_small =
        analyzer.observe(SegmentBuilder(4, kSender, 28474, kReceiver, 25).payload(1448).tcp_options(12));
    const FrameReport* to_large =
        analyzer.observe(SegmentBuilder(5, kReceiver, 25, kSender, 28474).payload(1448).tcp_options(12));
    REQUIRE(to_small != nullptr);
    REQUIRE(to_large != nullptr);
    CHECK(to_small->limit == 1448);
    CHECK(to_large->limit == 4300);
    CHECK(to_small->findings.empty());
    CHECK(to_large->findings.empty());
    CHECK(analyzer.view_of(*to_large).sender_mss.value == 1460);
    CHECK(analyzer.view_of(*to_large).peer_mss.value == 4312);
}

TEST_CASE("segments without payload have no limit", "[limit]") {
    Analyzer analyzer;
    handshake(analyzer, 1460, 512);
    const FrameReport* ack = analyzer.report_for(3);
    REQUIRE(ack != nullptr);
    CHECK_FALSE(ack->has_limit);
    CHECK(analyzer.view_of(*ack).peer_mss.value == 512);
    CHECK(ack->findings.empty());
}
