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
