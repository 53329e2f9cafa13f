// Why a segment above the MSS is taken for an artifact of segmentation or
// receive offload (TSO/GSO on the sending host, GRO/LRO on the receiving
// one) instead of something that crossed a wire.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mssck {

enum class OffloadClue : std::uint8_t {
    IpLengthZero = 1 << 0,        // IPv4 total length 0: the NIC fills it in later
    AboveSenderMtu = 1 << 1,      // longer than the sender's own MSS lets it send
    AboveEthernetMtu = 1 << 2,    // IP packet over 1500 bytes, no jumbo MSS on either side
    MultipleOfLimit = 1 << 3,     // a whole multiple (2 or more) of the segment limit
    InitialTtl = 1 << 4,          // TTL still 64/128/255: captured on the sending host
};

class OffloadEvidence {
public:
    void add(OffloadClue clue) { bits_ |= static_cast<std::uint8_t>(clue); }
    bool has(OffloadClue clue) const { return (bits_ & static_cast<std::uint8_t>(clue)) != 0; }
    bool empty() const { return bits_ == 0; }

    // "IP total length 0, above the sender's MTU" and so on.
    void format(char* out, std::size_t out_size) const;

private:
    std::uint8_t bits_ = 0;
};

} // namespace mssck
