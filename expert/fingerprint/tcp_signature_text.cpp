#include "expert/fingerprint/tcp_signature_text.h"

#include <vector>

#include "expert/fingerprint/decimal_text.h"

namespace mssck::fingerprint {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

// Each reader fills one part of the signature, or returns an error message.
using Error = std::optional<std::string>;

Error read_ip_version(std::string_view field, TcpSignature& signature) {
    if (field == "4") signature.ip_version = IpVersionRule::v4_only;
    else if (field == "6") signature.ip_version = IpVersionRule::v6_only;
    else if (field == "*") signature.ip_version = IpVersionRule::any;
    else return "IP version must be 4, 6 or *, not " + quoted(field);
    return std::nullopt;
}

// "64", "64-" (random TTLs up to 64) or "54+10" (observed TTL plus distance).
Error read_initial_ttl(std::string_view field, TcpSignature& signature) {
    const std::string bad = "initial TTL " + quoted(field);
    std::string_view base = field;
    std::optional<std::string_view> distance;
    if (!field.empty() && field.back() == '-') {
        base = field.substr(0, field.size() - 1);
        signature.randomized_ttl = true;
    } else if (const std::size_t plus = field.find('+'); plus != std::string_view::npos) {
        base = field.substr(0, plus);
        distance = field.substr(plus + 1);
    }
    const auto ttl = parse_decimal(base, 255);
    if (!ttl || *ttl == 0) return bad + " must be a number from 1 to 255";
    unsigned total = *ttl;
    if (distance) {
        if (*distance == "?") return bad + " has an unknown distance; replace '?' with the hop count";
        const auto hops = parse_decimal(*distance, 255);
        if (!hops || total + *hops > 255) return bad + ": TTL plus distance must be at most 255";
        total += *hops;
    }
    signature.initial_ttl = static_cast<std::uint8_t>(total);
    return std::nullopt;
}

Error read_ip_options_length(std::string_view field, TcpSignature& signature) {
    const auto length = parse_decimal(field, 255);
    if (!length) return "IP options length must be a number from 0 to 255, not " + quoted(field);
    signature.ip_options_length = static_cast<std::uint8_t>(*length);
    return std::nullopt;
}

Error read_mss(std::string_view field, TcpSignature& signature) {
    if (field == "*") return std::nullopt;
    const auto mss = parse_decimal(field, 65535);
    if (!mss) return "MSS must be * or a number from 0 to 65535, not " + quoted(field);
    signature.mss = static_cast<std::uint16_t>(*mss);
    return std::nullopt;
}

Error read_window_size(std::string_view field, WindowSpec& window) {
    std::string_view number = field;
    unsigned minimum = 0;
    unsigned maximum = 65535;
    if (field == "*") {
        window.rule = WindowRule::any;
        return std::nullopt;
    }
    if (starts_with(field, "%")) {
        window.rule = WindowRule::modulo;
        number = field.substr(1);
        minimum = 2;
    } else if (starts_with(field, "mss*") || starts_with(field, "mtu*")) {
        window.rule = field[1] == 's' ? WindowRule::mss_multiple : WindowRule::mtu_multiple;
        number = field.substr(4);
        minimum = 1;
        maximum = 1000;
    } else {
        window.rule = WindowRule::exact;
    }
    const auto value = parse_decimal(number, maximum);
    if (!value || *value < minimum) {
        return "window size " + quoted(field) + " must be *, a number, %N, mss*N or mtu*N" +
               " (N from " + std::to_string(minimum) + " to " + std::to_string(maximum) + ")";
    }
    window.value = static_cast<std::uint16_t>(*value);
    return std::nullopt;
}

Error read_window_scale(std::string_view field, TcpSignature& signature) {
    if (field == "*") return std::nullopt;
    const auto scale = parse_decimal(field, 255);
    if (!scale) return "window scale must be * or a number from 0 to 255, not " + quoted(field);
    signature.window_scale = static_cast<std::uint8_t>(*scale);
    return std::nullopt;
}

Error read_window(std::string_view field, TcpSignature& signature) {
    const auto parts = split(field, ',');
    if (parts.size() != 2) return "window field " + quoted(field) + " must be 'wsize,scale'";
    if (auto error = read_window_size(parts[0], signature.window)) return error;
    return read_window_scale(parts[1], signature);
}

std::optional<std::uint8_t> simple_option_kind(std::string_view token) {
    if (token == "nop") return tcp_option_kind::no_operation;
    if (token == "mss") return tcp_option_kind::max_segment_size;
    if (token == "ws") return tcp_option_kind::window_scale;
    if (token == "sok") return tcp_option_kind::sack_permitted;
    if (token == "sack") return tcp_option_kind::sack;
    if (token == "ts") return tcp_option_kind::timestamp;
    return std::nullopt;
}

Error read_option_layout(std::string_view field, TcpSignature& signature) {
    if (field.empty()) return std::nullopt;
    const auto tokens = split(field, ',');
    if (tokens.size() > max_layout_options) {
        return "option layout has " + std::to_string(tokens.size()) + " options; at most " +
               std::to_string(max_layout_options) + " are allowed";
    }
    TcpOptionLayout& layout = signature.options;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string_view token = tokens[i];
        if (const auto kind = simple_option_kind(token)) {
            layout.kinds.push_back(*kind);
        } else if (starts_with(token, "eol+")) {
            const auto padding = parse_decimal(token.substr(4), 255);
            if (!padding) return "EOL padding in " + quoted(token) + " must be a number from 0 to 255";
            if (i + 1 != tokens.size()) return "EOL must be the last option, but " + quoted(token) + " is not";
            layout.kinds.push_back(tcp_option_kind::end_of_list);
            layout.eol_padding = static_cast<std::uint8_t>(*padding);
        } else if (starts_with(token, "?")) {
            const auto number = parse_decimal(token.substr(1), 255);
            if (!number) return "unknown option " + quoted(token) + " must be ?N with N from 0 to 255";
            layout.kinds.push_back(static_cast<std::uint8_t>(*number));
        } else {
            return "unrecognized TCP option " + quoted(token) +
                   " (expected mss, nop, ws, sok, sack, ts, eol+N or ?N)";
        }
    }
    return std::nullopt;
}

Error read_quirks(std::string_view field, TcpSignature& signature) {
    if (field.empty()) return std::nullopt;
    for (std::string_view token : split(field, ',')) {
        const auto quirk = quirk_from_p0f_token(token);
        if (!quirk) return "unrecognized quirk " + quoted(token);
        if (signature.ip_version == IpVersionRule::v6_only && is_ipv4_only(*quirk)) {
            return "quirk " + quoted(token) + " cannot appear in an IPv6 signature";
        }
        if (signature.ip_version == IpVersionRule::v4_only && is_ipv6_only(*quirk)) {
            return "quirk " + quoted(token) + " cannot appear in an IPv4 signature";
        }
        signature.quirks.insert(*quirk);
    }
    return std::nullopt;
}

Error read_payload(std::string_view field, TcpSignature& signature) {
    if (field == "0") signature.payload = PayloadRule::zero;
    else if (field == "+") signature.payload = PayloadRule::nonzero;
    else if (field == "*") signature.payload = PayloadRule::any;
    else return "payload class must be 0, + or *, not " + quoted(field);
    return std::nullopt;
}

}  // namespace

TcpSignatureParse parse_tcp_signature(std::string_view text) {
    const auto fields = split(text, ':');
    if (fields.size() != 8) {
        return {std::nullopt, "expected 8 colon-separated fields "
                              "(ver:ittl:olen:mss:wsize,scale:olayout:quirks:pclass), found " +
                                  std::to_string(fields.size())};
    }
    TcpSignature signature;
    Error error = read_ip_version(fields[0], signature);
    if (!error) error = read_initial_ttl(fields[1], signature);
    if (!error) error = read_ip_options_length(fields[2], signature);
    if (!error) error = read_mss(fields[3], signature);
    if (!error) error = read_window(fields[4], signature);
    if (!error) error = read_option_layout(fields[5], signature);
    if (!error) error = read_quirks(fields[6], signature);
    if (!error) error = read_payload(fields[7], signature);
    if (error) return {std::nullopt, *error};
    return {signature, {}};
}

}  // namespace mssck::fingerprint
