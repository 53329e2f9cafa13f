#pragma once

#include <vector>

#include "expert/fingerprint/observed_signature.h"
#include "expert/fingerprint/tcp_signature.h"

namespace mssck::fingerprint {

// The outcome of comparing one packet with one list of signatures.
struct TcpMatch {
    const TcpSignatureRecord* record = nullptr;  // null: nothing matched
    bool fuzzy = false;         // matched only with p0f's tolerances
    unsigned distance = 0;      // hops, guessed when unmatched or TTL out of range
    bool distance_is_upper_bound = false;  // randomized-TTL signature ("64-")

    bool matched() const { return record != nullptr; }
    bool generic() const { return record != nullptr && record->label.generic; }
};

// p0f v3's matching (fp_tcp.c): the first specific signature that matches
// exactly wins; failing that, the first generic one that matches exactly;
// failing that, the first that matches fuzzily. The option layout, EOL
// padding, IP options length, MSS, window scale, payload class and window
// rule must always agree. Fuzzy means: 'df' or 'id+' missing, 'id-' or
// 'ecn' added, or a TTL above the signature's or over 35 hops below it.
// Signatures of applications ('!' class) never match fuzzily.
// One deliberate difference: a signature for one IP version is not tried
// on the other (p0f does not check the version field).
TcpMatch match_tcp_signature(const ObservedSignature& observed,
                             const std::vector<TcpSignatureRecord>& records);

}  // namespace mssck::fingerprint
