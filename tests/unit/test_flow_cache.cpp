// The plugin's table of remembered TCP conversation lookups
// (plugin/flow_cache.h: plain C++, so it is tested here without Wireshark).
#include <catch2/catch.hpp>

#include <cstdint>

#include "plugin/flow_cache.h"

using mssck_plugin::FlowCache;
using mssck_plugin::FlowKey;

namespace {

const std::uint8_t kClient4[4] = {192, 0, 2, 10};
const std::uint8_t kServer4[4] = {198, 51, 100, 20};
const std::uint8_t kClient6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
const std::uint8_t kServer6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

// Conversations are opaque to the cache: any distinct address will do.
const int kConversations[3] = {};

FlowKey client_flow(std::uint16_t client_port) { return FlowKey::of(4, kClient4, client_port, kServer4, 80); }

} // namespace

TEST_CASE("a flow key is the same in both directions and differs by address family, address and port",
          "[flow_cache]") {
    CHECK(FlowKey::of(4, kClient4, 40000, kServer4, 80) == FlowKey::of(4, kServer4, 80, kClient4, 40000));
    CHECK(FlowKey::of(6, kClient6, 40000, kServer6, 80) == FlowKey::of(6, kServer6, 80, kClient6, 40000));
    CHECK_FALSE(FlowKey::of(4, kClient4, 40000, kServer4, 80) == FlowKey::of(4, kClient4, 40001, kServer4, 80));
    CHECK_FALSE(FlowKey::of(4, kClient4, 40000, kServer4, 80) == FlowKey::of(4, kClient4, 40000, kServer4, 81));
    CHECK_FALSE(FlowKey::of(4, kClient4, 40000, kServer4, 80) == FlowKey::of(4, kClient4, 40000, kClient4, 80));
    // Both ends on one address: the ports order them.
    CHECK(FlowKey::of(4, kClient4, 5000, kClient4, 6000) == FlowKey::of(4, kClient4, 6000, kClient4, 5000));
    // An IPv6 address whose first four bytes are an IPv4 one's is another flow.
    const std::uint8_t v6_like_client[16] = {192, 0, 2, 10};
    const std::uint8_t v6_like_server[16] = {198, 51, 100, 20};
    CHECK_FALSE(FlowKey::of(4, kClient4, 40000, kServer4, 80) ==
                FlowKey::of(6, v6_like_client, 40000, v6_like_server, 80));
}

TEST_CASE("the flow cache finds what was put, replaces it, and forgets all on clear", "[flow_cache]") {
    FlowCache cache;
    CHECK(cache.find(client_flow(40000)) == nullptr);

    cache.put(client_flow(40000), &kConversations[0], 7);
    const FlowCache::Entry* found = cache.find(FlowKey::of(4, kServer4, 80, kClient4, 40000));
    REQUIRE(found != nullptr);
    CHECK(found->conversation == &kConversations[0]);
    CHECK(found->stream == 7);
    // It keeps the key's hash, the same from either end, not the key.
    CHECK(found->tag == FlowCache::tag_of(client_flow(40000)));
    CHECK(FlowCache::tag_of(client_flow(40000)) != FlowCache::tag_of(client_flow(40001)));
    CHECK(cache.find(client_flow(40001)) == nullptr);

    // A port reuse: the same flow, a newer conversation.
    cache.put(client_flow(40000), &kConversations[1], 9);
    CHECK(cache.size() == 1);
    CHECK(cache.find(client_flow(40000))->conversation == &kConversations[1]);
    CHECK(cache.find(client_flow(40000))->stream == 9);

    cache.clear();
    CHECK(cache.size() == 0);
    CHECK(cache.capacity() == 0);
    CHECK(cache.find(client_flow(40000)) == nullptr);
}

TEST_CASE("the flow cache keeps every flow as it grows and stays at most three quarters full", "[flow_cache]") {
    FlowCache cache;
    constexpr std::uint32_t kFlows = 20000;
    for (std::uint32_t i = 0; i < kFlows; ++i)
        cache.put(client_flow(static_cast<std::uint16_t>(1024 + i)), &kConversations[i % 3], i);
    CHECK(cache.size() == kFlows);
    CHECK(cache.size() * 4 <= cache.capacity() * 3);
    std::uint32_t wrong = 0;
    for (std::uint32_t i = 0; i < kFlows; ++i) {
        const FlowCache::Entry* entry = cache.find(client_flow(static_cast<std::uint16_t>(1024 + i)));
        if (entry == nullptr || entry->stream != i || entry->conversation != &kConversations[i % 3]) ++wrong;
    }
    CHECK(wrong == 0);
    CHECK(cache.find(client_flow(1023)) == nullptr);
}
