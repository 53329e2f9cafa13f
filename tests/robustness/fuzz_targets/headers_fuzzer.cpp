// libFuzzer target: the header decoder, on any bytes the plugin could copy
// out of a frame (truncated headers, wrong lengths, bogus options), with
// the decoded facts then fed to an Analyzer as the plugin does.
//
// Beyond the sanitizers' own checks it asserts what the analysis relies on:
// a decoded segment has a TCP header of at least 20 bytes, its length never
// exceeds what the frame reports on the wire, SACK blocks and raw options
// stay within their arrays.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "expert/analyzer.h"
#include "expert/header_decoder.h"

namespace {

void check(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "headers_fuzzer: broken expectation: %s\n", what);
        std::abort();
    }
}

mssck::HeaderBytes header_bytes(FuzzedDataProvider& in, std::vector<std::uint8_t>& storage, std::size_t most) {
    storage = in.ConsumeBytes<std::uint8_t>(in.ConsumeIntegralInRange<std::size_t>(0, most));
    mssck::HeaderBytes bytes;
    bytes.data = storage.data();
    bytes.captured = storage.size();
    // On the wire, mostly at least what was captured (a snap length cuts
    // bytes, not lengths); sometimes nonsense.
    bytes.reported_remaining = in.ConsumeBool()
        ? static_cast<std::uint32_t>(storage.size()) + in.ConsumeIntegralInRange<std::uint32_t>(0, 70000)
        : in.ConsumeIntegral<std::uint32_t>();
    return bytes;
}

void decode_one_segment(FuzzedDataProvider& in, mssck::Analyzer& analyzer, std::uint32_t frame) {
    std::vector<std::uint8_t> ip_storage, tcp_storage;
    mssck::SegmentHeaders headers;
    headers.ip_version = in.ConsumeBool() ? 4 : in.ConsumeBool() ? 6 : in.ConsumeIntegral<std::uint8_t>();
    headers.ip = header_bytes(in, ip_storage, mssck::kMaxIpv4HeaderBytes);
    headers.tcp = header_bytes(in, tcp_storage, mssck::kMaxTcpHeaderBytes);
    headers.tcp_offset_in_ip = in.ConsumeBool() ? -1 : in.ConsumeIntegralInRange<std::int32_t>(0, 200);

    mssck::SegmentFacts facts;
    facts.frame = frame;
    facts.time = frame * 0.01;
    facts.stream = in.ConsumeIntegralInRange<std::uint32_t>(0, 3);
    if (!mssck::decode_segment(headers, &facts)) return;
    check(facts.tcp_header_len >= 20, "a decoded TCP header has at least 20 bytes");
    check(facts.payload_len + facts.tcp_header_len <= headers.tcp.reported_remaining ||
              facts.payload_len == 0,
          "the segment is no longer than the frame reports");
    check(facts.sack_count <= mssck::SegmentFacts::kMaxSackBlocks, "SACK blocks within the array");
    check(facts.traits.option_length <= sizeof facts.traits.option_bytes, "raw options within the array");
    check(facts.src.version == headers.ip_version, "addresses of the header's IP version");
    analyzer.observe(facts);
}

void decode_one_too_big(FuzzedDataProvider& in, mssck::Analyzer& analyzer, std::uint32_t frame) {
    std::vector<std::uint8_t> storage;
    mssck::TooBigHeaders headers;
    headers.icmp_version = in.ConsumeBool() ? 4 : 6;
    headers.quoted_ip_version = in.ConsumeBool() ? 4 : 6;
    headers.icmp = header_bytes(in, storage, 256);

    mssck::IcmpFacts icmp;
    icmp.frame = frame;
    icmp.time = frame * 0.01;
    icmp.has_stream = in.ConsumeBool();
    icmp.stream = in.ConsumeIntegralInRange<std::uint32_t>(0, 3);
    if (!mssck::decode_too_big(headers, &icmp)) return;
    check(icmp.quoted_src.version == headers.quoted_ip_version, "quoted addresses of the quoted IP version");
    analyzer.observe(icmp);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    mssck::Analyzer analyzer(mssck::AnalysisSettings{});
    for (std::uint32_t frame = 1; frame <= 200 && in.remaining_bytes() > 0; ++frame) {
        if (in.ConsumeIntegralInRange<int>(0, 7) == 0)
            decode_one_too_big(in, analyzer, frame);
        else
            decode_one_segment(in, analyzer, frame);
    }
    return 0;
}
