#include "expert/sent_segments.h"

#include <cmath>

#include "expert/hot_path.h"

namespace mssck {
namespace {

constexpr std::int64_t kNanosecondsPerSecond = 1000000000;
// Whole seconds from the base that an Int48 of nanoseconds holds, fraction included.
constexpr double kWindowSeconds = static_cast<double>(Int48::kMax / kNanosecondsPerSecond - 1);

} // namespace

MSSCK_HOT Int48::Int48(std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value < kMin ? kMin : value > kMax ? kMax : value);
    words_[0] = static_cast<std::uint16_t>(bits);
    words_[1] = static_cast<std::uint16_t>(bits >> 16);
    words_[2] = static_cast<std::uint16_t>(bits >> 32);
}

std::int64_t Int48::get() const {
    const std::int64_t bits = std::int64_t{words_[0]} | std::int64_t{words_[1]} << 16 | std::int64_t{words_[2]} << 32;
    return bits > kMax ? bits - (std::int64_t{1} << 48) : bits;
}

MSSCK_HOT SentSegment* SentSegments::find(std::uint32_t seq, std::uint32_t len) {
    for (std::size_t i = 0; i < count_; ++i) {
        SentSegment& sent = entry(i);
        if (sent.seq == seq && sent.len == len) return &sent;
    }
    return nullptr;
}

MSSCK_HOT SentSegment& SentSegments::add(const SentSegment& segment, double time) {
    if (!slots_) slots_.reset(new (state_memory::allocate(sizeof(Slots))) Slots);  // not zeroed: entries are made as they come
    if (count_ == kCapacity) {
        // Drop the oldest: entries are kept in sending order.
        for (std::size_t i = 1; i < count_; ++i) entry(i - 1) = entry(i);
        --count_;
        ++overflows_;
    }
    const Int48 sent = offset_of(time);  // may move the base: before the new entry is in
    SentSegment& added = *new (place(count_)) SentSegment(segment);
    ++count_;
    added.first_sent_ns = added.last_sent_ns = sent;
    return added;
}

MSSCK_HOT void SentSegments::set_last_sent(SentSegment& segment, std::uint32_t frame, double time) {
    const Int48 sent = offset_of(time);
    segment.last_frame = frame;
    segment.last_sent_ns = sent;
}

// Capture times are made by nstime_to_sec(): whole seconds plus nanoseconds
// / 1e9. Split into those and put together again the same way, a capture
// time comes back as the very same double, so every result is unchanged.
MSSCK_HOT Int48 SentSegments::offset_of(double time) {
    const double whole = std::floor(time);
    if (count_ == 0 || !(std::fabs(whole - base_seconds_) <= kWindowSeconds)) rebase(whole);
    const double seconds = whole - base_seconds_;
    if (!std::isfinite(seconds)) return Int48(0);  // no capture time is infinite
    return Int48(static_cast<std::int64_t>(seconds) * kNanosecondsPerSecond + std::llround((time - whole) * 1e9));
}

double SentSegments::time_at(Int48 offset) const {
    std::int64_t seconds = offset.get() / kNanosecondsPerSecond;
    std::int64_t nanoseconds = offset.get() % kNanosecondsPerSecond;
    if (nanoseconds < 0) {
        nanoseconds += kNanosecondsPerSecond;
        --seconds;
    }
    return (base_seconds_ + static_cast<double>(seconds)) + static_cast<double>(nanoseconds) / kNanosecondsPerSecond;
}

// The entries' times move with the base; one then more than 39 hours from
// it (in flight that long) is clamped to the nearest time that fits.
void SentSegments::rebase(double base_seconds) {
    const double shift = base_seconds_ - base_seconds;
    const bool fits = std::fabs(shift) <= 2 * kWindowSeconds;
    const auto moved = [&](Int48 offset) {
        if (!fits) return Int48(shift > 0 ? Int48::kMax : Int48::kMin);
        return Int48(offset.get() + static_cast<std::int64_t>(shift) * kNanosecondsPerSecond);
    };
    for (std::size_t i = 0; i < count_; ++i) {
        SentSegment& sent = entry(i);
        sent.first_sent_ns = moved(sent.first_sent_ns);
        sent.last_sent_ns = moved(sent.last_sent_ns);
    }
    base_seconds_ = base_seconds;
}

} // namespace mssck
