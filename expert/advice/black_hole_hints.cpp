// Hints for large segments that vanish on the path: the ICMP that path
// MTU discovery needs is missing or blocked, so the fix is on the path
// (let the ICMP through, clamp the MSS) or, as a workaround, on the sender.
#include "expert/advice/finding_hints.h"
#include "expert/advice/hint_builder.h"
#include "expert/advice/hint_phrases.h"

#include <vector>

namespace mssck::advice {
namespace {

// "the 1500-byte packets (1400 got through)".
std::string stuck_packets(const HintContext& context) {
    std::string text = context.pmtu_high ? "the " + number(context.pmtu_high) + "-byte packets" : "the large packets";
    if (context.pmtu_low) text += " (" + number(context.pmtu_low) + " got through)";
    return text;
}

// Where the fix belongs: the ICMP has to get back, or the router has to
// clamp. The full form says which sizes fail; the short one leaves room
// for a workaround.
std::vector<std::string> path_sentences(const HintContext& context, unsigned clamp_mss) {
    const std::string icmp = icmp_to_allow(context.ip_version);
    const std::string clamp = router_clamp(clamp_mss) + ".";
    if (context.icmp_seen)
        return {"An ICMP for " + stuck_packets(context) + " was seen here, yet the sender did not react: let " + icmp +
                    " reach the sender (its host firewall too), or " + clamp,
                "An ICMP was seen here but the sender did not react: let " + icmp + " reach it, or " + clamp};
    return {"No ICMP came back for " + stuck_packets(context) + ": let " + icmp +
                " through the firewall or load balancer between the hosts, or " + clamp,
            "No ICMP came back: let " + icmp + " through the firewall between the hosts, or " + clamp};
}

// What the sender's own stack offers, best first: detection that shrinks
// the segments by itself, else turning PMTUD off so routers fragment.
std::string sender_self_help(const Host& sender, int ip_version) {
    const StackBehaviour& stack = sender.behaviour;
    const StackCommands& commands = sender.commands;
    if (!commands.enable_blackhole_detection.empty()) {
        if (stack.blackhole_detection == Availability::OnByDefault)
            return "its black-hole detection (" + std::string(setting_name(stack.blackhole_setting)) +
                   ") is on by default";
        return sender.command(commands.enable_blackhole_detection, 0, ip_version);
    }
    if (!commands.disable_pmtud.empty())
        return sender.command(commands.disable_pmtud, 0, ip_version) + " (PMTUD off: routers fragment instead)";
    return "";
}

// Smaller packets from the sender: its MSS cap or interface MTU.
std::string sender_shrink(const Host& sender, unsigned fits, int ip_version) {
    const StackCommands& commands = sender.commands;
    if (!commands.cap_mss.empty()) return sender.command(commands.cap_mss, fits, ip_version);
    if (!commands.set_interface_mtu.empty() && (fits == 0 || can_use_mtu(sender, fits)))
        return sender.command(commands.set_interface_mtu, fits, ip_version);
    return "";
}

// The sender's own ways around the black hole, most complete first.
std::vector<std::string> sender_workarounds(const Host& sender, const HintContext& context) {
    const unsigned fits = context.pmtu_low;
    if (!sender.known())
        return {"Workaround on the sender: lower its MTU" + (fits ? " to " + number(fits) : std::string()) +
                " or turn on its PMTU black-hole detection, if it has one."};
    const std::string prefix = "Sender workaround (" + std::string(sender.behaviour.name) + "): ";
    const std::string self_help = sender_self_help(sender, context.ip_version);
    const std::string shrink = sender_shrink(sender, fits, context.ip_version);
    if (!self_help.empty() && !shrink.empty())
        return {prefix + self_help + ", or " + shrink + ".", prefix + self_help + ".", prefix + shrink + "."};
    if (!self_help.empty() || !shrink.empty()) return {prefix + self_help + shrink + "."};
    return {};
}

// The receiver can ask for smaller segments on that route (Linux advmss).
std::string receiver_workaround(const Host& receiver, const HintContext& context) {
    if (!receiver.known() || receiver.commands.advertise_smaller_mss.empty() || context.pmtu_low == 0) return "";
    return "Or on the " + std::string(receiver.behaviour.name) + " receiver: " +
           receiver.command(receiver.commands.advertise_smaller_mss, context.pmtu_low, context.ip_version) + ".";
}

// Workarounds at either end, most useful first: the sender's own when its
// OS is known, else the receiver's concrete command before generic words.
std::vector<std::string> end_host_workarounds(const HintContext& context) {
    const Host sender = sender_of(context);
    std::vector<std::string> choices = sender_workarounds(sender, context);
    const std::string receiver = receiver_workaround(receiver_of(context), context);
    if (!receiver.empty()) {
        if (sender.known())
            choices.push_back(receiver);
        else
            choices.insert(choices.begin(), receiver);
    }
    return choices;
}

} // namespace

std::string black_hole_hint(const HintContext& context) {
    const unsigned clamp_mss = mss_for_mtu(context.pmtu_low, context.ip_version);
    HintBuilder hint(kHintMaxLength);
    hint.add_with_extra(path_sentences(context, clamp_mss), end_host_workarounds(context));
    hint.add_if_fits(router_clamp_commands(clamp_mss, context.ip_version));
    return hint.text();
}

std::string black_hole_recovered_hint(const HintContext& context) {
    const unsigned clamp_mss = mss_for_mtu(context.pmtu_low, context.ip_version);
    HintBuilder hint(kHintMaxLength);
    hint.add("The sender got through with smaller segments, but only after a stall that new connections repeat: "
             "let " + icmp_to_allow(context.ip_version) + " through the firewalls between the hosts, or " +
             router_clamp(clamp_mss) + ".");
    hint.add_if_fits(router_clamp_commands(clamp_mss, context.ip_version));
    return hint.text();
}

} // namespace mssck::advice
