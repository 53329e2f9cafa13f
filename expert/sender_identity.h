// Who sent a SYN: its OS fingerprint and what its MSS says about its link.
// Labels are interned, so each frame's report carries a small id only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "expert/fingerprint/fingerprinter.h"
#include "expert/segment_facts.h"

namespace mssck {

struct OsIdentity {
    std::string label;  // "Linux 3.11 and newer"; empty when nothing matched
    std::string family; // "Linux", "Windows", ...
    std::string flavor;
    fingerprint::MatchKind kind = fingerprint::MatchKind::none;
};

// p0f's inputs from a SYN or SYN-ACK; peer_syn_mss is the MSS of the SYN a
// SYN-ACK answers, which p0f also tries as a window divisor.
fingerprint::SynObservation syn_observation_from(const SegmentFacts& segment,
                                                 std::optional<std::uint16_t> peer_syn_mss);

class OsRegistry {
public:
    // Id 0 is "not fingerprinted": no SYN from that host in the capture.
    OsRegistry();
    std::uint16_t intern(const fingerprint::FingerprintResult& result);
    const OsIdentity& at(std::uint16_t id) const;

private:
    std::vector<OsIdentity> identities_;
};

// "Ethernet or modem (MTU 1500)", "DSL (MTU 1492)", "MTU 4352": what an
// advertised MSS says about the sender's link, by p0f's [mtu] table.
void describe_link(const fingerprint::Fingerprinter& fingerprinter, int ip_version, std::uint16_t mss,
                   char* out, std::size_t out_size);

} // namespace mssck
