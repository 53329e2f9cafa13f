#include "expert/sent_segments.h"

namespace mssck {

SentSegment* SentSegments::find(std::uint32_t seq, std::uint32_t len) {
    for (std::size_t i = 0; i < count_; ++i)
        if (slots_[i].seq == seq && slots_[i].len == len) return &slots_[i];
    return nullptr;
}

SentSegment& SentSegments::add(const SentSegment& segment) {
    if (count_ == kCapacity) {
        // Drop the oldest: entries are kept in sending order.
        for (std::size_t i = 1; i < count_; ++i) slots_[i - 1] = slots_[i];
        --count_;
        ++overflows_;
    }
    SentSegment& added = slots_[count_++];
    added = segment;
    added.sent_order = next_order_++;
    return added;
}

} // namespace mssck
