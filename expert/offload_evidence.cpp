#include "expert/offload_evidence.h"

#include <cstdio>

namespace mssck {

void OffloadEvidence::format(char* out, std::size_t out_size) const {
    static const struct {
        OffloadClue clue;
        const char* text;
    } kClues[] = {
        {OffloadClue::IpLengthZero, "IP total length 0"},
        {OffloadClue::AboveSenderMtu, "longer than the sender's own MSS allows"},
        {OffloadClue::AboveEthernetMtu, "IP packet above 1500 bytes without a jumbo MSS"},
        {OffloadClue::MultipleOfLimit, "whole multiple of the segment limit"},
        {OffloadClue::InitialTtl, "TTL at its initial value (captured on the sender)"},
    };
    if (out_size == 0) return;
    out[0] = '\0';
    std::size_t used = 0;
    for (const auto& entry : kClues) {
        if (!has(entry.clue) || used >= out_size) continue;
        const int n = std::snprintf(out + used, out_size - used, "%s%s", used ? ", " : "", entry.text);
        if (n < 0) break;
        used += static_cast<std::size_t>(n);
    }
}

} // namespace mssck
