#include "expert/path_mtu_tracker.h"

#include <algorithm>

#include "expert/hot_path.h"
#include "expert/sequence_space.h"

namespace mssck {
namespace {

MSSCK_HOT std::uint32_t sequence_length(const SegmentFacts& segment) {
    return segment.payload_len + (segment.syn ? 1 : 0) + (segment.fin ? 1 : 0);
}

// A packet fits a reported MTU if it is no larger, or if routers may
// fragment it (IPv4 without DF).
MSSCK_HOT bool fits(std::uint32_t ip_size, std::uint32_t mtu, const SegmentFacts& segment) {
    return ip_size <= mtu || (segment.src.version == 4 && !segment.df);
}

void mark_sacked(const SegmentFacts& segment, PathState& path) {
    for (int i = 0; i < segment.sack_count; ++i) {
        const std::uint32_t left = segment.sack[i].left;
        const std::uint32_t right = segment.sack[i].right;
        path.in_flight.for_each([&](SentSegment& sent) {
            if (seq_at_or_before(left, sent.seq) && seq_at_or_before(sent.end(), right)) sent.sacked = true;
        });
    }
}

void note_delivered(PathState& path, const SentSegment& sent) {
    // Data resent in smaller pieces may have got through in those instead,
    // and an offload artifact crossed the wire in pieces of unknown size.
    if (!sent.superseded && !sent.offload) path.largest_delivered_ip = std::max(path.largest_delivered_ip, sent.ip_size);
}

void end_black_hole(const SegmentFacts& ack, PathState& path, int stuck_direction, FrameOutput out) {
    StuckSegment& stuck = path.stuck;
    FrameDetail& detail = out.detail;
    detail.stuck_direction = static_cast<std::uint8_t>(stuck_direction);
    detail.stuck_frame = stuck.first_frame;
    detail.stuck_payload = stuck.len;
    detail.stuck_ip_size = stuck.ip_size;
    detail.elapsed = ack.time - stuck.first_time;
    out.report.has_detail = true;
    if (stuck.smaller_resend_payload > 0) {
        detail.new_payload = stuck.smaller_resend_payload;
        out.report.findings.add(FindingId::BlackHoleRecovered);
        ++path.blackholes_recovered;
    } else {
        out.report.findings.add(FindingId::BlackHoleCleared);
        ++path.blackholes_cleared;
    }
    stuck.active = false;
}

MSSCK_HOT void answer_pending_icmps(const SegmentFacts& segment, std::uint32_t ip_size, PathState& path, FrameOutput out) {
    if (path.active_icmps == 0) return;
    for (PendingIcmp& pending : path.pending_icmps) {
        if (!pending.active || pending.frame >= segment.frame) continue;
        // Data resent from the quoted segment on, however it is cut now.
        const bool resend_of_quoted = segment.payload_len > 0 && seq_at_or_before(segment.seq_raw, pending.quoted_seq) &&
                                      seq_before(pending.quoted_seq, segment.seq_raw + segment.payload_len);
        const bool fitting = fits(ip_size, pending.mtu, segment);
        FindingId verdict;
        if (resend_of_quoted) {
            verdict = fitting ? FindingId::IcmpHonored : FindingId::IcmpIgnored;
        } else if (!fitting && segment.payload_len > 0 && segment.time > pending.grace_until &&
                   ++pending.oversize_sends_after >= 2) {
            verdict = FindingId::IcmpIgnored;
        } else {
            continue;
        }
        path.retire(pending);
        if (out.report.findings.has(FindingId::IcmpHonored) || out.report.findings.has(FindingId::IcmpIgnored))
            continue;  // one answer shown per segment; the counts keep them all
        out.report.findings.add(verdict);
        out.report.has_detail = true;
        FrameDetail& detail = out.detail;
        detail.icmp_frame = pending.frame;
        detail.reported_mtu = pending.mtu;
        detail.icmp_delay = segment.time - pending.time;
        detail.ip_size = ip_size;
        detail.df_cleared = segment.src.version == 4 && !segment.df;
        if (verdict == FindingId::IcmpHonored) ++path.icmp_honored; else ++path.icmp_ignored;
        path.last_icmp_answer_frame = segment.frame;
    }
}

bool small_segments_fail_too(const PathState& path) {
    bool failing = false;
    path.in_flight.for_each([&](const SentSegment& sent) {
        if (sent.sends >= 2 && !sent.sacked && sent.ip_size <= path.largest_delivered_ip) failing = true;
    });
    return failing;
}

bool smaller_later_segment_got_through(const PathState& path, const SentSegment& stuck) {
    bool through = false;
    path.in_flight.for_each([&](const SentSegment& sent) {
        if (sent.first_frame > stuck.first_frame && sent.sacked && sent.ip_size < stuck.ip_size) through = true;
    });
    return through;
}

// Below these, a lost packet is not a path-MTU problem: every IPv4 host
// takes 576-byte datagrams (a 552-byte hop still stops those), and IPv6
// links carry at least 1280 (RFC 8200 section 5).
bool large_enough_for_black_hole(const SegmentFacts& segment, std::uint32_t ip_size) {
    return segment.src.version == 6 ? ip_size > 1280 : ip_size >= 576;
}

MSSCK_HOT void check_black_hole(const SegmentFacts& segment, const SentSegment& sent, PathState& path,
                      const AnalysisSettings& settings, FrameOutput out) {
    if (path.stuck.active || sent.sends < 2 || sent.sacked || sent.offload || sent.len <= 1) return;
    if (!large_enough_for_black_hole(segment, sent.ip_size)) return;
    // Something must have got through (the handshake at least), and it must
    // have been smaller: otherwise this is a dead path, not an MTU problem.
    if (path.largest_delivered_ip == 0 || sent.ip_size <= path.largest_delivered_ip) return;
    if (segment.src.version == 4 && !sent.df) return;  // routers would fragment it
    const bool strong = smaller_later_segment_got_through(path, sent);
    if (sent.sends < settings.blackhole_min_sends && !strong) return;
    if (small_segments_fail_too(path)) return;

    const double first_time = path.in_flight.first_time(sent);
    StuckSegment& stuck = path.stuck;
    stuck = StuckSegment{};
    stuck.active = true;
    stuck.seq = sent.seq;
    stuck.len = sent.len;
    stuck.ip_size = sent.ip_size;
    stuck.first_frame = sent.first_frame;
    stuck.first_time = first_time;
    ++path.blackholes;
    out.report.findings.add(FindingId::BlackHole);
    if (path.icmp_seen == 0) out.report.findings.add(FindingId::IcmpMissing);
    out.report.has_detail = true;
    FrameDetail& detail = out.detail;
    detail.stuck_direction = out.report.direction;
    detail.stuck_frame = sent.first_frame;
    detail.stuck_payload = sent.len;
    detail.stuck_ip_size = sent.ip_size;
    detail.sends = sent.sends;
    detail.delivered_ip = path.largest_delivered_ip;
    detail.elapsed = segment.time - first_time;
}

MSSCK_HOT void check_stall(const SegmentFacts& segment, PathState& path, FrameOutput out) {
    if (!(segment.fin || segment.rst) || path.stall_reported || !path.any_sent) return;
    if (!seq_before(path.highest_end_sent, segment.seq_raw)) return;
    path.stall_reported = true;
    out.report.findings.add(FindingId::Stall);
    out.report.has_detail = true;
    out.detail.missing_bytes = segment.seq_raw - path.highest_end_sent;
}

} // namespace

std::uint32_t rfc1191_plateau_below(std::uint32_t packet_size) {
    static const std::uint32_t kPlateaus[] = {65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};
    for (std::uint32_t plateau : kPlateaus)
        if (plateau < packet_size) return plateau;
    return 68;
}

MSSCK_HOT void track_acknowledgements(const SegmentFacts& segment, Endpoint& data_sender, FrameOutput out) {
    PathState& path = data_sender.path;
    if (!segment.ack || !path.any_sent) return;
    if (segment.sack_count > 0) {
        mark_sacked(segment, path);
        // Entries sacked before were noted then; noting them again changes nothing.
        path.in_flight.for_each([&](const SentSegment& sent) {
            if (sent.sacked) note_delivered(path, sent);
        });
    }

    const std::uint32_t ack = segment.ack_raw;
    path.in_flight.remove_unless([&](const SentSegment& sent) {
        if (!seq_at_or_before(sent.end(), ack)) return true;
        note_delivered(path, sent);
        return false;
    });
    if (path.active_icmps != 0)
        for (PendingIcmp& pending : path.pending_icmps)
            if (pending.active && seq_before(pending.quoted_seq, ack)) path.retire(pending);

    if (path.stuck.active && seq_at_or_before(path.stuck.seq + path.stuck.len, ack))
        end_black_hole(segment, path, 1 - out.report.direction, out);
}

MSSCK_HOT void track_sent_segment(const SegmentFacts& segment, Endpoint& sender, const AnalysisSettings& settings,
                        FrameOutput out) {
    PathState& path = sender.path;
    const std::uint32_t length = sequence_length(segment);
    const std::uint32_t ip_size = segment.ip_total_len;

    check_stall(segment, path, out);
    // Data starting at or beyond everything sent before is new: no entry of
    // the ring can be it or overlap it, so the searches below are skipped.
    const bool new_data = !path.any_sent || seq_at_or_before(path.highest_end_sent, segment.seq_raw);
    if (!path.any_sent || seq_before(path.highest_end_sent, segment.seq_raw + length)) {
        path.highest_end_sent = segment.seq_raw + length;
        path.any_sent = true;
    }

    if (segment.src.version == 4 && !segment.df && segment.payload_len > 0 && ip_size > 576 &&
        !path.no_df_reported) {
        path.no_df_reported = true;
        out.report.findings.add(FindingId::DfNotSet);
        out.report.has_detail = true;
        out.detail.ip_size = ip_size;
    }
    if (segment.ip_fragmented) out.report.findings.add(FindingId::IpFragmented);

    answer_pending_icmps(segment, ip_size, path, out);

    if (length > 0) {
        SentSegment* sent = new_data ? nullptr : path.in_flight.find(segment.seq_raw, length);
        if (sent != nullptr) {
            ++sent->sends;
            path.longest_resend_run = std::max(path.longest_resend_run, sent->sends);
            path.in_flight.set_last_sent(*sent, segment.frame, segment.time);
        } else {
            // Smaller segments resending an earlier one's bytes: if an ACK
            // covers both, the smaller ones may be what got through.
            if (!new_data) path.in_flight.for_each([&](SentSegment& earlier) {
                const bool overlaps = seq_before(segment.seq_raw, earlier.end()) &&
                                      seq_before(earlier.seq, segment.seq_raw + length);
                if (overlaps && earlier.len > length) earlier.superseded = true;
            });
            if (path.stuck.active && path.stuck.seq == segment.seq_raw && length < path.stuck.len)
                path.stuck.smaller_resend_payload = segment.payload_len;
            SentSegment fresh;
            fresh.seq = segment.seq_raw;
            fresh.len = length;
            fresh.ip_size = ip_size;
            fresh.first_frame = fresh.last_frame = segment.frame;
            fresh.sends = 1;
            path.longest_resend_run = std::max<std::uint16_t>(path.longest_resend_run, 1);
            fresh.df = segment.df;
            fresh.offload = out.report.findings.has(FindingId::Offload);
            sent = &path.in_flight.add(fresh, segment.time);
        }
        check_black_hole(segment, *sent, path, settings, out);
    }

    out.report.pmtu_low = path.largest_delivered_ip;
    // Rarely non-zero: kept in the detail, not in every report.
    const std::uint32_t pmtu_high = path.head_stuck_ip();
    if (pmtu_high != 0) {
        out.report.has_detail = true;
        out.detail.pmtu_high = pmtu_high;
    }
}

void track_mss_floor(const SegmentFacts& segment, Endpoint& sender, FrameOutput out) {
    PathState& path = sender.path;
    if (path.floor_reported) return;  // once per direction; floor_candidate keeps its size
    const std::uint32_t size = segment.payload_len + segment.tcp_option_bytes() + segment.ip_option_bytes;
    if (size == path.floor_candidate) {
        ++path.floor_repeats;
    } else {
        path.floor_candidate = size;
        path.floor_repeats = 1;
    }
    if (path.floor_repeats < 2) return;
    path.floor_reported = true;
    out.report.findings.add(FindingId::MssFloor);
    out.report.has_detail = true;
    out.detail.floor_bytes = size;
}

void track_icmp(const IcmpFacts& icmp, Endpoint& sender, FrameOutput out) {
    PathState& path = sender.path;
    FrameDetail& detail = out.detail;
    ++path.icmp_seen;

    detail.icmp_mtu = icmp.reported_mtu;
    if (icmp.reported_mtu == 0) {
        detail.icmp_mtu = rfc1191_plateau_below(icmp.quoted_ip_size);
        detail.icmp_mtu_estimated = true;
    }
    double quoted_sent_at = icmp.time;
    path.in_flight.for_each([&](const SentSegment& sent) {
        if (sent.seq != icmp.quoted_seq) return;
        detail.quoted_frame = sent.last_frame;
        quoted_sent_at = path.in_flight.last_time(sent);
    });
    if (path.lowest_icmp_mtu == 0 || detail.icmp_mtu < path.lowest_icmp_mtu) path.lowest_icmp_mtu = detail.icmp_mtu;
    // Twice the time the ICMP took to come back, at least 50 ms.
    const double grace = std::max(2.0 * (icmp.time - quoted_sent_at), 0.05);

    // Wait for the sender's next segments. A burst of segments brings a
    // burst of ICMPs with one MTU: the answer to the first answers them all,
    // and ICMPs about segments sent before that answer are stale.
    for (const PendingIcmp& pending : path.pending_icmps)
        if (pending.active && pending.mtu == detail.icmp_mtu) return;
    if (detail.quoted_frame != 0 && detail.quoted_frame < path.last_icmp_answer_frame) return;
    PendingIcmp* slot = &path.pending_icmps[0];
    for (PendingIcmp& pending : path.pending_icmps) {
        if (!pending.active) { slot = &pending; break; }
        if (pending.frame < slot->frame) slot = &pending;
    }
    if (!slot->active) ++path.active_icmps;
    *slot = PendingIcmp{};
    slot->active = true;
    slot->frame = icmp.frame;
    slot->time = icmp.time;
    slot->mtu = detail.icmp_mtu;
    slot->quoted_seq = icmp.quoted_seq;
    slot->grace_until = icmp.time + grace;
}

} // namespace mssck
