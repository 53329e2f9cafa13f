// The one list of everything mssck can say about a packet.
//
// Each finding has a stable id and a stable key; the key becomes the
// expert-info and display-filter name "mssck.<key>". The plugin registers
// its expert infos from this table and the tests name findings through it,
// so a finding cannot exist in one place and be missing in another.
#pragma once

#include <cstdint>
#include <string_view>

namespace mssck {

enum class FindingId : std::uint8_t {
    Violation,            // payload above the limit the peer's MSS sets
    Offload,              // above the limit, but a TSO/GSO/GRO artifact
    AssumedLimitExceeded, // above a limit from an assumed or inferred MSS
    MssChanged,           // a retransmitted SYN advertised another MSS
    MssDefault,           // SYN without MSS option: the RFC default applies
    IcmpHonored,          // the sender shrank its packets after a frag-needed / PTB
    IcmpIgnored,          // ... or kept sending packets that cannot fit
    BlackHole,            // a full-size segment resent at the same size, unanswered
    IcmpMissing,          // ... and no frag-needed / PTB seen for the flow
    BlackHoleCleared,     // the suspected segment got acknowledged after all
    BlackHoleRecovered,   // the sender got the data through in smaller segments
    MssFloor,             // the sender keeps a segment size above the peer's MSS
    DfNotSet,             // large IPv4 packets without DF: PMTUD is off
    IpFragmented,         // the segment arrived in IP fragments
    Stall,                // data sent that never reached this capture point
    Count
};

enum class Severity : std::uint8_t { Chat, Note, Warning, Error };

// Mirrors the expert-info groups mssck uses; the plugin maps them to PI_*.
enum class FindingGroup : std::uint8_t { Protocol, Sequence, Malformed };

struct FindingInfo {
    FindingId id;
    std::string_view key;      // "violation" -> mssck.violation
    Severity severity;
    FindingGroup group;
    std::string_view summary;  // the expert-info name shown in the GUI
};

constexpr int kFindingCount = static_cast<int>(FindingId::Count);

const FindingInfo& finding_info(FindingId id);

// Every finding, in id order, for registration loops.
const FindingInfo* finding_catalog_begin();
const FindingInfo* finding_catalog_end();

// A small set of findings, as carried by one frame.
class FindingSet {
public:
    void add(FindingId id) { bits_ |= bit(id); }
    bool has(FindingId id) const { return (bits_ & bit(id)) != 0; }
    bool empty() const { return bits_ == 0; }

private:
    static std::uint32_t bit(FindingId id) { return 1u << static_cast<unsigned>(id); }
    std::uint32_t bits_ = 0;
};
static_assert(kFindingCount <= 32, "FindingSet holds at most 32 findings");

} // namespace mssck
