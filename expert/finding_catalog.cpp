#include "expert/finding_catalog.h"

namespace mssck {
namespace {

// Order must follow FindingId: checked at compile time below.
constexpr FindingInfo kCatalog[] = {
    {FindingId::Violation, "violation", Severity::Warning, FindingGroup::Protocol,
     "Segment larger than the MSS the receiver advertised"},
    {FindingId::Offload, "offload", Severity::Note, FindingGroup::Protocol,
     "Segment larger than the MSS, but an offload (TSO/GSO/GRO/LRO) artifact of the capture"},
    {FindingId::AssumedLimitExceeded, "assumed_limit_exceeded", Severity::Note,
     FindingGroup::Protocol,
     "Segment larger than an assumed or inferred MSS (handshake not captured)"},
    {FindingId::MssChanged, "mss_changed", Severity::Note, FindingGroup::Sequence,
     "A repeated SYN advertised a different MSS"},
    {FindingId::MssDefault, "mss_default", Severity::Chat, FindingGroup::Protocol,
     "SYN without MSS option: the RFC default MSS applies"},
    {FindingId::IcmpHonored, "icmp.honored", Severity::Chat, FindingGroup::Sequence,
     "The sender shrank its packets to the MTU an ICMP reported"},
    {FindingId::IcmpIgnored, "icmp.ignored", Severity::Warning, FindingGroup::Sequence,
     "The sender kept sending packets larger than the MTU an ICMP reported"},
    {FindingId::BlackHole, "blackhole", Severity::Error, FindingGroup::Sequence,
     "Suspected PMTUD black hole: a large segment resent at the same size, never acknowledged"},
    {FindingId::IcmpMissing, "icmp.missing", Severity::Warning, FindingGroup::Sequence,
     "No ICMP fragmentation-needed / Packet Too Big seen for a black-holed flow"},
    {FindingId::BlackHoleCleared, "blackhole.cleared", Severity::Note, FindingGroup::Sequence,
     "The segment suspected lost in a black hole was acknowledged: plain loss"},
    {FindingId::BlackHoleRecovered, "blackhole.recovered", Severity::Note, FindingGroup::Sequence,
     "The sender got black-holed data through in smaller segments"},
    {FindingId::MssFloor, "mss_floor", Severity::Warning, FindingGroup::Protocol,
     "The sender keeps a segment size above the peer's MSS: an MSS floor"},
    {FindingId::DfNotSet, "df_not_set", Severity::Note, FindingGroup::Protocol,
     "Large IPv4 packets without Don't Fragment: path MTU discovery is off"},
    {FindingId::IpFragmented, "ip_fragmented", Severity::Note, FindingGroup::Protocol,
     "TCP segment arrived in IP fragments"},
    {FindingId::Stall, "stall", Severity::Warning, FindingGroup::Sequence,
     "Data the sender sent never reached this capture point"},
};

constexpr bool catalog_in_id_order() {
    for (int i = 0; i < kFindingCount; ++i)
        if (static_cast<int>(kCatalog[i].id) != i) return false;
    return sizeof(kCatalog) / sizeof(kCatalog[0]) == kFindingCount;
}
static_assert(catalog_in_id_order(), "kCatalog must list every FindingId in order");

} // namespace

const FindingInfo& finding_info(FindingId id) { return kCatalog[static_cast<int>(id)]; }
const FindingInfo* finding_catalog_begin() { return kCatalog; }
const FindingInfo* finding_catalog_end() { return kCatalog + kFindingCount; }

} // namespace mssck
