// Hints about how the sender handles path MTU discovery: ignoring an
// ICMP, sending without DF, and the fragmentation that follows.
#include "expert/advice/finding_hints.h"
#include "expert/advice/hint_builder.h"
#include "expert/advice/hint_phrases.h"

namespace mssck::advice {
namespace {

// Windows will not take an ICMP MTU under 576; stacks whose floor is not
// known may well do the same.
constexpr unsigned kCommonIcmpFloor = 576;

std::string reported(const HintContext& context) {
    return context.icmp_mtu ? "the " + number(context.icmp_mtu) + "-byte MTU an ICMP reported"
                            : "the MTU an ICMP reported";
}

// IPv6 never goes below 1280, whatever the Packet Too Big says.
std::string below_ipv6_minimum_hint(const HintContext& context) {
    HintBuilder hint(kHintMaxLength);
    hint.add("IPv6 stacks never use a path MTU below 1280, so a Packet Too Big reporting " +
             number(context.icmp_mtu) + " is ignored: the hop that sent it must carry 1280-byte packets.");
    return hint.text();
}

// Linux takes an MTU under min_pmtu as min_pmtu and drops DF, leaving the
// small hop to fragment.
std::string below_linux_floor_hint(const Host& sender, const HintContext& context) {
    const StackBehaviour& stack = sender.behaviour;
    const unsigned mtu = context.icmp_mtu;
    HintBuilder hint(kHintMaxLength);
    hint.add("Linux treats ICMP MTUs below " + std::string(setting_name(stack.icmp_floor_setting)) + " (" +
             number(stack.min_icmp_mtu) + ") as " + number(stack.min_icmp_mtu) + " and sends without DF, so the " +
             number(mtu) + "-byte hop has to fragment.");
    hint.add_first_fitting(
        {"Let that hop carry " + number(stack.min_icmp_mtu) + " bytes, lower the floor on the sender (" +
             sender.command(sender.commands.lower_icmp_floor, mtu, context.ip_version) + "), or " +
             router_clamp(mss_for_mtu(mtu, context.ip_version)) + ".",
         "Let that hop carry " + number(stack.min_icmp_mtu) + " bytes or " +
             router_clamp(mss_for_mtu(mtu, context.ip_version)) + "."});
    return hint.text();
}

// Windows and FreeBSD: the reported MTU is below what the stack accepts.
std::string below_floor_hint(const Host& sender, const HintContext& context) {
    const StackBehaviour& stack = sender.behaviour;
    const unsigned mtu = context.icmp_mtu;
    HintBuilder hint(kHintMaxLength);
    hint.add(sender.named_first() + " never takes an ICMP MTU below " + number(stack.min_icmp_mtu) +
             ", and the hop reported " + number(mtu) + ": make that hop carry at least " +
             number(stack.min_icmp_mtu) + "-byte packets, or " + router_clamp(mss_for_mtu(mtu, context.ip_version)) +
             " in front of it.");
    hint.add_if_fits(router_clamp_commands(mss_for_mtu(mtu, context.ip_version), context.ip_version));
    return hint.text();
}

// The MTU was acceptable, or the floor is not known: the ICMP probably
// never reached the stack, or PMTUD is switched off.
std::string not_acted_on_hint(const Host& sender, const HintContext& context) {
    const StackBehaviour& stack = sender.behaviour;
    const unsigned mtu = context.icmp_mtu;
    const unsigned clamp_mss = mss_for_mtu(mtu, context.ip_version);
    HintBuilder hint(kHintMaxLength);
    std::string first = sender.named_first() + " kept sending packets above " + reported(context);
    if (stack.min_icmp_mtu == 0 && mtu != 0 && mtu < kCommonIcmpFloor) first += "; its OS may refuse MTUs that small";
    hint.add(first + ".");
    hint.add("Check that the ICMP reaches its stack (host firewall) and that PMTUD is on, or " +
             router_clamp(clamp_mss) + ".");
    if (!sender.commands.enable_pmtud.empty())
        hint.add_if_fits("PMTUD on: " + sender.command(sender.commands.enable_pmtud, mtu, context.ip_version) + ".");
    hint.add_if_fits(router_clamp_commands(clamp_mss, context.ip_version));
    return hint.text();
}

} // namespace

std::string icmp_ignored_hint(const HintContext& context) {
    const Host sender = sender_of(context);
    const unsigned mtu = context.icmp_mtu;
    if (context.ip_version == 6 && mtu != 0 && mtu < kIpv6MinimumMtu) return below_ipv6_minimum_hint(context);
    const unsigned floor = sender.behaviour.min_icmp_mtu;
    const bool below_floor = context.ip_version == 4 && mtu != 0 && floor != 0 && mtu < floor;
    if (below_floor && sender.behaviour.family == StackFamily::Linux) return below_linux_floor_hint(sender, context);
    if (below_floor) return below_floor_hint(sender, context);
    return not_acted_on_hint(sender, context);
}

std::string df_not_set_hint(const HintContext& context) {
    const Host sender = sender_of(context);
    HintBuilder hint(kHintMaxLength);
    hint.add(sender.named_first() + " has path MTU discovery off (no DF), so routers fragment its large packets.");
    if (!sender.commands.enable_pmtud.empty())
        hint.add_first_fitting(
            {"Unless that is a deliberate workaround, turn it on: " +
                 sender.command(sender.commands.enable_pmtud, 0, context.ip_version) + ".",
             "Unless that is a deliberate workaround, turn it on."});
    else
        hint.add("Unless that is a deliberate workaround, turn it on in the sender's settings.");
    return hint.text();
}

std::string ip_fragmented_hint(const HintContext& context) {
    const Host sender = sender_of(context);
    const unsigned mtu = context.icmp_mtu ? context.icmp_mtu : context.pmtu_low;
    HintBuilder hint(kHintMaxLength);
    hint.add("Packets of this sender are fragmented on the way, which costs throughput and fails where "
             "fragments are dropped: " + router_clamp(mss_for_mtu(mtu, context.ip_version)) +
             " before the small link, or have the sender use smaller packets.");
    if (!sender.known()) return hint.text();
    if (mtu != 0 && !sender.commands.set_interface_mtu.empty() && can_use_mtu(sender, mtu))
        hint.add_if_fits("On " + sender.named() + ": " +
                         sender.command(sender.commands.set_interface_mtu, mtu, context.ip_version) + ".");
    else if (!sender.commands.enable_pmtud.empty())
        hint.add_if_fits("On " + sender.named() + ", turn PMTUD on: " +
                         sender.command(sender.commands.enable_pmtud, 0, context.ip_version) + ".");
    return hint.text();
}

} // namespace mssck::advice
