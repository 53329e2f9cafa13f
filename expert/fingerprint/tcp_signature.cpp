#include "expert/fingerprint/tcp_signature.h"

namespace mssck::fingerprint {

namespace {

std::string ip_version_text(IpVersionRule rule) {
    switch (rule) {
        case IpVersionRule::v4_only: return "4";
        case IpVersionRule::v6_only: return "6";
        case IpVersionRule::any: break;
    }
    return "*";
}

std::string window_text(const WindowSpec& window) {
    const std::string value = std::to_string(window.value);
    switch (window.rule) {
        case WindowRule::exact: return value;
        case WindowRule::modulo: return "%" + value;
        case WindowRule::mss_multiple: return "mss*" + value;
        case WindowRule::mtu_multiple: return "mtu*" + value;
        case WindowRule::any: break;
    }
    return "*";
}

std::string payload_text(PayloadRule rule) {
    switch (rule) {
        case PayloadRule::zero: return "0";
        case PayloadRule::nonzero: return "+";
        case PayloadRule::any: break;
    }
    return "*";
}

template <typename Number>
std::string number_or_star(const std::optional<Number>& value) {
    return value ? std::to_string(*value) : "*";
}

}  // namespace

std::string to_p0f_text(const TcpSignature& signature) {
    std::string text = ip_version_text(signature.ip_version);
    text += ':' + std::to_string(signature.initial_ttl);
    if (signature.randomized_ttl) text += '-';
    text += ':' + std::to_string(signature.ip_options_length);
    text += ':' + number_or_star(signature.mss);
    text += ':' + window_text(signature.window);
    text += ',' + number_or_star(signature.window_scale);
    text += ':' + to_p0f_text(signature.options);
    text += ':' + to_p0f_text(signature.quirks);
    text += ':' + payload_text(signature.payload);
    return text;
}

std::string SignatureLabel::display_name() const {
    return flavor.empty() ? name : name + " " + flavor;
}

}  // namespace mssck::fingerprint
