#include "expert/analyzer.h"

#include <algorithm>
#include <new>

#include "expert/hot_path.h"
#include "expert/oversize_classifier.h"

namespace mssck {
namespace {

std::uint16_t rfc_default_mss(const SegmentFacts& segment) {
    return segment.src.version == 6 ? kDefaultMssIpv6 : kDefaultMssIpv4;
}

MSSCK_HOT std::uint32_t segment_bytes(const SegmentFacts& segment) {
    return segment.payload_len + segment.tcp_option_bytes() + segment.ip_option_bytes;
}

} // namespace

// Frames arrive in order on the first pass; anything else is a repeat.
MSSCK_HOT bool Analyzer::accepts(std::uint32_t frame) const { return reports_.empty() || frame > reports_.last_frame(); }

MSSCK_HOT const FrameReport* Analyzer::keep(const FrameReport& report, const FrameDetail& detail) {
    if (report.has_detail) details_.append(detail);
    return &reports_.append(report);
}

MSSCK_HOT const FrameReport* Analyzer::observe(const SegmentFacts& segment) {
    if (!accepts(segment.frame)) return report_for(segment.frame);

    Conversation& conversation = conversations_.at(segment.stream);
    const int direction = conversation.direction_of(segment);
    if (direction < 0) return nullptr;

    Endpoint& sender = conversation.side(direction);
    Endpoint& receiver = conversation.side(1 - direction);

    FrameReport report;
    report.frame = segment.frame;
    report.stream = segment.stream;
    report.direction = static_cast<std::uint8_t>(direction);
    report.payload = segment.payload_len;
    FrameDetail detail;
    detail.frame = segment.frame;
    const FrameOutput out{report, detail};

    // What this segment acknowledges of the other side's data comes first.
    track_acknowledgements(segment, receiver, out);
    if (segment.syn) record_handshake(segment, sender, receiver, out);
    DirectionView view;
    view.sender_mss = sender.advertised_mss;
    view.peer_mss = limit_base_for(receiver);
    view.sender_os = sender.os;
    view.peer_os = receiver.os;
    view.sender_os_distance = sender.os_distance;
    view.sender_ip_version = segment.src.version;
    report.view = intern_view(sender, view);
    if (segment.payload_len > 0) check_segment_size(segment, sender, receiver, view.peer_mss, out);
    track_sent_segment(segment, sender, settings_, out);

    sender.largest_payload = std::max(sender.largest_payload, segment.payload_len);
    sender.largest_segment = std::max(sender.largest_segment, segment_bytes(segment));
    return keep(report, detail);
}

// The index of this view: the sender's last one when nothing changed, else
// a new one. Views are shared within a direction only, so each stays cheap
// to find and no lookup table is needed.
MSSCK_HOT std::uint32_t Analyzer::intern_view(Endpoint& sender, const DirectionView& view) {
    if (sender.last_view != view) {
        views_.push_back(view);
        sender.view = static_cast<std::uint32_t>(views_.size() - 1);
        sender.last_view = view;
    }
    return sender.view;
}

const FrameReport* Analyzer::observe(const IcmpFacts& icmp) {
    if (!accepts(icmp.frame)) return report_for(icmp.frame);

    FrameReport report;
    report.frame = icmp.frame;
    report.kind = FrameKind::Icmp;
    report.has_detail = true;
    FrameDetail detail;
    detail.frame = icmp.frame;
    detail.icmp_stream = icmp.stream;
    detail.icmp_mtu = icmp.reported_mtu;
    detail.quoted_ip_size = icmp.quoted_ip_size;

    Conversation* found = icmp.has_stream ? conversations_.find(icmp.stream) : nullptr;
    if (found != nullptr) {
        Conversation& conversation = *found;
        for (int direction = 0; direction < 2; ++direction) {
            Endpoint& side = conversation.side(direction);
            if (!side.is(icmp.quoted_src, icmp.quoted_src_port)) continue;
            report.stream = icmp.stream;
            report.direction = static_cast<std::uint8_t>(direction);
            detail.icmp_matched = true;
            track_icmp(icmp, side, FrameOutput{report, detail});
        }
    }
    return keep(report, detail);
}

void Analyzer::fingerprint_sender(const SegmentFacts& segment, Endpoint& sender, const Endpoint& receiver) {
    if (fingerprinter_ == nullptr) return;
    std::optional<std::uint16_t> peer_syn_mss;
    if (receiver.advertised_mss.source == MssSource::Option) peer_syn_mss = receiver.advertised_mss.value;
    const fingerprint::ObservedSignature observed =
        fingerprint::observe(syn_observation_from(segment, peer_syn_mss));
    if (const FingerprintMemo::Fingerprint* known = fingerprints_.find(observed)) {
        sender.os = known->os;
        sender.os_distance = known->distance;
        return;
    }
    const fingerprint::FingerprintResult result = fingerprinter_->fingerprint(observed);
    sender.os = os_registry_.intern(result);
    sender.os_distance = static_cast<std::uint8_t>(result.distance > 255 ? 255 : result.distance);
    try {
        fingerprints_.remember(observed, FingerprintMemo::Fingerprint{sender.os, sender.os_distance});
    } catch (const std::bad_alloc&) {
        // Not remembered: the next SYN like it is matched again.
    }
}

void Analyzer::record_handshake(const SegmentFacts& segment, Endpoint& sender, const Endpoint& receiver,
                                FrameOutput out) {
    FrameReport& report = out.report;
    MssValue announced;
    announced.frame = segment.frame;
    if (segment.mss_option) {
        announced.value = *segment.mss_option;
        announced.source = MssSource::Option;
    } else {
        announced.value = rfc_default_mss(segment);
        announced.source = MssSource::RfcDefault;
        report.findings.add(FindingId::MssDefault);
    }

    // A retransmitted SYN may carry another MSS (a changed route or a
    // clamping middlebox): the latest wins, and the change is worth a note.
    if (sender.syn_seen && sender.advertised_mss.value != announced.value) {
        report.findings.add(FindingId::MssChanged);
        report.has_detail = true;
        out.detail.previous_mss = sender.advertised_mss.value;
    }

    sender.advertised_mss = announced;
    sender.syn_seen = true;
    sender.syn_ttl = segment.ttl;
    sender.syn_df = segment.df;
    sender.window_scale = segment.window_scale ? static_cast<std::int8_t>(*segment.window_scale) : -1;
    sender.sack_permitted = segment.sack_permitted;
    sender.timestamps = segment.timestamps;
    fingerprint_sender(segment, sender, receiver);
}

// The MSS the segment limit is based on, and how sure we are of it.
MSSCK_HOT MssValue Analyzer::limit_base_for(const Endpoint& receiver) const {
    if (receiver.advertised_mss.known()) return receiver.advertised_mss;

    MssValue guess;
    if (settings_.assumed_mss > 0) {
        guess.value = settings_.assumed_mss;
        guess.source = MssSource::Assumed;
    } else if (settings_.infer_mss && receiver.largest_segment > 0) {
        guess.value = static_cast<std::uint16_t>(std::min<std::uint32_t>(receiver.largest_segment, 65535));
        guess.source = MssSource::Inferred;
    }
    return guess;
}

MSSCK_HOT void Analyzer::check_segment_size(const SegmentFacts& segment, Endpoint& sender, const Endpoint& receiver,
                                  const MssValue& peer_mss, FrameOutput out) const {
    FrameReport& report = out.report;
    if (!peer_mss.known()) return;

    // RFC 9293 3.7.1 / RFC 6691: the sender must take the options it
    // actually carries off the peer's MSS.
    const std::uint32_t options = segment.tcp_option_bytes() + segment.ip_option_bytes;
    report.option_bytes = static_cast<std::uint16_t>(std::min<std::uint32_t>(options, 65535));
    report.has_limit = true;
    const std::uint16_t mss = peer_mss.value;
    report.limit = static_cast<std::uint16_t>(mss > options ? mss - options : 0);
    if (segment.payload_len <= report.limit) return;

    if (settings_.detect_offload) {
        const OversizeVerdict verdict = classify_oversized(segment, report.limit, sender, receiver);
        if (verdict.offload) {
            report.offload = verdict.evidence;
            report.findings.add(FindingId::Offload);
            ++sender.offloads;
            return;
        }
    }
    if (!is_confirmed(peer_mss.source)) {
        report.findings.add(FindingId::AssumedLimitExceeded);
        return;
    }
    report.findings.add(FindingId::Violation);
    ++sender.violations;
    track_mss_floor(segment, sender, out);
}

const FrameReport* Analyzer::report_for(std::uint32_t frame) const { return reports_.find(frame); }

const FrameDetail* Analyzer::detail_for(std::uint32_t frame) const { return details_.find(frame); }

const Conversation* Analyzer::conversation(std::uint32_t stream) const {
    return conversations_.find(stream);
}

} // namespace mssck
