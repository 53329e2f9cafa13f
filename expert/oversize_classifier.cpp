#include "expert/oversize_classifier.h"

namespace mssck {
namespace {

bool is_initial_ttl(std::uint8_t ttl) { return ttl == 64 || ttl == 128 || ttl == 255; }

// An MSS above Ethernet's means that side has a link with a larger MTU.
bool advertises_jumbo(const Endpoint& side, int ip_version) {
    const std::uint16_t ethernet_mss = ip_version == 6 ? 1440 : 1460;
    return side.advertised_mss.source == MssSource::Option && side.advertised_mss.value > ethernet_mss;
}

} // namespace

OversizeVerdict classify_oversized(const SegmentFacts& segment, std::uint32_t limit,
                                   const Endpoint& sender, const Endpoint& receiver) {
    OversizeVerdict verdict;
    OffloadEvidence& evidence = verdict.evidence;

    const std::uint32_t segment_bytes =
        segment.payload_len + segment.tcp_option_bytes() + segment.ip_option_bytes;

    if (segment.ip_len_zero) evidence.add(OffloadClue::IpLengthZero);
    // A host's MSS option is its own MTU minus 40 (60 for IPv6): a longer
    // segment could not have left its interface as one packet.
    const bool sender_mtu_known = sender.advertised_mss.source == MssSource::Option;
    if (sender_mtu_known && segment_bytes > sender.advertised_mss.value)
        evidence.add(OffloadClue::AboveSenderMtu);
    if (segment.ip_total_len > 1500 && !advertises_jumbo(sender, segment.src.version) &&
        !advertises_jumbo(receiver, segment.src.version))
        evidence.add(OffloadClue::AboveEthernetMtu);
    if (limit > 0 && segment.payload_len >= 2 * limit && segment.payload_len % limit == 0)
        evidence.add(OffloadClue::MultipleOfLimit);
    if (is_initial_ttl(segment.ttl)) evidence.add(OffloadClue::InitialTtl);

    // Decisive clues only: a TTL at its initial value just says where the
    // capture was taken, and a Windows Vista+ host sending 536 bytes to a
    // peer that asked for 512 is captured on the sender too.
    if (evidence.has(OffloadClue::IpLengthZero) || evidence.has(OffloadClue::AboveSenderMtu))
        verdict.offload = true;
    else if (!sender_mtu_known &&
             (evidence.has(OffloadClue::AboveEthernetMtu) || evidence.has(OffloadClue::MultipleOfLimit)))
        verdict.offload = true;
    return verdict;
}

} // namespace mssck
