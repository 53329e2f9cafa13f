// The analyzer's own rules: one report per frame, kept; directions; catalog.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "expert/analyzer.h"
#include "expert/finding_catalog.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;

TEST_CASE("a frame fed twice keeps its first report", "[analyzer]") {
    Analyzer analyzer;
    analyzer.observe(SegmentBuilder(1, ipv4(192, 0, 2, 1), 1000, ipv4(192, 0, 2, 2), 80).syn(1460).first_syn());
    analyzer.observe(SegmentBuilder(2, ipv4(192, 0, 2, 2), 80, ipv4(192, 0, 2, 1), 1000).syn(512));
    analyzer.observe(SegmentBuilder(3, ipv4(192, 0, 2, 1), 1000, ipv4(192, 0, 2, 2), 80).payload(536));
    // Feeding frame 2 again with other contents must not change anything.
    analyzer.observe(SegmentBuilder(2, ipv4(192, 0, 2, 2), 80, ipv4(192, 0, 2, 1), 1000).syn(9000));
    const FrameReport* report = analyzer.report_for(3);
    REQUIRE(report != nullptr);
    CHECK(analyzer.view_of(*report).peer_mss.value == 512);
    CHECK(analyzer.frame_count() == 3);
    CHECK(analyzer.report_for(4) == nullptr);
}

TEST_CASE("a third endpoint in one stream is refused", "[analyzer]") {
    Analyzer analyzer;
    analyzer.observe(SegmentBuilder(1, ipv4(192, 0, 2, 1), 1000, ipv4(192, 0, 2, 2), 80));
    analyzer.observe(SegmentBuilder(2, ipv4(192, 0, 2, 2), 80, ipv4(192, 0, 2, 1), 1000));
    CHECK(analyzer.observe(SegmentBuilder(3, ipv4(192, 0, 2, 3), 1000, ipv4(192, 0, 2, 2), 80)) == nullptr);
    CHECK(analyzer.report_for(3) == nullptr);
}

TEST_CASE("streams are kept apart", "[analyzer]") {
    Analyzer analyzer;
    analyzer.observe(SegmentBuilder(1, ipv4(192, 0, 2, 1), 1000, ipv4(192, 0, 2, 2), 80).stream(0).syn(1460).first_syn());
    analyzer.observe(SegmentBuilder(2, ipv4(192, 0, 2, 2), 80, ipv4(192, 0, 2, 1), 1000).stream(0).syn(512));
    analyzer.observe(SegmentBuilder(3, ipv4(192, 0, 2, 1), 1001, ipv4(192, 0, 2, 2), 80).stream(1).syn(1460).first_syn());
    analyzer.observe(SegmentBuilder(4, ipv4(192, 0, 2, 2), 80, ipv4(192, 0, 2, 1), 1001).stream(1).syn(1460));
    const FrameReport* report =
        analyzer.observe(SegmentBuilder(5, ipv4(192, 0, 2, 1), 1001, ipv4(192, 0, 2, 2), 80).stream(1).payload(1000));
    REQUIRE(report != nullptr);
    CHECK(analyzer.view_of(*report).peer_mss.value == 1460);
    CHECK(report->findings.empty());
}

TEST_CASE("the finding catalog has unique keys, in id order", "[catalog]") {
    std::set<std::string> keys;
    int expected_id = 0;
    for (const FindingInfo* info = finding_catalog_begin(); info != finding_catalog_end(); ++info) {
        CHECK(static_cast<int>(info->id) == expected_id++);
        CHECK(keys.insert(std::string(info->key)).second);
        CHECK_FALSE(info->summary.empty());
    }
    CHECK(expected_id == kFindingCount);
    CHECK(finding_info(FindingId::Violation).key == "violation");
    CHECK(finding_info(FindingId::Violation).severity == Severity::Warning);
    CHECK(finding_info(FindingId::Offload).severity == Severity::Note);
}
