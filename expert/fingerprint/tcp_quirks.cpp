#include "expert/fingerprint/tcp_quirks.h"

#include <array>

namespace mssck::fingerprint {

namespace {

// Indexed by Quirk; also p0f's printing order.
constexpr std::array<std::string_view, quirk_count> quirk_tokens = {
    "df",   "id+",   "id-",    "ecn",  "0+",   "flow", "seq-", "ack+", "ack-",
    "uptr+", "urgf+", "pushf+", "ts1-", "ts2+", "opt+", "exws", "bad",
};

void add_ip_quirks(const SynObservation& observation, QuirkSet& quirks) {
    if (observation.ip_version == IpVersion::v4) {
        if (observation.dont_fragment) {
            quirks.insert(Quirk::dont_fragment);
            if (observation.has_nonzero_ip_id()) quirks.insert(Quirk::nonzero_ip_id);
        } else if (!observation.has_nonzero_ip_id()) {
            quirks.insert(Quirk::zero_ip_id);
        }
        if (observation.ip_reserved_flag) quirks.insert(Quirk::nonzero_reserved_flag);
    } else if (observation.flow_label != 0) {
        quirks.insert(Quirk::flow_label);
    }
}

void add_tcp_header_quirks(const SynObservation& observation, QuirkSet& quirks) {
    const TcpFlags& flags = observation.flags;
    if (observation.ecn_codepoint != 0 || flags.ece || flags.cwr || flags.ae) {
        quirks.insert(Quirk::ecn);
    }
    if (observation.sequence_number == 0) quirks.insert(Quirk::zero_sequence);
    if (flags.ack) {
        if (observation.ack_number == 0) quirks.insert(Quirk::zero_ack_with_flag);
    } else if (observation.ack_number != 0 && !flags.rst) {
        // RSTs often carry junk ACK numbers; p0f does not count those.
        quirks.insert(Quirk::ack_number_without_flag);
    }
    if (flags.urg) {
        quirks.insert(Quirk::urg_flag);
    } else if (observation.urgent_pointer != 0) {
        quirks.insert(Quirk::urgent_pointer_without_flag);
    }
    if (flags.psh) quirks.insert(Quirk::push_flag);
}

void add_option_quirks(const SynObservation& observation, QuirkSet& quirks) {
    if (observation.timestamp_value && *observation.timestamp_value == 0) {
        quirks.insert(Quirk::zero_own_timestamp);
    }
    // A first SYN has nothing to echo yet.
    if (!observation.is_syn_ack() && observation.timestamp_echo.value_or(0) != 0) {
        quirks.insert(Quirk::peer_timestamp_on_syn);
    }
    if (observation.nonzero_data_after_eol) quirks.insert(Quirk::data_after_eol);
    if (observation.has_excessive_window_scale()) quirks.insert(Quirk::excessive_window_scale);
    if (observation.malformed_options) quirks.insert(Quirk::malformed_options);
}

}  // namespace

std::string_view p0f_token(Quirk quirk) {
    return quirk_tokens[static_cast<unsigned>(quirk)];
}

std::optional<Quirk> quirk_from_p0f_token(std::string_view token) {
    for (unsigned i = 0; i < quirk_count; ++i) {
        if (quirk_tokens[i] == token) return static_cast<Quirk>(i);
    }
    return std::nullopt;
}

bool is_ipv4_only(Quirk quirk) {
    return quirk == Quirk::dont_fragment || quirk == Quirk::nonzero_ip_id ||
           quirk == Quirk::zero_ip_id || quirk == Quirk::nonzero_reserved_flag;
}

bool is_ipv6_only(Quirk quirk) { return quirk == Quirk::flow_label; }

std::string to_p0f_text(QuirkSet quirks) {
    std::string text;
    for (unsigned i = 0; i < quirk_count; ++i) {
        const auto quirk = static_cast<Quirk>(i);
        if (!quirks.contains(quirk)) continue;
        if (!text.empty()) text += ',';
        text += p0f_token(quirk);
    }
    return text;
}

QuirkSet quirks_of(const SynObservation& observation) {
    QuirkSet quirks;
    add_ip_quirks(observation, quirks);
    add_tcp_header_quirks(observation, quirks);
    add_option_quirks(observation, quirks);
    return quirks;
}

}  // namespace mssck::fingerprint
