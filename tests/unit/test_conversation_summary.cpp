// The conversation verdict the statistics table shows: the worst thing the
// whole capture shows, and whose sending it is.
#include <catch2/catch.hpp>

#include <string>

#include "expert/analyzer.h"
#include "expert/conversation_summary.h"
#include "tests/unit/segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;
using mssck::test::kClient;
using mssck::test::kServer;

namespace {

struct Capture {
    explicit Capture(std::uint16_t server_mss = 1460) {
        analyzer.observe(SegmentBuilder(++frame, kClient, 40000, kServer, 80).syn(1460).first_syn().seq(0).no_ack().at(t()));
        analyzer.observe(SegmentBuilder(++frame, kServer, 80, kClient, 40000).syn(server_mss).seq(0).ack(1).at(t()));
    }
    double t() { return time += 0.1; }
    void client(std::uint32_t seq, std::uint32_t payload) {
        analyzer.observe(SegmentBuilder(++frame, kClient, 40000, kServer, 80).seq(seq).ack(1).payload(payload).tcp_options(12).at(t()));
    }
    void server_ack(std::uint32_t ack) {
        analyzer.observe(SegmentBuilder(++frame, kServer, 80, kClient, 40000).seq(1).ack(ack).tcp_options(12).at(t()));
    }
    std::string verdict() {
        const Conversation& conversation = *analyzer.conversation(0);
        char text[256];
        describe_verdict(conversation, judge(conversation), text, sizeof text);
        return text;
    }
    Analyzer analyzer;
    std::uint32_t frame = 0;
    double time = 0;
};

} // namespace

TEST_CASE("a clean transfer is ok", "[summary]") {
    Capture capture;
    capture.client(1, 1448);
    capture.server_ack(1449);
    CHECK(judge(*capture.analyzer.conversation(0)).verdict == Verdict::Ok);
    CHECK(capture.verdict() == "ok");
}

TEST_CASE("an unresolved black hole is the worst verdict", "[summary]") {
    Capture capture;
    for (int i = 0; i < 3; ++i) capture.client(1, 1448);
    CHECK(capture.verdict() == "black hole 192.0.2.10:40000 -> 198.51.100.20:80 (no ICMP seen)");
}

TEST_CASE("a black hole acknowledged later is plain loss", "[summary]") {
    Capture capture;
    for (int i = 0; i < 3; ++i) capture.client(1, 1448);
    capture.server_ack(1449);
    CHECK(judge(*capture.analyzer.conversation(0)).verdict == Verdict::PlainLoss);
}

TEST_CASE("an MSS floor is named in the verdict", "[summary]") {
    Capture capture(512);
    capture.client(1, 524);
    capture.client(1, 524);
    CHECK(capture.verdict() ==
          "MSS violation 192.0.2.10:40000 -> 198.51.100.20:80 (keeps 536-byte segments: an MSS floor above the "
          "peer's 512)");
}

TEST_CASE("offload artifacts alone are not trouble on the wire", "[summary]") {
    Capture capture;
    capture.client(1, 14480);
    capture.server_ack(14481);
    CHECK(judge(*capture.analyzer.conversation(0)).verdict == Verdict::OffloadOnly);
}
