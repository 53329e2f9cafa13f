// The segments one direction has sent and not yet seen acknowledged: a
// fixed-size ring, so the state of a conversation does not grow with the
// number of its packets. When it is full the oldest entry is dropped (an
// acknowledged one first); a black hole on a dropped segment would then go
// unseen, which the overflow counter records.
#pragma once

#include <array>
#include <cstdint>

namespace mssck {

struct SentSegment {
    std::uint32_t seq = 0;           // raw sequence number of the first byte
    std::uint32_t len = 0;           // payload (SYN and FIN count 1)
    std::uint32_t ip_size = 0;       // IP total length it was sent with
    std::uint32_t first_frame = 0, last_frame = 0;
    double first_time = 0.0, last_time = 0.0;
    std::uint16_t sends = 0;         // the original included
    bool df = false;
    bool sacked = false;             // inside a SACK block of the peer
    bool superseded = false;         // its data was sent again in smaller pieces
    bool offload = false;            // a TSO/GRO artifact: its size is not a packet's size
    std::uint32_t sent_order = 0;    // order of first sending, for "sent after"

    std::uint32_t end() const { return seq + len; }
};

class SentSegments {
public:
    static constexpr std::size_t kCapacity = 16;

    // The entry with exactly this start and length, or null.
    SentSegment* find(std::uint32_t seq, std::uint32_t len);
    // Records a first sending; returns the new entry.
    SentSegment& add(const SentSegment& segment);

    template <typename Visit>
    void for_each(Visit visit) {
        for (std::size_t i = 0; i < count_; ++i) visit(slots_[i]);
    }
    template <typename Visit>
    void for_each(Visit visit) const {
        for (std::size_t i = 0; i < count_; ++i) visit(slots_[i]);
    }
    template <typename Keep>
    void remove_unless(Keep keep) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < count_; ++i)
            if (keep(slots_[i])) slots_[kept++] = slots_[i];
        count_ = kept;
    }

    std::size_t size() const { return count_; }
    std::uint32_t overflows() const { return overflows_; }

private:
    std::array<SentSegment, kCapacity> slots_{};
    std::size_t count_ = 0;
    std::uint32_t overflows_ = 0;
    std::uint32_t next_order_ = 0;
};

} // namespace mssck
