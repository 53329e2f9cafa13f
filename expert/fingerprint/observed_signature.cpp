#include "expert/fingerprint/observed_signature.h"

#include <array>

namespace mssck::fingerprint {

ObservedSignature observe(const SynObservation& observation) {
    ObservedSignature observed;
    observed.is_syn_ack = observation.is_syn_ack();
    observed.ip_version = observation.ip_version;
    observed.ttl = observation.ttl;
    observed.ip_options_length =
        observation.ip_version == IpVersion::v4 ? observation.ip_options_length : 0;
    observed.mss = observation.mss.value_or(0);
    observed.window = observation.window;
    observed.window_scale = observation.window_scale.value_or(0);
    observed.options = observation.options;
    observed.quirks = quirks_of(observation);
    observed.has_payload = observation.payload_length > 0;
    observed.total_header_length = observation.ip_header_length() + observation.tcp_header_length;
    observed.own_timestamp = observation.timestamp_value.value_or(0);
    if (observation.is_syn_ack()) observed.peer_syn_mss = observation.peer_syn_mss.value_or(0);
    return observed;
}

std::uint8_t guess_initial_ttl(std::uint8_t observed_ttl) {
    constexpr std::array<std::uint8_t, 4> common_initial_ttls = {32, 64, 128, 255};
    for (std::uint8_t initial : common_initial_ttls) {
        if (observed_ttl <= initial) return initial;
    }
    return 255;
}

std::optional<WindowMultiple> detect_window_multiple(const ObservedSignature& observed) {
    const long window = observed.window;
    const long mss = observed.mss;
    // Small MSS values divide too many windows to mean anything.
    if (window == 0 || mss < 100) return std::nullopt;

    // The standard Ethernet MSS, used by stacks that read the wrong interface.
    constexpr long ethernet_mss_v4 = 1500 - 40;
    constexpr long ethernet_mss_v6 = 1500 - 60;
    constexpr long timestamp_bytes = 12;

    const bool v6 = observed.ip_version == IpVersion::v6;
    const long peer_mss = observed.peer_syn_mss;
    struct Divisor {
        bool applies;
        long value;
        bool of_mtu;
    };
    const std::array<Divisor, 12> divisors = {{
        {true, mss, false},
        {observed.own_timestamp != 0, mss - timestamp_bytes, false},
        {true, ethernet_mss_v4, false},
        {true, ethernet_mss_v4 - timestamp_bytes, false},
        {v6, ethernet_mss_v6, false},
        {v6, ethernet_mss_v6 - timestamp_bytes, false},
        {true, mss + 40, true},
        {true, mss + static_cast<long>(observed.total_header_length), true},
        {v6, mss + 60, true},
        {true, 1500, true},
        {peer_mss != 0, peer_mss, false},
        {peer_mss != 0, peer_mss - timestamp_bytes, false},
    }};
    for (const Divisor& divisor : divisors) {
        if (divisor.applies && divisor.value > 0 && window % divisor.value == 0) {
            return WindowMultiple{static_cast<unsigned>(window / divisor.value), divisor.of_mtu};
        }
    }
    return std::nullopt;
}

std::string to_p0f_text(const ObservedSignature& observed) {
    std::string text = observed.ip_version == IpVersion::v4 ? "4" : "6";
    const unsigned distance = guess_ttl_distance(observed.ttl);
    text += ':' + std::to_string(observed.ttl) + '+';
    text += distance > max_exact_ttl_distance ? "?" : std::to_string(distance);
    text += ':' + std::to_string(observed.ip_options_length);
    text += ':' + std::to_string(observed.mss) + ':';
    if (const auto multiple = detect_window_multiple(observed)) {
        text += (multiple->of_mtu ? "mtu*" : "mss*") + std::to_string(multiple->multiplier);
    } else {
        text += std::to_string(observed.window);
    }
    text += ',' + std::to_string(observed.window_scale);
    text += ':' + to_p0f_text(observed.options);
    text += ':' + to_p0f_text(observed.quirks);
    text += observed.has_payload ? ":+" : ":0";
    return text;
}

}  // namespace mssck::fingerprint
