#include "expert/fingerprint/tcp_signature_matcher.h"

#include <optional>

namespace mssck::fingerprint {

namespace {

// How far a signature agrees with a packet.
enum class Agreement { none, fuzzy, exact };

const QuirkSet quirks_allowed_to_vanish{Quirk::dont_fragment, Quirk::nonzero_ip_id};
const QuirkSet quirks_allowed_to_appear{Quirk::zero_ip_id, Quirk::ecn};

bool version_applies(IpVersionRule rule, IpVersion version) {
    switch (rule) {
        case IpVersionRule::v4_only: return version == IpVersion::v4;
        case IpVersionRule::v6_only: return version == IpVersion::v6;
        case IpVersionRule::any: break;
    }
    return true;
}

// A signature for both versions cannot expect header fields one of them
// lacks: drop IPv6-only quirks for IPv4 packets and vice versa.
QuirkSet quirks_expected(const TcpSignature& signature, IpVersion version) {
    QuirkSet expected = signature.quirks;
    if (signature.ip_version != IpVersionRule::any) return expected;
    if (version == IpVersion::v4) {
        expected.erase(Quirk::flow_label);
    } else {
        expected.erase(Quirk::dont_fragment);
        expected.erase(Quirk::nonzero_ip_id);
        expected.erase(Quirk::zero_ip_id);
    }
    return expected;
}

bool payload_agrees(PayloadRule rule, bool has_payload) {
    switch (rule) {
        case PayloadRule::zero: return !has_payload;
        case PayloadRule::nonzero: return has_payload;
        case PayloadRule::any: break;
    }
    return true;
}

bool window_agrees(const WindowSpec& window, const ObservedSignature& observed,
                   const std::optional<WindowMultiple>& multiple) {
    switch (window.rule) {
        case WindowRule::exact: return observed.window == window.value;
        case WindowRule::modulo:
            return window.value != 0 && observed.window % window.value == 0;
        case WindowRule::mss_multiple:
            return multiple && !multiple->of_mtu && multiple->multiplier == window.value;
        case WindowRule::mtu_multiple:
            return multiple && multiple->of_mtu && multiple->multiplier == window.value;
        case WindowRule::any: break;
    }
    return true;
}

// Hops from a signature's initial TTL down to the TTL seen; none if the
// TTL seen is higher.
std::optional<unsigned> hops_below(std::uint8_t initial_ttl, std::uint8_t ttl) {
    if (ttl > initial_ttl) return std::nullopt;
    return static_cast<unsigned>(initial_ttl - ttl);
}

// TTLs above the initial TTL, or too far below it, only match fuzzily;
// a randomized TTL must merely not exceed its maximum.
Agreement ttl_agreement(const TcpSignature& signature, std::uint8_t ttl) {
    const auto hops = hops_below(signature.initial_ttl, ttl);
    if (signature.randomized_ttl) return hops ? Agreement::exact : Agreement::none;
    return hops && *hops <= max_exact_ttl_distance ? Agreement::exact : Agreement::fuzzy;
}

Agreement quirk_agreement(QuirkSet expected, QuirkSet seen) {
    if (expected == seen) return Agreement::exact;
    const bool tolerable = expected.minus(seen).is_subset_of(quirks_allowed_to_vanish) &&
                           seen.minus(expected).is_subset_of(quirks_allowed_to_appear);
    return tolerable ? Agreement::fuzzy : Agreement::none;
}

Agreement compare(const TcpSignature& signature, const ObservedSignature& observed,
                  const std::optional<WindowMultiple>& multiple) {
    if (!version_applies(signature.ip_version, observed.ip_version)) return Agreement::none;
    if (signature.options != observed.options) return Agreement::none;
    if (signature.ip_options_length != observed.ip_options_length) return Agreement::none;
    const Agreement quirks =
        quirk_agreement(quirks_expected(signature, observed.ip_version), observed.quirks);
    if (quirks == Agreement::none) return Agreement::none;
    const Agreement ttl = ttl_agreement(signature, observed.ttl);
    if (ttl == Agreement::none) return Agreement::none;
    if (signature.mss && *signature.mss != observed.mss) return Agreement::none;
    if (signature.window_scale && *signature.window_scale != observed.window_scale) {
        return Agreement::none;
    }
    if (!payload_agrees(signature.payload, observed.has_payload)) return Agreement::none;
    if (!window_agrees(signature.window, observed, multiple)) return Agreement::none;
    return quirks == Agreement::exact && ttl == Agreement::exact ? Agreement::exact
                                                                 : Agreement::fuzzy;
}

TcpMatch matched(const TcpSignatureRecord& record, bool fuzzy, std::uint8_t ttl) {
    const TcpSignature& signature = record.signature;
    TcpMatch match;
    match.record = &record;
    match.fuzzy = fuzzy;
    match.distance_is_upper_bound = signature.randomized_ttl;
    const auto hops = hops_below(signature.initial_ttl, ttl);
    const bool in_range = hops && (signature.randomized_ttl || *hops <= max_exact_ttl_distance);
    match.distance = in_range ? *hops : guess_ttl_distance(ttl);
    return match;
}

}  // namespace

TcpMatch match_tcp_signature(const ObservedSignature& observed,
                             const std::vector<TcpSignatureRecord>& records) {
    const auto multiple = detect_window_multiple(observed);
    const TcpSignatureRecord* first_generic = nullptr;
    const TcpSignatureRecord* first_fuzzy = nullptr;

    for (const TcpSignatureRecord& record : records) {
        const Agreement agreement = compare(record.signature, observed, multiple);
        if (agreement == Agreement::exact) {
            if (!record.label.generic) return matched(record, false, observed.ttl);
            if (!first_generic) first_generic = &record;
        } else if (agreement == Agreement::fuzzy && !first_fuzzy) {
            first_fuzzy = &record;
        }
    }
    if (first_generic) return matched(*first_generic, false, observed.ttl);
    if (first_fuzzy && !first_fuzzy->label.is_application()) {
        return matched(*first_fuzzy, true, observed.ttl);
    }
    TcpMatch none;
    none.distance = guess_ttl_distance(observed.ttl);
    return none;
}

}  // namespace mssck::fingerprint
