#include "expert/advice/hint_phrases.h"

namespace mssck::advice {

std::string Host::named() const {
    if (!known()) return "the " + std::string(role);
    return "the " + std::string(behaviour.name) + " " + std::string(role);
}

std::string Host::named_first() const {
    std::string text = named();
    text[0] = 'T';
    return text;
}

std::string Host::command(std::string_view pattern, unsigned mtu, int ip_version) const {
    CommandValues values;
    values.mtu = mtu;
    values.mss = mss_for_mtu(mtu, ip_version);
    values.ip_version = ip_version;
    return fill_command(pattern, values);
}

Host sender_of(const HintContext& context) {
    const StackFamily family = stack_family_from_label(context.sender_family, context.sender_flavor);
    return Host{behaviour_of(family), commands_for(family, context.sender_flavor), "sender"};
}

Host receiver_of(const HintContext& context, std::string_view role) {
    const StackFamily family = stack_family_from_label(context.receiver_family, context.receiver_flavor);
    return Host{behaviour_of(family), commands_for(family, context.receiver_flavor), role};
}

unsigned header_bytes(int ip_version) { return ip_version == 6 ? 60 : 40; }

unsigned mss_for_mtu(unsigned mtu, int ip_version) {
    const unsigned header = header_bytes(ip_version);
    return mtu > header ? mtu - header : 0;
}

std::string number(unsigned value) { return std::to_string(value); }

std::string icmp_to_allow(int ip_version) { return std::string(path_commands(ip_version).icmp_to_allow); }

std::string router_clamp(unsigned mss) {
    if (mss == 0) return "clamp the MSS on the router to its link MTU";
    return "clamp the MSS to " + number(mss) + " on the router";
}

std::string router_clamp_commands(unsigned mss, int ip_version) {
    const PathCommands& path = path_commands(ip_version);
    CommandValues values;
    values.mss = mss;
    values.ip_version = ip_version;
    if (mss == 0)
        return "Router clamp: " + fill_command(path.nftables_clamp_to_pmtu, values) + " (nftables) or TCPMSS "
               "--clamp-mss-to-pmtu (iptables).";
    return "Router clamp: " + fill_command(path.cisco_adjust_mss, values) + " (Cisco) or " +
           fill_command(path.nftables_set_mss, values) + " (nftables).";
}

std::string_view setting_name(std::string_view setting) {
    const std::size_t end = setting.find(" (");
    return end == std::string_view::npos ? setting : setting.substr(0, end);
}

bool can_use_mtu(const Host& host, unsigned mtu) {
    return mtu != 0 && (host.behaviour.min_configured_mtu == 0 || mtu >= host.behaviour.min_configured_mtu);
}

} // namespace mssck::advice
