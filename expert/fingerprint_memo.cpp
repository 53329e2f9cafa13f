#include "expert/fingerprint_memo.h"

namespace mssck {
namespace {

using fingerprint::ObservedSignature;

// Every field the matcher and the signature text read; not own_timestamp.
bool same_for_matching(const ObservedSignature& a, const ObservedSignature& b) {
    return a.is_syn_ack == b.is_syn_ack && a.ip_version == b.ip_version && a.ttl == b.ttl &&
           a.ip_options_length == b.ip_options_length && a.mss == b.mss && a.window == b.window &&
           a.window_scale == b.window_scale && a.options == b.options && a.quirks == b.quirks &&
           a.has_payload == b.has_payload && a.total_header_length == b.total_header_length &&
           a.peer_syn_mss == b.peer_syn_mss;
}

std::uint64_t hash_for_matching(const ObservedSignature& observed) {
    std::uint64_t hash = 0x9e3779b97f4a7c15u;
    const auto mix = [&hash](std::uint64_t value) { hash = (hash ^ value) * 0xff51afd7ed558ccdu; };
    mix(std::uint64_t{observed.is_syn_ack} | std::uint64_t{static_cast<std::uint8_t>(observed.ip_version)} << 8 |
        std::uint64_t{observed.ttl} << 16 | std::uint64_t{observed.ip_options_length} << 24 |
        std::uint64_t{observed.mss} << 32 | std::uint64_t{observed.window} << 48);
    mix(std::uint64_t{observed.window_scale} | std::uint64_t{observed.options.eol_padding} << 8 |
        std::uint64_t{observed.has_payload} << 16 | std::uint64_t{observed.peer_syn_mss} << 24 |
        std::uint64_t{observed.quirks.bits()} << 40);
    mix(observed.total_header_length);
    for (std::uint8_t kind : observed.options.kinds) mix(kind);
    return hash ^ (hash >> 32);
}

} // namespace

const FingerprintMemo::Fingerprint* FingerprintMemo::find(const ObservedSignature& observed) const {
    const std::uint64_t hash = hash_for_matching(observed);
    for (const Entry& entry : entries_)
        if (entry.hash == hash && same_for_matching(entry.observed, observed)) return &entry.fingerprint;
    return nullptr;
}

void FingerprintMemo::remember(const ObservedSignature& observed, Fingerprint fingerprint) {
    if (entries_.size() >= kCapacity || find(observed) != nullptr) return;
    entries_.push_back(Entry{hash_for_matching(observed), observed, fingerprint});
}

} // namespace mssck
