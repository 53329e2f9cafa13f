// Path-MTU analysis: ICMP frag-needed / Packet Too Big tied to its segment
// and the sender's answer; black holes, how they end, and what is not one.
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

namespace {

// A client sending bulk data to a server; the handshake done, ISNs 0.
class BulkFlow {
public:
    explicit BulkFlow(AnalysisSettings settings = {}, std::uint16_t server_mss = 1460) : analyzer(settings) {
        analyzer.observe(client().syn(1460).first_syn().seq(0).no_ack());
        analyzer.observe(server().syn(server_mss).seq(0).ack(1));
        analyzer.observe(client().seq(1).ack(1));
    }

    SegmentBuilder client() { return SegmentBuilder(++frame, kClient, 40000, kServer, 80).at(time += 0.1); }
    SegmentBuilder server() { return SegmentBuilder(++frame, kServer, 80, kClient, 40000).at(time += 0.1); }

    // A full-size segment: 1448 bytes and timestamps, a 1500-byte packet.
    const FrameReport* send(std::uint32_t seq, std::uint32_t payload = 1448) {
        return analyzer.observe(client().seq(seq).ack(1).payload(payload).tcp_options(12));
    }
    const FrameReport* ack(std::uint32_t value) { return analyzer.observe(server().seq(1).ack(value).tcp_options(12)); }

    const FrameReport* icmp(std::uint32_t mtu, std::uint32_t quoted_seq, std::uint32_t quoted_size = 1500) {
        IcmpFacts facts;
        facts.frame = ++frame;
        facts.time = (time += 0.001);
        facts.reporter = ipv4(203, 0, 113, 1);
        facts.reported_mtu = mtu;
        facts.has_stream = true;
        facts.quoted_src = kClient;
        facts.quoted_dst = kServer;
        facts.quoted_src_port = 40000;
        facts.quoted_dst_port = 80;
        facts.quoted_seq = quoted_seq;
        facts.quoted_ip_size = quoted_size;
        return analyzer.observe(facts);
    }

    // The path MTU's upper bound, kept in the frame's detail; 0 if none.
    std::uint32_t pmtu_high(const FrameReport* report) {
        const FrameDetail* detail = analyzer.detail_for(report->frame);
        CHECK(report->has_detail == (detail != nullptr));
        return detail != nullptr ? detail->pmtu_high : 0;
    }

    std::string text(FindingId id, const FrameReport* report) {
        char buffer[kFindingTextSize];
        format_finding(id, *report, analyzer.view_of(*report), analyzer.detail_for(report->frame), *analyzer.conversation(0),
                       buffer, sizeof buffer);
        return buffer;
    }

    Analyzer analyzer;
    std::uint32_t frame = 0;
    double time = 0.0;
};

} // namespace

TEST_CASE("an ICMP frag-needed is tied to its stream and quoted segment", "[icmp]") {
    BulkFlow flow;
    flow.send(1);
    const FrameReport* icmp = flow.icmp(1400, 1);
    REQUIRE(icmp != nullptr);
    CHECK(icmp->kind == FrameKind::Icmp);
    const FrameDetail* detail = flow.analyzer.detail_for(icmp->frame);
    REQUIRE(detail != nullptr);
    CHECK(detail->icmp_matched);
    CHECK(detail->icmp_mtu == 1400);
    CHECK_FALSE(detail->icmp_mtu_estimated);
    CHECK(detail->quoted_frame == 4);
    CHECK(icmp->direction == 0);
}

TEST_CASE("a sender that resends within the reported MTU honoured it", "[icmp]") {
    BulkFlow flow;
    flow.send(1);
    flow.icmp(1400, 1);
    const FrameReport* resend = flow.send(1, 1348);  // 1348 + 12 + 40 = 1400
    REQUIRE(resend != nullptr);
    CHECK(resend->findings.has(FindingId::IcmpHonored));
    CHECK_FALSE(resend->findings.has(FindingId::IcmpIgnored));
    CHECK(flow.text(FindingId::IcmpHonored, resend) ==
          "192.0.2.10 honoured the ICMP of frame 5 (MTU 1400) after 100.0 ms: 1400-byte packets that fit");
}

TEST_CASE("a sender that resends above the reported MTU ignored it", "[icmp]") {
    SECTION("an MTU below the 576 floor") {
        BulkFlow flow;
        flow.send(1, 524);
        flow.icmp(552, 1, 576);
        const FrameReport* resend = flow.send(1, 524);
        REQUIRE(resend != nullptr);
        CHECK(resend->findings.has(FindingId::IcmpIgnored));
        CHECK(flow.text(FindingId::IcmpIgnored, resend).find("below the sender's floor of 576") != std::string::npos);
    }
    SECTION("new data still too large, twice") {
        BulkFlow flow;
        flow.send(1);
        flow.icmp(1400, 1);
        const FrameReport* first = flow.send(1449);
        const FrameReport* second = flow.send(2897);
        CHECK_FALSE(first->findings.has(FindingId::IcmpIgnored));
        CHECK(second->findings.has(FindingId::IcmpIgnored));
        CHECK(flow.text(FindingId::IcmpIgnored, second).find("may not reach the sender") != std::string::npos);
    }
}

TEST_CASE("segments queued before the ICMP arrived do not count against the sender", "[icmp]") {
    BulkFlow flow;
    flow.send(1);
    flow.icmp(1400, 1);                  // 1 ms after the send
    const double icmp_time = flow.time;
    for (std::uint32_t i = 1; i <= 5; ++i) {
        const FrameReport* queued = flow.analyzer.observe(
            flow.client().at(icmp_time + 0.0001 * i).seq(1 + i * 1448).ack(1).payload(1448).tcp_options(12));
        CHECK_FALSE(queued->findings.has(FindingId::IcmpIgnored));
    }
    const FrameReport* resend = flow.analyzer.observe(
        flow.client().at(icmp_time + 0.2).seq(1).ack(1).payload(1348).tcp_options(12));
    CHECK(resend->findings.has(FindingId::IcmpHonored));
}

TEST_CASE("resending without DF lets routers fragment: honoured, and said so", "[icmp]") {
    BulkFlow flow;
    flow.send(1, 524);
    flow.icmp(512, 1, 576);
    const FrameReport* resend = flow.analyzer.observe(flow.client().seq(1).ack(1).payload(500).tcp_options(12).df(false));
    REQUIRE(resend != nullptr);
    CHECK(resend->findings.has(FindingId::IcmpHonored));
    CHECK(flow.text(FindingId::IcmpHonored, resend).find("without DF") != std::string::npos);
}

TEST_CASE("an ICMP with MTU 0 gets the RFC 1191 plateau estimate", "[icmp]") {
    CHECK(rfc1191_plateau_below(1500) == 1492);
    CHECK(rfc1191_plateau_below(1492) == 1006);
    CHECK(rfc1191_plateau_below(576) == 508);
    CHECK(rfc1191_plateau_below(60) == 68);
    BulkFlow flow;
    flow.send(1);
    const FrameReport* icmp = flow.icmp(0, 1, 1500);
    const FrameDetail* detail = flow.analyzer.detail_for(icmp->frame);
    REQUIRE(detail != nullptr);
    CHECK(detail->icmp_mtu == 1492);
    CHECK(detail->icmp_mtu_estimated);
}

TEST_CASE("an ICMP about a conversation not in the capture is shown unmatched", "[icmp]") {
    Analyzer analyzer;
    IcmpFacts facts;
    facts.frame = 1;
    facts.has_stream = true;
    facts.stream = 7;
    facts.reported_mtu = 1280;
    const FrameReport* report = analyzer.observe(facts);
    REQUIRE(report != nullptr);
    const FrameDetail* detail = analyzer.detail_for(1);
    REQUIRE(detail != nullptr);
    CHECK_FALSE(detail->icmp_matched);
    CHECK(detail->icmp_stream == 7);
}

TEST_CASE("a full-size segment resent unanswered while the handshake got through", "[blackhole]") {
    BulkFlow flow;
    CHECK(flow.send(1)->findings.empty());
    CHECK_FALSE(flow.send(1)->findings.has(FindingId::BlackHole));
    const FrameReport* third = flow.send(1);
    REQUIRE(third != nullptr);
    CHECK(third->findings.has(FindingId::BlackHole));
    CHECK(third->findings.has(FindingId::IcmpMissing));
    CHECK(third->pmtu_low == 40);   // the SYN (no options here) got through
    CHECK(flow.pmtu_high(third) == 1500);
    CHECK(flow.text(FindingId::BlackHole, third) ==
          "Suspected PMTUD black hole: 192.0.2.10 has sent the 1448-byte segment of frame 4 (1500-byte IP "
          "packet) 3 times in 200.0 ms without an acknowledgement, while packets up to 40 bytes got through");
    // Declared once, not on every further resend.
    CHECK_FALSE(flow.send(1)->findings.has(FindingId::BlackHole));
}

TEST_CASE("with a frag-needed seen, a black hole is not blamed on missing ICMP", "[blackhole]") {
    BulkFlow flow;
    flow.send(1);
    flow.icmp(1400, 1);
    flow.send(1);
    const FrameReport* third = flow.send(1);
    CHECK(third->findings.has(FindingId::BlackHole));
    CHECK_FALSE(third->findings.has(FindingId::IcmpMissing));
}

TEST_CASE("what is not a black hole", "[blackhole]") {
    SECTION("a dead path: the handshake never completed") {
        Analyzer analyzer;
        for (std::uint32_t frame = 1; frame <= 4; ++frame)
            analyzer.observe(SegmentBuilder(frame, ipv4(192, 0, 2, 10), 40000, ipv4(198, 51, 100, 20), 80)
                                 .seq(1).ack(1).payload(1448).tcp_options(12));
        CHECK_FALSE(analyzer.report_for(4)->findings.has(FindingId::BlackHole));
    }
    SECTION("a dead path: small segments go unanswered too") {
        BulkFlow flow;
        flow.send(1, 100);
        flow.ack(101);                 // 152-byte packets got through
        flow.send(101, 100);
        flow.send(201);
        flow.send(101, 100);           // the small one again: no answer either
        flow.send(201);
        CHECK_FALSE(flow.send(201)->findings.has(FindingId::BlackHole));
    }
    SECTION("small packets: under 576 bytes no MTU is to blame") {
        BulkFlow flow;
        flow.send(1, 400);
        flow.send(1, 400);
        CHECK_FALSE(flow.send(1, 400)->findings.has(FindingId::BlackHole));
    }
    SECTION("without DF routers fragment") {
        BulkFlow flow;
        for (int i = 0; i < 3; ++i) flow.analyzer.observe(flow.client().seq(1).ack(1).payload(1448).tcp_options(12).df(false));
        CHECK_FALSE(flow.analyzer.report_for(flow.frame)->findings.has(FindingId::BlackHole));
    }
    SECTION("offload artifacts") {
        BulkFlow flow;
        for (int i = 0; i < 3; ++i) flow.send(1, 2896);
        const FrameReport* last = flow.analyzer.report_for(flow.frame);
        CHECK(last->findings.has(FindingId::Offload));
        CHECK_FALSE(last->findings.has(FindingId::BlackHole));
        CHECK(flow.pmtu_high(last) == 0);
    }
}

TEST_CASE("a smaller segment SACKed after it makes two sends enough", "[blackhole]") {
    BulkFlow flow;
    flow.send(1);                     // 1448 bytes, lost
    flow.send(1449, 500);             // smaller, got through
    flow.analyzer.observe(flow.server().seq(1).ack(1).tcp_options(24).sack(1449, 1949));
    const FrameReport* second = flow.send(1);
    REQUIRE(second != nullptr);
    CHECK(second->findings.has(FindingId::BlackHole));
    CHECK(second->pmtu_low == 552);
}

TEST_CASE("how a black hole ends", "[blackhole]") {
    SECTION("acknowledged at full size: plain loss") {
        BulkFlow flow;
        for (int i = 0; i < 3; ++i) flow.send(1);
        const FrameReport* ack = flow.ack(1449);
        REQUIRE(ack != nullptr);
        CHECK(ack->findings.has(FindingId::BlackHoleCleared));
        CHECK(flow.text(FindingId::BlackHoleCleared, ack).find("plain loss") != std::string::npos);
    }
    SECTION("got through in smaller segments: recovered") {
        BulkFlow flow;
        for (int i = 0; i < 3; ++i) flow.send(1);
        flow.send(1, 1012);           // Linux tcp_mtu_probing: tcp_base_mss 1024 less timestamps
        const FrameReport* ack = flow.ack(1013);
        CHECK_FALSE(ack->findings.has(FindingId::BlackHoleRecovered));  // not all of it yet
        flow.send(1013, 436);
        const FrameReport* done = flow.ack(1449);
        REQUIRE(done != nullptr);
        CHECK(done->findings.has(FindingId::BlackHoleRecovered));
        CHECK_FALSE(done->findings.has(FindingId::BlackHoleCleared));
        CHECK(flow.text(FindingId::BlackHoleRecovered, done) ==
              "192.0.2.10 got the data of frame 4 through in 1012-byte segments instead of 1448 after 600.0 ms "
              "(black-hole detection: Linux tcp_mtu_probing, Windows EnablePMTUBHDetect)");
        // The 1500-byte packets never got through: they do not raise the low bound.
        CHECK(flow.send(1449)->pmtu_low == 1064);
    }
}

TEST_CASE("a sender that keeps a segment size above the peer's MSS has a floor", "[floor]") {
    BulkFlow flow({}, 512);
    const FrameReport* first = flow.send(1, 524);  // 524 + 12 = 536
    CHECK(first->findings.has(FindingId::Violation));
    CHECK_FALSE(first->findings.has(FindingId::MssFloor));
    const FrameReport* second = flow.send(1, 524);
    CHECK(second->findings.has(FindingId::MssFloor));
    CHECK(flow.text(FindingId::MssFloor, second) ==
          "192.0.2.10 keeps 536-byte segments above the 512-byte MSS 198.51.100.20 advertised: 536 is the MSS "
          "floor of Windows Vista and later (MTU 576, hard-coded) and of Linux with net.ipv4.tcp_min_snd_mss=536");
    CHECK_FALSE(flow.send(525, 524)->findings.has(FindingId::MssFloor));  // once per direction
}

TEST_CASE("large packets without DF, and IP fragments, get a note", "[df]") {
    BulkFlow flow;
    const FrameReport* first = flow.analyzer.observe(flow.client().seq(1).ack(1).payload(1448).df(false));
    CHECK(first->findings.has(FindingId::DfNotSet));
    const FrameReport* second = flow.analyzer.observe(flow.client().seq(1449).ack(1).payload(1448).df(false));
    CHECK_FALSE(second->findings.has(FindingId::DfNotSet));
    const FrameReport* small = flow.analyzer.observe(flow.server().seq(1).ack(1449).payload(100).df(false));
    CHECK_FALSE(small->findings.has(FindingId::DfNotSet));
    const FrameReport* fragments = flow.analyzer.observe(flow.client().seq(2897).ack(1).payload(1448).fragmented());
    CHECK(fragments->findings.has(FindingId::IpFragmented));
}

TEST_CASE("at the receiver, data that never arrived shows as a stall", "[stall]") {
    BulkFlow flow;
    flow.send(1, 100);
    flow.ack(101);
    // Data from 101 on was sent but never seen here; then the sender gives up.
    const FrameReport* reset = flow.analyzer.observe(flow.client().seq(14581).ack(1).rst());
    REQUIRE(reset != nullptr);
    CHECK(reset->findings.has(FindingId::Stall));
    CHECK(flow.analyzer.detail_for(reset->frame)->missing_bytes == 14480);
}

TEST_CASE("at the sender, a FIN after all its data is no stall", "[stall]") {
    BulkFlow flow;
    flow.send(1);
    CHECK_FALSE(flow.analyzer.observe(flow.client().seq(1449).ack(1).fin())->findings.has(FindingId::Stall));
}

TEST_CASE("the in-flight ring stays bounded", "[ring]") {
    BulkFlow flow;
    for (std::uint32_t i = 0; i < 100; ++i) flow.send(1 + i * 1448);
    const Conversation* conversation = flow.analyzer.conversation(0);
    REQUIRE(conversation != nullptr);
    CHECK(conversation->side(0).path.in_flight.size() == SentSegments::kCapacity);
    // The SYN left the ring when the SYN-ACK acknowledged it.
    CHECK(conversation->side(0).path.in_flight.overflows() == 100 - SentSegments::kCapacity);
}

TEST_CASE("the count of waiting ICMPs follows the ICMPs themselves", "[icmp]") {
    // PathState::active_icmps lets most segments skip the pending ICMPs; it
    // must say exactly how many of them are waiting, whatever happens.
    BulkFlow flow;
    const auto waiting = [&] {
        const PathState& path = flow.analyzer.conversation(0)->side(0).path;
        CHECK(static_cast<int>(path.active_icmps) == path.unanswered_icmps());
        return path.unanswered_icmps();
    };
    for (std::uint32_t i = 0; i < 6; ++i) flow.send(1 + i * 1448);
    CHECK(waiting() == 0);
    // Six ICMPs with six MTUs: four slots, so the oldest two are replaced.
    for (std::uint32_t i = 0; i < 6; ++i) flow.icmp(1400 - 10 * i, 1 + i * 1448);
    CHECK(waiting() == 4);
    flow.ack(1 + 4 * 1448);  // acknowledges the segments two of them quote
    CHECK(waiting() == 2);
    flow.send(1 + 4 * 1448, 1300);  // a resend within its MTU (1360) answers one
    CHECK(waiting() == 1);
    flow.ack(1 + 6 * 1448);  // and the last is overtaken
    CHECK(waiting() == 0);
    flow.send(1 + 6 * 1448);
    flow.icmp(1280, 1 + 6 * 1448);
    CHECK(waiting() == 1);
}
