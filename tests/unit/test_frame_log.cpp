// FrameLog: records kept in frame order in chunks, found by frame number.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "expert/analyzer.h"
#include "expert/frame_log.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;

namespace {

struct Numbered {
    std::uint32_t frame = 0;
    std::uint32_t value = 0;
};

} // namespace

TEST_CASE("a FrameLog finds every record across its chunks, and nothing else", "[frame_log]") {
    // Tiny chunks (2, 4, 8, 8, ...), so that 1,000 records span many of them.
    FrameLog<Numbered, 2, 8> log;
    CHECK(log.empty());
    CHECK(log.find(0) == nullptr);
    std::vector<const Numbered*> kept;
    for (std::uint32_t i = 0; i < 1000; ++i) {
        const std::uint32_t frame = 5 + 3 * i;  // gaps: frames 6, 7, 9, ... hold no record
        kept.push_back(&log.append(Numbered{frame, i}));
        CHECK(log.last_frame() == frame);
    }
    CHECK(log.size() == 1000);
    for (std::uint32_t i = 0; i < 1000; ++i) {
        const std::uint32_t frame = 5 + 3 * i;
        const Numbered* found = log.find(frame);
        REQUIRE(found != nullptr);
        CHECK(found->value == i);
        CHECK(found == kept[i]);  // never moved by the appends after it
        CHECK(log.find(frame + 1) == nullptr);
        CHECK(log.find(frame + 2) == nullptr);
    }
    CHECK(log.find(4) == nullptr);
    CHECK(log.find(0) == nullptr);
    CHECK(log.find(UINT32_MAX) == nullptr);
}

TEST_CASE("the analyzer finds the reports of a capture longer than a chunk", "[frame_log][analyzer]") {
    Analyzer analyzer;
    const IpAddress client = ipv4(192, 0, 2, 1), server = ipv4(192, 0, 2, 2);
    analyzer.observe(SegmentBuilder(1, client, 1000, server, 80).syn(1460).first_syn());
    analyzer.observe(SegmentBuilder(2, server, 80, client, 1000).syn(512));
    const FrameReport* first_data = analyzer.observe(SegmentBuilder(3, client, 1000, server, 80).payload(100));
    const std::uint32_t last = 200000;  // more than 65,536 kept reports: several chunks
    for (std::uint32_t frame = 4; frame <= last; frame += 2)
        analyzer.observe(SegmentBuilder(frame, client, 1000, server, 80).seq(frame).payload(frame % 600));
    CHECK(analyzer.frame_count() == 3 + (last - 4) / 2 + 1);
    CHECK(analyzer.report_for(3) == first_data);
    for (std::uint32_t frame = 4; frame <= last; frame += 2) {
        const FrameReport* report = analyzer.report_for(frame);
        REQUIRE(report != nullptr);
        CHECK(report->frame == frame);
        CHECK(report->payload == frame % 600);
        CHECK(analyzer.report_for(frame + 1) == nullptr);
    }
}
