// FingerprintMemo: each distinct SYN signature is matched once per capture;
// what it remembers must be exactly what matching again would give.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <vector>

#include "expert/analyzer.h"
#include "expert/fingerprint/fingerprinter.h"
#include "expert/fingerprint_memo.h"
#include "segment_builder.h"

using namespace mssck;
using mssck::test::SegmentBuilder;
using mssck::test::ipv4;

namespace {

// A Linux-like SYN's options: MSS 1460, SACK permitted, timestamps, NOP,
// window scale 7.
const std::uint8_t kLinuxOptions[20] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};

fingerprint::SynObservation linux_syn(std::uint8_t ttl, std::uint16_t window, std::uint32_t tsval) {
    fingerprint::SynObservation syn;
    syn.ttl = ttl;
    syn.dont_fragment = true;
    syn.window = window;
    syn.tcp_header_length = 40;
    std::uint8_t options[20];
    std::memcpy(options, kLinuxOptions, sizeof options);
    options[8] = static_cast<std::uint8_t>(tsval >> 24);
    options[9] = static_cast<std::uint8_t>(tsval >> 16);
    options[10] = static_cast<std::uint8_t>(tsval >> 8);
    options[11] = static_cast<std::uint8_t>(tsval);
    fingerprint::set_options_from_bytes(syn, options, sizeof options);
    return syn;
}

fingerprint::ObservedSignature observed(const fingerprint::SynObservation& syn) { return fingerprint::observe(syn); }

} // namespace

TEST_CASE("the memo finds a signature again, whatever its TSval, and nothing that differs", "[fingerprint_memo]") {
    FingerprintMemo memo;
    CHECK(memo.find(observed(linux_syn(64, 64240, 1000))) == nullptr);
    memo.remember(observed(linux_syn(64, 64240, 1000)), FingerprintMemo::Fingerprint{3, 0});

    const FingerprintMemo::Fingerprint* again = memo.find(observed(linux_syn(64, 64240, 987654321)));
    REQUIRE(again != nullptr);
    CHECK(again->os == 3);
    CHECK(again->distance == 0);

    CHECK(memo.find(observed(linux_syn(63, 64240, 1000))) == nullptr);  // one hop further: another distance
    CHECK(memo.find(observed(linux_syn(64, 65535, 1000))) == nullptr);  // another window
    CHECK(memo.find(observed(linux_syn(64, 64240, 0))) == nullptr);     // TSval 0: the ts1- quirk
    fingerprint::SynObservation syn_ack = linux_syn(64, 64240, 1000);
    syn_ack.flags.ack = true;
    syn_ack.ack_number = 1;
    CHECK(memo.find(observed(syn_ack)) == nullptr);
    fingerprint::SynObservation fewer_options = linux_syn(64, 64240, 1000);
    fingerprint::set_options_from_bytes(fewer_options, kLinuxOptions, 4);  // MSS only
    fewer_options.tcp_header_length = 24;
    CHECK(memo.find(observed(fewer_options)) == nullptr);
    CHECK(memo.size() == 1);
}

TEST_CASE("the memo stops growing at its capacity and keeps what it has", "[fingerprint_memo]") {
    FingerprintMemo memo;
    for (std::uint32_t window = 1000; window < 1000 + FingerprintMemo::kCapacity + 50; ++window)
        memo.remember(observed(linux_syn(64, static_cast<std::uint16_t>(window), 1)),
                      FingerprintMemo::Fingerprint{static_cast<std::uint16_t>(window), 1});
    CHECK(memo.size() == FingerprintMemo::kCapacity);
    const FingerprintMemo::Fingerprint* first = memo.find(observed(linux_syn(64, 1000, 1)));
    REQUIRE(first != nullptr);
    CHECK(first->os == 1000);
    CHECK(memo.find(observed(linux_syn(64, static_cast<std::uint16_t>(1000 + FingerprintMemo::kCapacity), 1))) ==
          nullptr);
}

TEST_CASE("an analyzer that remembers signatures names every sender as one that matches each SYN afresh",
          "[fingerprint_memo]") {
    std::vector<fingerprint::ParseDiagnostic> diagnostics;
    const bool have_p0f = std::ifstream("/etc/p0f/p0f.fp").good();
    const fingerprint::Fingerprinter fingerprinter =
        have_p0f ? fingerprint::Fingerprinter::from_file("/etc/p0f/p0f.fp", diagnostics) : fingerprint::Fingerprinter();

    // SYNs of several stacks, each signature several times over, from
    // different hosts and with different TSvals.
    struct Variant {
        std::uint8_t ttl;
        std::uint16_t window;
        std::uint8_t option_bytes;
    };
    const std::vector<Variant> variants = {{64, 64240, 20}, {128, 64240, 20}, {64, 29200, 20}, {57, 64240, 20},
                                           {64, 65535, 4},  {255, 8192, 4},   {64, 64240, 20}, {128, 64240, 20}};
    Analyzer shared(AnalysisSettings{}, &fingerprinter);
    std::uint32_t frame = 1, stream = 0;
    std::uint32_t mismatches = 0;
    std::vector<std::uint8_t> distances;
    for (int repeat = 0; repeat < 3; ++repeat) {
        for (const Variant& variant : variants) {
            SegmentBuilder builder(frame, ipv4(203, 0, 113, static_cast<std::uint8_t>(stream % 250)), 40000,
                                   ipv4(198, 51, 100, 20), 443);
            builder.stream(stream).syn(1460).first_syn().ttl(variant.ttl).tcp_options(variant.option_bytes);
            SegmentFacts syn = builder.build();
            syn.window = variant.window;
            std::memcpy(syn.traits.option_bytes, kLinuxOptions, variant.option_bytes);
            syn.traits.option_bytes[11] = static_cast<std::uint8_t>(frame);  // another TSval each time
            syn.traits.option_length = variant.option_bytes;

            shared.observe(syn);
            Analyzer alone(AnalysisSettings{}, &fingerprinter);
            SegmentFacts first = syn;
            first.frame = 1;
            first.stream = 0;
            alone.observe(first);
            const Endpoint& remembered = shared.conversation(stream)->side(0);
            const Endpoint& afresh = alone.conversation(0)->side(0);
            if (shared.os(remembered.os).label != alone.os(afresh.os).label ||
                shared.os(remembered.os).kind != alone.os(afresh.os).kind || remembered.os_distance != afresh.os_distance)
                ++mismatches;
            distances.push_back(remembered.os_distance);
            ++frame;
            ++stream;
        }
    }
    CHECK(mismatches == 0);
    // The variants differ where the memo must tell them apart (7 hops for TTL 57).
    CHECK(std::find(distances.begin(), distances.end(), 0) != distances.end());
    CHECK(std::find(distances.begin(), distances.end(), 7) != distances.end());
    CHECK(shared.os(shared.conversation(0)->side(0).os).label == shared.os(shared.conversation(6)->side(0).os).label);
}
