// SentSegments: the in-flight ring, and the capture times it keeps in 48 bits.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <utility>

#include "expert/sent_segments.h"

using namespace mssck;

namespace {

// A capture time as Wireshark's nstime_to_sec() makes it.
double capture_time(std::int64_t seconds, std::int64_t nanoseconds) {
    return static_cast<double>(seconds) + static_cast<double>(nanoseconds) / 1000000000;
}

SentSegment full_size(std::uint32_t seq, std::uint32_t frame) {
    SentSegment segment;
    segment.seq = seq;
    segment.len = 1448;
    segment.first_frame = segment.last_frame = frame;
    segment.sends = 1;
    return segment;
}

} // namespace

TEST_CASE("Int48 keeps 48 signed bits and clamps beyond them", "[sent_segments]") {
    const std::int64_t values[] = {0, 1, -1, 65535, 65536, -65537, 123456789012345, -123456789012345,
                                   Int48::kMax, Int48::kMin};
    for (std::int64_t value : values) CHECK(Int48(value).get() == value);
    CHECK(Int48(Int48::kMax + 1).get() == Int48::kMax);
    CHECK(Int48(INT64_MIN).get() == Int48::kMin);
}

TEST_CASE("an entry's capture times come back as the very same doubles", "[sent_segments]") {
    // A capture starting at 0, and one of today; µs and ns resolution.
    const std::int64_t starts[] = {0, 1763888707};
    const std::int64_t resolutions[] = {1000, 1};
    for (std::int64_t start : starts) {
        for (std::int64_t resolution : resolutions) {
            SentSegments ring;
            std::map<std::uint32_t, std::pair<double, double>> times;  // by seq: first and last
            std::uint64_t random = 12345;
            std::int64_t ns = 0;
            for (std::uint32_t frame = 1; frame <= 3000; ++frame) {
                random = random * 6364136223846793005u + 1442695040888963407u;
                ns += static_cast<std::int64_t>(random >> 40) * resolution;  // up to 16.7 s (µs) apart
                const double time = capture_time(start + ns / 1000000000, ns % 1000000000);
                const std::uint32_t seq = static_cast<std::uint32_t>(random >> 33) % 24;
                if (SentSegment* sent = ring.find(seq, 1448)) {
                    ring.set_last_sent(*sent, frame, time);
                    times[seq].second = time;
                } else {
                    ring.add(full_size(seq, frame), time);
                    times[seq] = {time, time};
                }
                ring.for_each([&](const SentSegment& sent) {
                    CHECK(ring.first_time(sent) == times[sent.seq].first);
                    CHECK(ring.last_time(sent) == times[sent.seq].second);
                });
                // Acknowledge now and then, so that the ring empties at times.
                if (random % 7 == 0) ring.remove_unless([&](const SentSegment& sent) { return sent.seq % 3 != 0; });
                if (random % 50 == 0) ring.remove_unless([](const SentSegment&) { return false; });
            }
        }
    }
}

TEST_CASE("times more than 39 hours apart in one ring", "[sent_segments]") {
    const std::int64_t start = 1763888707;
    const std::int64_t hour = 3600;
    SentSegments ring;
    SentSegment& old = ring.add(full_size(1, 1), capture_time(start, 250000));
    SentSegment& recent = ring.add(full_size(2, 2), capture_time(start + 30 * hour, 500000));
    SentSegment& now = ring.add(full_size(3, 3), capture_time(start + 60 * hour, 750000));
    // Within 39 hours of the newest: exact.
    CHECK(ring.first_time(recent) == capture_time(start + 30 * hour, 500000));
    CHECK(ring.first_time(now) == capture_time(start + 60 * hour, 750000));
    // In flight for 60 hours: kept as 39 hours, still the earliest.
    CHECK(ring.first_time(old) < ring.first_time(recent));
    CHECK(ring.first_time(old) >= capture_time(start + 20 * hour, 0));
    // A clock stepped back an hour: exact too.
    SentSegment& earlier = ring.add(full_size(4, 4), capture_time(start + 59 * hour, 125000));
    CHECK(ring.first_time(earlier) == capture_time(start + 59 * hour, 125000));
    ring.set_last_sent(recent, 5, capture_time(start + 61 * hour, 1));
    CHECK(ring.last_time(recent) == capture_time(start + 61 * hour, 1));
    CHECK(ring.first_time(recent) == capture_time(start + 30 * hour, 500000));
}

TEST_CASE("a full ring drops its oldest entry and counts it", "[sent_segments]") {
    SentSegments ring;
    for (std::uint32_t i = 0; i < SentSegments::kCapacity + 3; ++i) ring.add(full_size(i * 1448, i + 1), 0.5 * i);
    CHECK(ring.size() == SentSegments::kCapacity);
    CHECK(ring.overflows() == 3);
    CHECK(ring.find(0, 1448) == nullptr);
    const SentSegment* oldest_kept = ring.find(3 * 1448, 1448);
    REQUIRE(oldest_kept != nullptr);
    CHECK(ring.first_time(*oldest_kept) == 1.5);
}

TEST_CASE("a ring holds its slots only while something is in flight", "[sent_segments]") {
    SentSegments ring;
    CHECK_FALSE(ring.holds_slots());  // a side that only acknowledges costs no slots
    ring.add(full_size(1000, 3), 1.0);
    ring.add(full_size(2448, 4), 1.5);
    CHECK(ring.holds_slots());
    ring.remove_unless([](const SentSegment& segment) { return segment.seq == 2448; });
    CHECK(ring.size() == 1);
    CHECK(ring.holds_slots());
    ring.remove_unless([](const SentSegment&) { return false; });
    CHECK(ring.size() == 0);
    CHECK_FALSE(ring.holds_slots());
    // Used again, with the times of the new entry exact.
    SentSegment& again = ring.add(full_size(3896, 9), 7.25);
    CHECK(ring.first_time(again) == 7.25);
    CHECK(ring.find(3896, 1448) == &again);
}
