// ConversationStore: conversations found by tcp.stream, indexed densely
// below kDenseStreams and in a map above; never moved once made.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "expert/conversation_store.h"

using namespace mssck;

namespace {

Conversation& claimed(ConversationStore& store, std::uint32_t stream) {
    Conversation& conversation = store.at(stream);
    conversation.side(0).present = true;  // what a first segment does
    return conversation;
}

} // namespace

TEST_CASE("a stream is found only once a segment claimed it", "[conversations]") {
    ConversationStore store;
    CHECK(store.find(0) == nullptr);
    CHECK(store.find(ConversationStore::kDenseStreams) == nullptr);
    CHECK(store.find(UINT32_MAX) == nullptr);

    Conversation& made = store.at(3);
    CHECK(store.find(3) == nullptr);  // its slot exists, its stream does not yet
    made.side(0).present = true;
    CHECK(store.find(3) == &made);
    CHECK(store.find(2) == nullptr);  // same chunk, never claimed
    CHECK(store.find(ConversationStore::kChunkSize) == nullptr);  // a chunk never made
}

TEST_CASE("dense and sparse streams alike keep their conversation in place", "[conversations]") {
    ConversationStore store;
    const std::vector<std::uint32_t> streams = {
        0, 1, ConversationStore::kChunkSize - 1, ConversationStore::kChunkSize, 100000,
        ConversationStore::kDenseStreams - 1, ConversationStore::kDenseStreams, UINT32_MAX};
    std::vector<const Conversation*> first;
    for (std::uint32_t stream : streams) first.push_back(&claimed(store, stream));
    // Many more, so that the chunk list and the map grow.
    for (std::uint32_t stream = 2; stream < 5000; ++stream) claimed(store, stream);
    for (std::uint32_t stream = 1; stream < 2000; ++stream) claimed(store, ConversationStore::kDenseStreams + stream);

    for (std::size_t i = 0; i < streams.size(); ++i) {
        const Conversation* found = store.find(streams[i]);
        REQUIRE(found != nullptr);
        CHECK(found == first[i]);
        CHECK(found->stream == streams[i]);
        CHECK(&store.at(streams[i]) == found);
    }
}

TEST_CASE("each endpoint starts a cache line", "[conversations]") {
    // The per-segment fields are laid out for it (expert/endpoint.h).
    ConversationStore store;
    for (std::uint32_t stream : {0u, 7u, 300u, ConversationStore::kDenseStreams + 5}) {
        const Conversation& conversation = store.at(stream);
        for (int side = 0; side < 2; ++side)
            CHECK(reinterpret_cast<std::uintptr_t>(&conversation.side(side)) % 64 == 0);
    }
}
