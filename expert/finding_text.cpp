#include "expert/finding_text.h"

#include <cstdio>

namespace mssck {
namespace {

struct Names {
    char sender[kAddressTextSize];
    char receiver[kAddressTextSize];
};

Names names_of(const FrameReport& report, const Conversation& conversation) {
    Names names;
    conversation.side(report.direction).address.format(names.sender, sizeof names.sender);
    conversation.side(1 - report.direction).address.format(names.receiver, sizeof names.receiver);
    return names;
}

// "the 512-byte MSS that 192.0.2.5 advertised (frame 2)" and its variants.
void describe_limit_base(const FrameReport& report, const char* receiver, char* out, std::size_t size) {
    const MssValue& mss = report.peer_mss;
    switch (mss.source) {
    case MssSource::Option:
        std::snprintf(out, size, "the %u-byte MSS that %s advertised (frame %u)", mss.value, receiver,
                      mss.frame);
        break;
    case MssSource::RfcDefault:
        std::snprintf(out, size, "the %u-byte default MSS of %s (its SYN, frame %u, had no MSS option)",
                      mss.value, receiver, mss.frame);
        break;
    case MssSource::Assumed:
        std::snprintf(out, size, "an assumed MSS of %u for %s (its handshake is not in the capture)",
                      mss.value, receiver);
        break;
    case MssSource::Inferred:
        std::snprintf(out, size, "an MSS of %u inferred for %s from the largest segment it sent",
                      mss.value, receiver);
        break;
    case MssSource::Unknown:
        std::snprintf(out, size, "an unknown MSS");
        break;
    }
}

void format_excess(const FrameReport& report, const char* receiver, char* out, std::size_t size) {
    char base[160];
    describe_limit_base(report, receiver, base, sizeof base);
    if (report.option_bytes == 0)
        std::snprintf(out, size, "%u bytes exceed %s", report.payload, base);
    else
        std::snprintf(out, size, "%u bytes exceed %s, which leaves %u with the %u option bytes this segment carries",
                      report.payload, base, report.limit, report.option_bytes);
}

} // namespace

void format_finding(FindingId id, const FrameReport& report, const Conversation& conversation,
                    char* out, std::size_t out_size) {
    if (out_size == 0) return;
    const Names names = names_of(report, conversation);
    switch (id) {
    case FindingId::Violation:
    case FindingId::AssumedLimitExceeded:
        format_excess(report, names.receiver, out, out_size);
        return;
    case FindingId::Offload: {
        char evidence[160];
        report.offload.format(evidence, sizeof evidence);
        std::snprintf(out, out_size,
                      "%u bytes, above the %u-byte limit, but an offload artifact of the capture, "
                      "not a segment on the wire: %s",
                      report.payload, report.limit, evidence);
        return;
    }
    case FindingId::MssChanged:
        std::snprintf(out, out_size, "%s now advertises MSS %u (an earlier SYN said %u)", names.sender,
                      report.sender_mss.value, report.previous_mss);
        return;
    case FindingId::MssDefault:
        std::snprintf(out, out_size, "No MSS option: the RFC default MSS of %u applies to %s",
                      report.sender_mss.value, names.sender);
        return;
    case FindingId::Count:
        break;
    }
    std::snprintf(out, out_size, "%s", finding_info(id).summary.data());
}

} // namespace mssck
