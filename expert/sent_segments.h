// The segments one direction has sent and not yet seen acknowledged: a
// fixed-size ring, so the state of a conversation does not grow with the
// number of its packets. When it is full the oldest entry is dropped (an
// acknowledged one first); a black hole on a dropped segment would then go
// unseen, which the overflow counter records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>

#include "expert/state_memory.h"

namespace mssck {

// A signed 48-bit integer in three 16-bit words: 6 bytes and 2-byte
// alignment, where an int64_t or a double takes 8 and 8.
class Int48 {
public:
    static constexpr std::int64_t kMax = (std::int64_t{1} << 47) - 1;
    static constexpr std::int64_t kMin = -kMax - 1;

    Int48() = default;
    explicit Int48(std::int64_t value);  // clamped to [kMin, kMax]
    std::int64_t get() const;

private:
    std::uint16_t words_[3] = {};
};

struct SentSegment {
    // C++17 bit-fields take no default member initializer.
    SentSegment() : df(false), sacked(false), superseded(false), offload(false) {}

    std::uint32_t seq = 0;           // raw sequence number of the first byte
    std::uint32_t len = 0;           // payload (SYN and FIN count 1)
    std::uint32_t ip_size = 0;       // IP total length it was sent with
    // Entries are added one per frame at most, in frame order: a later
    // first_frame is a later first sending.
    std::uint32_t first_frame = 0, last_frame = 0;
    // When those frames were captured, in nanoseconds after the ring's base
    // time (SentSegments::first_time() and last_time() give seconds): 36
    // bytes instead of 56 with two doubles, 16 entries per direction.
    Int48 first_sent_ns, last_sent_ns;
    std::uint16_t sends = 0;         // the original included
    bool df : 1;
    bool sacked : 1;                 // inside a SACK block of the peer
    bool superseded : 1;             // its data was sent again in smaller pieces
    bool offload : 1;                // a TSO/GRO artifact: its size is not a packet's size

    std::uint32_t end() const { return seq + len; }
};
static_assert(sizeof(SentSegment) <= 36, "every conversation keeps 2 x kCapacity SentSegments: keep it small");
static_assert(std::is_trivially_copyable<SentSegment>::value && std::is_trivially_destructible<SentSegment>::value,
              "SentSegments copies entries within raw storage and never destroys them");

class SentSegments {
public:
    static constexpr std::size_t kCapacity = 16;

    // The entry with exactly this start and length, or null.
    SentSegment* find(std::uint32_t seq, std::uint32_t len);
    // Records a first sending at `time` (seconds, as SegmentFacts::time);
    // returns the new entry.
    SentSegment& add(const SentSegment& segment, double time);
    // Records that `segment`, an entry of this ring, was sent again.
    void set_last_sent(SentSegment& segment, std::uint32_t frame, double time);

    // The capture times of an entry's first_frame and last_frame, exactly
    // the SegmentFacts::time they were recorded with.
    double first_time(const SentSegment& segment) const { return time_at(segment.first_sent_ns); }
    double last_time(const SentSegment& segment) const { return time_at(segment.last_sent_ns); }

    template <typename Visit>
    void for_each(Visit visit) {
        for (std::size_t i = 0; i < count_; ++i) visit(entry(i));
    }
    template <typename Visit>
    void for_each(Visit visit) const {
        for (std::size_t i = 0; i < count_; ++i) visit(entry(i));
    }
    // Drops the entries keep() says no to; an empty ring gives its slots back.
    template <typename Keep>
    void remove_unless(Keep keep) {
        std::uint32_t kept = 0;
        for (std::size_t i = 0; i < count_; ++i)
            if (keep(entry(i))) {
                if (kept != i) entry(kept) = entry(i);
                ++kept;
            }
        count_ = kept;
        if (count_ == 0) slots_.reset();
    }

    std::size_t size() const { return count_; }
    // Whether the ring holds its slots now (bench/state-sizes, tests).
    bool holds_slots() const { return slots_ != nullptr; }
    std::uint32_t overflows() const { return overflows_; }

    // The storage of the slots: each entry is made when it is added, not all
    // kCapacity when a ring takes its slots (which wrote nine cache lines
    // every time a direction started sending again).
    struct Slots {
        alignas(SentSegment) unsigned char bytes[sizeof(SentSegment) * kCapacity];
    };

private:
    // Where entry i goes, and entry i once made (i < count_).
    unsigned char* place(std::size_t i) const { return slots_->bytes + i * sizeof(SentSegment); }
    SentSegment& entry(std::size_t i) { return *std::launder(reinterpret_cast<SentSegment*>(place(i))); }
    const SentSegment& entry(std::size_t i) const {
        return *std::launder(reinterpret_cast<const SentSegment*>(place(i)));
    }

    Int48 offset_of(double time);
    double time_at(Int48 offset) const;
    void rebase(double base_seconds);

    // Whole seconds that the entries' times count from: moved when a time
    // would not fit in an Int48 of nanoseconds (39 hours either way).
    double base_seconds_ = 0.0;
    // Allocated at the first add and freed when the ring empties: a side
    // that only acknowledges, or has everything acknowledged (most
    // conversations of a long capture, most of the time), holds none.
    struct GiveBack {
        void operator()(Slots* slots) const noexcept { state_memory::release(slots, sizeof(Slots)); }
    };
    // On state_memory's huge pages: a ring is taken and given back each
    // time its direction starts and stops sending.
    std::unique_ptr<Slots, GiveBack> slots_;  // entries [0, count_) are made
    std::uint32_t count_ = 0;
    std::uint32_t overflows_ = 0;
};

} // namespace mssck
