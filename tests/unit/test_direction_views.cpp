// The MSS and fingerprints of both ends are kept once per change, not once
// per frame (Analyzer::view_of): views are shared by the frames of one
// direction, and a frame's view is the one of its time.
#include <catch2/catch.hpp>

#include <string>

#include "expert/analyzer.h"
#include "expert/finding_text.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;
using mssck::test::kClient;
using mssck::test::kServer;

TEST_CASE("the data segments of one conversation share a handful of views", "[views]") {
    Analyzer analyzer;
    analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).syn(1460).first_syn());
    analyzer.observe(SegmentBuilder(2, kServer, 80, kClient, 40000).syn(1400));
    std::uint32_t frame = 3;
    std::uint32_t client_seq = 1, server_seq = 1;
    for (int i = 0; i < 500; ++i) {
        analyzer.observe(SegmentBuilder(frame++, kClient, 40000, kServer, 80).seq(client_seq).ack(server_seq).payload(1000));
        client_seq += 1000;
        analyzer.observe(SegmentBuilder(frame++, kServer, 80, kClient, 40000).seq(server_seq).ack(client_seq).payload(1000));
        server_seq += 1000;
    }
    CHECK(analyzer.frame_count() == 1002);
    // The default view, the client's SYN (peer MSS not known yet), the
    // server's SYN-ACK, then one per direction once both MSS are known.
    CHECK(analyzer.view_count() <= 5);

    const FrameReport* first = analyzer.report_for(3);
    const FrameReport* last = analyzer.report_for(1002);
    REQUIRE(first != nullptr);
    REQUIRE(last != nullptr);
    CHECK(first->view == analyzer.report_for(1001)->view);  // the client's data
    CHECK(first->view != last->view);                       // the server's data
    CHECK(&analyzer.view_of(*first) == &analyzer.view_of(*analyzer.report_for(999)));
    CHECK(analyzer.view_of(*first).sender_mss.value == 1460);
    CHECK(analyzer.view_of(*first).peer_mss.value == 1400);
    CHECK(analyzer.view_of(*last).sender_mss.value == 1400);
    CHECK(analyzer.view_of(*last).peer_mss.value == 1460);
}

TEST_CASE("a later MSS change leaves what earlier frames show", "[views]") {
    Analyzer analyzer;
    analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).syn(1460).first_syn());
    analyzer.observe(SegmentBuilder(2, kServer, 80, kClient, 40000).syn(512));
    const FrameReport* before = analyzer.observe(SegmentBuilder(3, kClient, 40000, kServer, 80).payload(536));
    REQUIRE(before != nullptr);
    CHECK(before->findings.has(FindingId::Violation));

    // A retransmitted SYN-ACK with another MSS: the later frames are held to it.
    analyzer.observe(SegmentBuilder(4, kServer, 80, kClient, 40000).syn(1400));
    const FrameReport* after = analyzer.observe(SegmentBuilder(5, kClient, 40000, kServer, 80).payload(536));
    REQUIRE(after != nullptr);
    CHECK(after->findings.empty());
    CHECK(analyzer.view_of(*after).peer_mss.value == 1400);
    CHECK(analyzer.view_of(*after).peer_mss.frame == 4);

    // Frame 3 still shows the MSS of its time, in its fields and its words.
    const FrameReport* again = analyzer.report_for(3);
    REQUIRE(again == before);
    const DirectionView& view = analyzer.view_of(*again);
    CHECK(view.peer_mss.value == 512);
    CHECK(view.peer_mss.frame == 2);
    CHECK(view.sender_mss.value == 1460);
    char text[kFindingTextSize];
    format_finding(FindingId::Violation, *again, view, analyzer.detail_for(3), *analyzer.conversation(0), text,
                   sizeof text);
    CHECK(std::string(text) == "536 bytes exceed the 512-byte MSS that 198.51.100.20 advertised (frame 2)");
    char column[96];
    format_main_finding(*again, view, analyzer.detail_for(3), column, sizeof column);
    CHECK(std::string(column) == "MSS violation: 536 > 512");
}

TEST_CASE("an ICMP frame shows the default view", "[views]") {
    Analyzer analyzer;
    IcmpFacts icmp;
    icmp.frame = 1;
    const FrameReport* report = analyzer.observe(icmp);
    REQUIRE(report != nullptr);
    CHECK(report->view == 0);
    const DirectionView& view = analyzer.view_of(*report);
    CHECK_FALSE(view.sender_mss.known());
    CHECK_FALSE(view.peer_mss.known());
    CHECK(view.sender_os == 0);
    CHECK(view.sender_ip_version == 4);
}
