// A table from a TCP flow's two endpoints to what the TCP dissector's
// conversation lookup found for them, so that most segments need no
// lookup of their own (tcp_stream.cpp says when a remembered answer is
// used). Plain C++: it keeps the conversation as an opaque pointer.
//
// An entry keeps a 64-bit hash of the flow's key (its tag), not the key:
// 24 bytes instead of 56, so that the table of a capture's flows stays in
// the caches more (docs/PERFORMANCE.md, "Ninth round"). Two flows may share
// a tag, so what find() returns is a candidate: the caller checks that the
// conversation is the flow's own (tcp_stream.cpp asks the Analyzer's
// record of its stream).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "expert/state_memory.h"

namespace mssck_plugin {

// Both endpoints, the lower one first, so that both directions of a flow
// share one entry. 40 bytes, read as five 64-bit words by the hash.
struct FlowKey {
    std::uint8_t low_address[16] = {};
    std::uint8_t high_address[16] = {};
    std::uint16_t low_port = 0, high_port = 0;
    std::uint8_t ip_version = 0;
    std::uint8_t padding[3] = {};

    // address points at 4 (IPv4) or 16 (IPv6) bytes.
    static FlowKey of(std::uint8_t ip_version, const std::uint8_t* address_a, std::uint16_t port_a,
                      const std::uint8_t* address_b, std::uint16_t port_b) {
        FlowKey key;
        key.ip_version = ip_version;
        const std::size_t length = ip_version == 6 ? 16 : 4;
        const bool a_is_low = is_low(address_a, port_a, address_b, port_b, length);
        const std::uint8_t* low = a_is_low ? address_a : address_b;
        const std::uint8_t* high = a_is_low ? address_b : address_a;
        // Sizes the compiler knows: copied in place, without a call to memcpy.
        if (length == 4) {
            std::memcpy(key.low_address, low, 4);
            std::memcpy(key.high_address, high, 4);
        } else {
            std::memcpy(key.low_address, low, 16);
            std::memcpy(key.high_address, high, 16);
        }
        key.low_port = a_is_low ? port_a : port_b;
        key.high_port = a_is_low ? port_b : port_a;
        return key;
    }

    // Whether endpoint a sorts before (or is) endpoint b: addresses as
    // big-endian numbers, then ports; no call to memcmp.
    static bool is_low(const std::uint8_t* address_a, std::uint16_t port_a, const std::uint8_t* address_b,
                       std::uint16_t port_b, std::size_t length) {
        for (std::size_t at = 0; at < length; at += 4) {
            const std::uint32_t a = big_endian_32(address_a + at), b = big_endian_32(address_b + at);
            if (a != b) return a < b;
        }
        return port_a <= port_b;
    }
    static std::uint32_t big_endian_32(const std::uint8_t* p) {
        return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
               static_cast<std::uint32_t>(p[2]) << 8 | p[3];
    }

    // Every byte is set (no implicit padding), so the bytes are the key.
    // Off the hot path since the cache compares tags: the unit tests use it.
    bool operator==(const FlowKey& other) const { return std::memcmp(this, &other, sizeof(FlowKey)) == 0; }
};
static_assert(sizeof(FlowKey) == 40, "FlowKey is hashed as five 64-bit words");

class FlowCache {
public:
    struct Entry {
        std::uint64_t tag = 0;               // tag_of(the flow's key)
        const void* conversation = nullptr;  // null: a free slot
        std::uint32_t stream = 0;
    };

    static_assert(sizeof(Entry) == 24, "a tag, a pointer and a stream: 24 bytes an entry");

    // The entry of this flow's tag (this flow's, or one sharing its tag),
    // or null.
    const Entry* find(const FlowKey& key) const {
        if (slots_.empty()) return nullptr;
        const Entry& entry = slots_[probe(tag_of(key))];
        return entry.conversation == nullptr ? nullptr : &entry;
    }

    // Remembers (or replaces) what the lookup found for this flow; it
    // replaces the entry of a flow sharing its tag. conversation must not be
    // null.
    void put(const FlowKey& key, const void* conversation, std::uint32_t stream) {
        if ((size_ + 1) * 4 > slots_.size() * 3) grow();
        const std::uint64_t tag = tag_of(key);
        Entry& entry = slots_[probe(tag)];
        if (entry.conversation == nullptr) ++size_;
        entry.tag = tag;
        entry.conversation = conversation;
        entry.stream = stream;
    }

    void clear() {
        Slots().swap(slots_);
        size_ = 0;
    }

    std::size_t size() const { return size_; }
    std::size_t capacity() const { return slots_.size(); }

    // The key's 64-bit hash; its low bits pick the home slot.
    static std::uint64_t tag_of(const FlowKey& key) {
        std::uint64_t words[sizeof(FlowKey) / 8];
        std::memcpy(words, &key, sizeof words);
        std::uint64_t hash = 0x9e3779b97f4a7c15u;
        for (std::uint64_t word : words) hash = (hash ^ word) * 0xff51afd7ed558ccdu;
        return hash ^ (hash >> 32);
    }

private:
    static constexpr std::size_t kFirstCapacity = 1024;  // a power of two

    std::size_t mask() const { return slots_.size() - 1; }

    // The slot holding tag, or the free slot where it goes (there always is
    // one: the table is never more than three quarters full).
    std::size_t probe(std::uint64_t tag) const {
        for (std::size_t at = static_cast<std::size_t>(tag) & mask();; at = (at + 1) & mask()) {
            const Entry& entry = slots_[at];
            if (entry.conversation == nullptr || entry.tag == tag) return at;
        }
    }

    void grow() {
        Slots old;
        old.swap(slots_);
        slots_.resize(old.empty() ? kFirstCapacity : old.size() * 2);
        for (const Entry& entry : old)
            if (entry.conversation != nullptr) slots_[probe(entry.tag)] = entry;
    }

    // On state_memory's huge pages, like the analysis state.
    using Slots = std::vector<Entry, mssck::StateAllocator<Entry>>;
    Slots slots_;  // linear probing, at most three quarters full
    std::size_t size_ = 0;
};

} // namespace mssck_plugin
