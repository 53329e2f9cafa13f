// A Conversation's two ends: side 0 is the first segment's sender, and the
// first segment names side 1 (its receiver) before side 1 sends anything;
// is_between tells whether a segment's endpoints are this conversation's
// (the plugin checks a remembered tcp.stream with it).
#include <catch2/catch.hpp>

#include <string>

#include "expert/analyzer.h"
#include "expert/conversation.h"
#include "expert/finding_text.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;
using mssck::test::ipv6_doc;
using mssck::test::kClient;
using mssck::test::kServer;

TEST_CASE("the first segment names both ends, the receiver before it sends", "[conversations]") {
    Conversation conversation;
    CHECK_FALSE(conversation.is_between(kClient, 40000, kServer, 80));  // no segment yet

    REQUIRE(conversation.direction_of(SegmentBuilder(1, kClient, 40000, kServer, 80).build()) == 0);
    CHECK(conversation.side(0).present);
    CHECK_FALSE(conversation.side(1).present);
    CHECK(conversation.side(1).address == kServer);
    CHECK(conversation.side(1).port == 80);

    CHECK(conversation.is_between(kClient, 40000, kServer, 80));
    CHECK(conversation.is_between(kServer, 80, kClient, 40000));  // either way round
    CHECK_FALSE(conversation.is_between(kClient, 40001, kServer, 80));
    CHECK_FALSE(conversation.is_between(kClient, 40000, kServer, 443));
    CHECK_FALSE(conversation.is_between(kClient, 40000, ipv4(198, 51, 100, 21), 80));
    CHECK_FALSE(conversation.is_between(kClient, 80, kServer, 40000));  // ports crossed over
    CHECK_FALSE(conversation.is_between(kClient, 40000, kClient, 40000));

    // The receiver's first segment claims side 1 where it was named.
    REQUIRE(conversation.direction_of(SegmentBuilder(2, kServer, 80, kClient, 40000).build()) == 1);
    CHECK(conversation.side(1).present);
    CHECK(conversation.is_between(kServer, 80, kClient, 40000));
    // A third host is neither side.
    CHECK(conversation.direction_of(SegmentBuilder(3, ipv4(203, 0, 113, 1), 80, kClient, 40000).build()) == -1);
}

TEST_CASE("an IPv4 and an IPv6 end with the same bytes are different ends", "[conversations]") {
    Conversation conversation;
    const IpAddress six = ipv6_doc(1);
    REQUIRE(conversation.direction_of(SegmentBuilder(1, six, 40000, ipv6_doc(2), 80).build()) == 0);
    CHECK(conversation.is_between(ipv6_doc(2), 80, six, 40000));
    IpAddress four_with_same_bytes = six;
    four_with_same_bytes.version = 4;
    CHECK_FALSE(conversation.is_between(four_with_same_bytes, 40000, ipv6_doc(2), 80));
}

TEST_CASE("a finding names a receiver that never sent", "[conversations]") {
    // Only the client's side was captured, with no MSS from the server:
    // its segment is checked against the assumed MSS of the server.
    AnalysisSettings settings;
    settings.assumed_mss = 536;
    Analyzer analyzer(settings);
    analyzer.observe(SegmentBuilder(1, kClient, 40000, kServer, 80).syn(1460).first_syn().seq(0).no_ack().at(0.1));
    const FrameReport* report =
        analyzer.observe(SegmentBuilder(2, kClient, 40000, kServer, 80).seq(1).ack(1).payload(1000).at(0.2));
    REQUIRE(report != nullptr);
    REQUIRE(report->findings.has(FindingId::AssumedLimitExceeded));
    const Conversation& conversation = *analyzer.conversation(report->stream);
    REQUIRE_FALSE(conversation.side(1).present);
    char text[kFindingTextSize];
    format_finding(FindingId::AssumedLimitExceeded, *report, analyzer.view_of(*report), analyzer.detail_for(2),
                   conversation, text, sizeof text);
    INFO(text);
    CHECK(std::string(text).find("an assumed MSS of 536 for 198.51.100.20") != std::string::npos);
}
