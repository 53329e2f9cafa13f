// libFuzzer target: the analysis core's ingestion, as the plugin drives it.
//
// The input bytes are decoded into a sequence of mssck::SegmentFacts and
// mssck::IcmpFacts (mostly increasing frame numbers, a few repeats; a small
// pool of addresses, ports and streams so that conversations, handshakes,
// acknowledgements, SACKs and ICMP errors meet; sequence numbers near a few
// bases so that acknowledgements hit), each fed to one mssck::Analyzer.
// After every frame, and again for every frame at the end, every finding of
// the frame's report is put into words with format_finding, as the plugin's
// tree writer does. Beyond the sanitizers' own checks it asserts what the
// plugin relies on: a frame seen twice is not analysed twice, a report
// looked up later is the one returned at first, and every text is
// NUL-terminated within its buffer.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "expert/analyzer.h"
#include "expert/finding_text.h"

namespace {

void check(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "ingest_fuzzer: broken expectation: %s\n", what);
        std::abort();
    }
}

mssck::IpAddress pick_address(FuzzedDataProvider& in, bool v6) {
    static const std::uint8_t v4_pool[4][4] = {{192, 0, 2, 2}, {198, 51, 100, 2}, {203, 0, 113, 9}, {10, 0, 0, 1}};
    static const std::uint8_t v6_pool[2][16] = {
        {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2},
        {0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}};
    if (v6) return mssck::IpAddress::v6(v6_pool[in.ConsumeIntegralInRange<int>(0, 1)]);
    return mssck::IpAddress::v4(v4_pool[in.ConsumeIntegralInRange<int>(0, 3)]);
}

std::uint32_t sequence_near(FuzzedDataProvider& in, std::uint32_t base) {
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return in.ConsumeIntegral<std::uint32_t>();            // anywhere
    case 1: return base - in.ConsumeIntegralInRange<std::uint32_t>(0, 70000);  // before (wraps)
    default: return base + in.ConsumeIntegralInRange<std::uint32_t>(0, 70000);
    }
}

std::uint32_t payload_length(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return 0;
    case 1: return in.ConsumeIntegral<std::uint32_t>();
    case 2: return in.ConsumeIntegralInRange<std::uint32_t>(1400, 66000);  // offload-sized
    default: return in.ConsumeIntegralInRange<std::uint32_t>(0, 1500);
    }
}

void fill_segment(FuzzedDataProvider& in, mssck::SegmentFacts& s, const std::uint32_t* bases) {
    s.stream = in.ConsumeIntegralInRange<std::uint32_t>(0, 3);
    const bool v6 = in.ConsumeIntegralInRange<int>(0, 3) == 0;
    s.src = pick_address(in, v6);
    s.dst = pick_address(in, v6);
    static const std::uint16_t ports[] = {40001, 5001, 80, 443};
    s.src_port = ports[in.ConsumeIntegralInRange<int>(0, 3)];
    s.dst_port = ports[in.ConsumeIntegralInRange<int>(0, 3)];
    s.syn = in.ConsumeBool();
    s.ack = in.ConsumeBool();
    s.fin = in.ConsumeIntegralInRange<int>(0, 7) == 0;
    s.rst = in.ConsumeIntegralInRange<int>(0, 15) == 0;
    const std::uint32_t base = bases[in.ConsumeIntegralInRange<int>(0, 3)];
    s.seq_raw = sequence_near(in, base);
    s.ack_raw = sequence_near(in, bases[in.ConsumeIntegralInRange<int>(0, 3)]);
    s.payload_len = payload_length(in);
    s.tcp_header_len = in.ConsumeBool() ? 20 + 4 * in.ConsumeIntegralInRange<std::uint16_t>(0, 10)
                                        : in.ConsumeIntegral<std::uint16_t>();
    s.window = in.ConsumeIntegral<std::uint16_t>();
    s.ttl = in.ConsumeIntegral<std::uint8_t>();
    s.df = in.ConsumeBool();
    s.ip_option_bytes = in.ConsumeBool() ? 0 : in.ConsumeIntegral<std::uint16_t>();
    s.ip_total_len = in.ConsumeBool() ? s.payload_len + s.tcp_header_len + (v6 ? 40u : 20u)
                                      : in.ConsumeIntegral<std::uint32_t>();
    s.ip_len_zero = in.ConsumeIntegralInRange<int>(0, 7) == 0;
    s.ip_fragmented = in.ConsumeIntegralInRange<int>(0, 7) == 0;
    if (in.ConsumeBool()) s.mss_option = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::uint16_t>(0, 1500)
                                                          : in.ConsumeIntegral<std::uint16_t>();
    if (in.ConsumeBool()) s.window_scale = in.ConsumeIntegral<std::uint8_t>();
    s.sack_permitted = in.ConsumeBool();
    s.timestamps = in.ConsumeBool();
    s.sack_count = in.ConsumeIntegralInRange<std::uint8_t>(0, mssck::SegmentFacts::kMaxSackBlocks);
    for (int i = 0; i < s.sack_count; ++i) {
        s.sack[i].left = sequence_near(in, bases[in.ConsumeIntegralInRange<int>(0, 3)]);
        s.sack[i].right = in.ConsumeBool() ? s.sack[i].left + in.ConsumeIntegralInRange<std::uint32_t>(0, 20000)
                                           : in.ConsumeIntegral<std::uint32_t>();
    }
    auto& traits = s.traits;
    traits.ip_id = in.ConsumeIntegral<std::uint16_t>();
    traits.ip_reserved_flag = in.ConsumeBool();
    traits.ecn = in.ConsumeIntegralInRange<std::uint8_t>(0, 3);
    traits.flow_label = in.ConsumeIntegralInRange<std::uint32_t>(0, 0xfffff);
    traits.urg = in.ConsumeBool();
    traits.psh = in.ConsumeBool();
    traits.ece = in.ConsumeBool();
    traits.cwr = in.ConsumeBool();
    traits.ns = in.ConsumeBool();
    traits.urgent_pointer = in.ConsumeIntegral<std::uint16_t>();
    traits.option_length = in.ConsumeIntegralInRange<std::uint8_t>(0, sizeof traits.option_bytes);
    const std::vector<std::uint8_t> options = in.ConsumeBytes<std::uint8_t>(traits.option_length);
    traits.option_length = static_cast<std::uint8_t>(options.size());
    if (!options.empty()) std::memcpy(traits.option_bytes, options.data(), options.size());
}

void fill_icmp(FuzzedDataProvider& in, mssck::IcmpFacts& icmp, const std::uint32_t* bases) {
    const bool v6 = in.ConsumeIntegralInRange<int>(0, 3) == 0;
    icmp.ip_version = v6 ? 6 : 4;
    icmp.reporter = pick_address(in, v6);
    icmp.reported_mtu = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::uint32_t>(0, 1500)
                                         : in.ConsumeIntegral<std::uint32_t>();
    icmp.has_stream = in.ConsumeIntegralInRange<int>(0, 7) != 0;
    icmp.stream = in.ConsumeIntegralInRange<std::uint32_t>(0, 4);
    icmp.quoted_src = pick_address(in, v6);
    icmp.quoted_dst = pick_address(in, v6);
    static const std::uint16_t ports[] = {40001, 5001, 80, 443};
    icmp.quoted_src_port = ports[in.ConsumeIntegralInRange<int>(0, 3)];
    icmp.quoted_dst_port = ports[in.ConsumeIntegralInRange<int>(0, 3)];
    icmp.quoted_seq = sequence_near(in, bases[in.ConsumeIntegralInRange<int>(0, 3)]);
    icmp.quoted_ip_size = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::uint32_t>(0, 9000)
                                           : in.ConsumeIntegral<std::uint32_t>();
}

// Every finding of the report in words, as plugin/tree_writer.cpp does.
void format_all(const mssck::Analyzer& analyzer, const mssck::FrameReport& report) {
    char evidence[mssck::kFindingTextSize];
    report.offload.format(evidence, sizeof evidence);
    check(std::memchr(evidence, 0, sizeof evidence) != nullptr, "offload evidence text terminated");
    const mssck::Conversation* conversation = analyzer.conversation(report.stream);
    if (report.kind == mssck::FrameKind::Segment) check(conversation != nullptr, "a segment has its conversation");
    if (conversation == nullptr) return;  // an ICMP about a conversation not in the capture: nothing is formatted
    const mssck::FrameDetail* detail = report.has_detail ? analyzer.detail_for(report.frame) : nullptr;
    if (report.has_detail) check(detail != nullptr, "a report with has_detail has its FrameDetail");
    char text[mssck::kFindingTextSize];
    for (const mssck::FindingInfo* info = mssck::finding_catalog_begin(); info != mssck::finding_catalog_end();
         ++info) {
        if (!report.findings.has(info->id)) continue;
        std::memset(text, 0x55, sizeof text);
        mssck::format_finding(info->id, report, analyzer.view_of(report), detail, *conversation, text, sizeof text);
        check(std::memchr(text, 0, sizeof text) != nullptr, "finding text terminated within its buffer");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    mssck::AnalysisSettings settings;
    settings.assumed_mss = in.ConsumeBool() ? in.ConsumeIntegral<std::uint16_t>() : 0;
    settings.infer_mss = in.ConsumeBool();
    settings.detect_offload = !in.ConsumeBool();
    settings.blackhole_min_sends = in.ConsumeIntegralInRange<std::uint16_t>(2, 6);  // the plugin's range starts at 2
    mssck::Analyzer analyzer(settings);

    std::uint32_t bases[4];
    for (std::uint32_t& base : bases) base = in.ConsumeIntegral<std::uint32_t>();
    std::uint32_t frame = 0;
    double time = in.ConsumeIntegralInRange<std::uint32_t>(0, 2000000000);
    std::vector<std::uint32_t> frames;

    for (int step = 0; step < 2000 && in.remaining_bytes() > 0; ++step) {
        const std::uint32_t advance = in.ConsumeIntegralInRange<std::uint32_t>(0, 8);
        frame += advance == 0 || advance > 3 ? (advance == 0 ? 0 : 1) : advance;  // mostly +1, some repeats and gaps
        if (frame == 0) frame = 1;
        time += in.ConsumeIntegralInRange<std::uint32_t>(0, 3000000) / 1e6;
        const std::size_t kept_before = analyzer.frame_count();
        const bool repeat = !frames.empty() && frame <= frames.back();

        const mssck::FrameReport* report = nullptr;
        if (in.ConsumeIntegralInRange<int>(0, 11) == 0) {
            mssck::IcmpFacts icmp;
            icmp.frame = frame;
            icmp.time = time;
            fill_icmp(in, icmp, bases);
            report = analyzer.observe(icmp);
        } else {
            mssck::SegmentFacts segment;
            segment.frame = frame;
            segment.time = time;
            fill_segment(in, segment, bases);
            report = analyzer.observe(segment);
        }
        if (repeat) {
            check(analyzer.frame_count() == kept_before, "a frame seen before is not analysed again");
            check(report == analyzer.report_for(frame), "a repeated frame gets the report kept for it");
        } else if (report != nullptr) {
            check(report->frame == frame, "the report is about this frame");
            frames.push_back(frame);
        }
        if (report != nullptr) format_all(analyzer, *report);
    }

    // Later passes: every kept report again, as the GUI re-dissects.
    for (std::uint32_t seen : frames) {
        const mssck::FrameReport* report = analyzer.report_for(seen);
        check(report != nullptr && report->frame == seen, "a kept report is found again by its frame");
        format_all(analyzer, *report);
    }
    return 0;
}
