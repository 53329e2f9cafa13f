// The fingerprints of the SYN and SYN-ACK signatures already seen in a
// capture. Matching one against p0f's database (exact, generic, fuzzy) costs
// about 10,000 instructions, and a capture repeats a handful of stacks over
// and over (a SYN scan is nothing else), so each distinct signature is
// matched once and then looked up. Exact: the key holds everything the
// match reads, and only the sender's TSval (read only as the zero quirk,
// which the key keeps) is left out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "expert/fingerprint/observed_signature.h"

namespace mssck {

class FingerprintMemo {
public:
    // Beyond this many distinct signatures (a hostile capture can make each
    // SYN a new one), new ones are matched every time and not remembered.
    static constexpr std::size_t kCapacity = 1024;

    struct Fingerprint {
        std::uint16_t os = 0;        // OsRegistry id
        std::uint8_t distance = 0;   // hops from the initial TTL
    };

    // What was remembered for this signature, or null.
    const Fingerprint* find(const fingerprint::ObservedSignature& observed) const;
    void remember(const fingerprint::ObservedSignature& observed, Fingerprint fingerprint);

    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::uint64_t hash = 0;
        fingerprint::ObservedSignature observed;
        Fingerprint fingerprint;
    };

    std::vector<Entry> entries_;  // few: searched in order, by hash first
};

} // namespace mssck
