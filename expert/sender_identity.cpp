#include "expert/sender_identity.h"

#include <cstdio>

namespace mssck {

fingerprint::SynObservation syn_observation_from(const SegmentFacts& segment,
                                                 std::optional<std::uint16_t> peer_syn_mss) {
    using fingerprint::IpVersion;
    const SegmentFacts::StackTraits& traits = segment.traits;
    fingerprint::SynObservation observation;
    observation.ip_version = segment.src.version == 6 ? IpVersion::v6 : IpVersion::v4;
    observation.ttl = segment.ttl;
    observation.ip_options_length = static_cast<std::uint8_t>(segment.src.version == 6 ? 0 : segment.ip_option_bytes);
    observation.dont_fragment = segment.df;
    observation.ip_reserved_flag = traits.ip_reserved_flag;
    observation.ip_id = traits.ip_id;
    observation.ecn_codepoint = traits.ecn;
    observation.flow_label = traits.flow_label;
    observation.flags.ack = segment.ack;
    observation.flags.urg = traits.urg;
    observation.flags.psh = traits.psh;
    observation.flags.rst = segment.rst;
    observation.flags.ece = traits.ece;
    observation.flags.cwr = traits.cwr;
    observation.flags.ae = traits.ns;
    observation.sequence_number = segment.seq_raw;
    observation.ack_number = segment.ack_raw;
    observation.urgent_pointer = traits.urgent_pointer;
    observation.window = static_cast<std::uint16_t>(segment.window);
    observation.tcp_header_length = static_cast<std::uint8_t>(segment.tcp_header_len);
    observation.payload_length = segment.payload_len;
    fingerprint::set_options_from_bytes(observation, traits.option_bytes, traits.option_length);
    if (segment.ack) observation.peer_syn_mss = peer_syn_mss;
    return observation;
}

OsRegistry::OsRegistry() : identities_(1) {}

std::uint16_t OsRegistry::intern(const fingerprint::FingerprintResult& result) {
    for (std::size_t id = 1; id < identities_.size(); ++id) {
        const OsIdentity& known = identities_[id];
        if (known.kind == result.kind && known.label == result.label) return static_cast<std::uint16_t>(id);
    }
    if (identities_.size() >= 65535) return 0;  // more distinct labels than any database holds
    identities_.push_back(OsIdentity{result.label, result.family, result.flavor, result.kind});
    return static_cast<std::uint16_t>(identities_.size() - 1);
}

const OsIdentity& OsRegistry::at(std::uint16_t id) const {
    return id < identities_.size() ? identities_[id] : identities_[0];
}

void describe_link(const fingerprint::Fingerprinter& fingerprinter, int ip_version, std::uint16_t mss,
                   char* out, std::size_t out_size) {
    const auto version = ip_version == 6 ? fingerprint::IpVersion::v6 : fingerprint::IpVersion::v4;
    const unsigned mtu = fingerprint::mtu_from_mss(version, mss);
    const std::optional<std::string> link = fingerprinter.link_for_mtu(mtu);
    if (link)
        std::snprintf(out, out_size, "%s (MTU %u)", link->c_str(), mtu);
    else
        std::snprintf(out, out_size, "MTU %u", mtu);
}

} // namespace mssck
