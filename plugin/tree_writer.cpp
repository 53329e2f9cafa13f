#include "plugin/tree_writer.h"

#include <epan/expert.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "expert/finding_hint.h"
#include "expert/finding_text.h"
#include "expert/hot_path.h"
#include "expert/sender_identity.h"
#include "plugin/analysis_session.h"
#include "plugin/plugin_ids.h"

// Wireshark unwinds with longjmp: nothing in this file may hold a C++
// object with a destructor across a proto_* call. Text goes to char arrays.

namespace mssck_plugin {
namespace {

using mssck::DirectionView;
using mssck::FindingId;
using mssck::FrameReport;
using mssck::MssValue;

// Whether anyone sees the field: a visible tree, a display filter, a column
// or tshark -e naming it. Texts are only put together for those (with
// tshark -Y on other fields, most frames show nothing).
MSSCK_HOT bool wanted(proto_tree* tree, int hf) { return proto_field_is_referenced(tree, hf); }

// Unwanted fields are skipped here rather than faked by epan: asking is a
// third of the price of a faked item (with -Y mssck.violation, every TCP
// frame asks for about ten fields nobody reads).
void add_generated_uint(proto_tree* tree, int hf, tvbuff_t* tvb, guint32 value) {
    if (!wanted(tree, hf)) return;
    proto_item* item = proto_tree_add_uint(tree, hf, tvb, 0, 0, value);
    proto_item_set_generated(item);
}

void add_generated_string(proto_tree* tree, int hf, tvbuff_t* tvb, const char* value) {
    if (!wanted(tree, hf)) return;
    proto_item* item = proto_tree_add_string(tree, hf, tvb, 0, 0, value);
    proto_item_set_generated(item);
}

// Whether anyone reads the protocol item's own text: a visible tree (the
// GUI's details pane, tshark -V, -T pdml or json) or a filter, column or -e
// naming "mssck" itself. A filter on one mssck field also marks the
// protocol, but only as the parent of that field: the summary text would
// be made in every frame for nobody.
bool text_is_read(proto_tree* tree) {
    if (tree == nullptr) return false;
    if (PTREE_DATA(tree)->visible) return true;
    const header_field_info* protocol = proto_registrar_get_nth(static_cast<guint>(ids.proto));
    return protocol != nullptr && protocol->ref_type == HF_REF_TYPE_DIRECT;
}

// One side's MSS: the value, where it came from and the SYN that said it.
void add_mss(proto_tree* tree, tvbuff_t* tvb, int hf_value, int hf_source, int hf_frame,
             const MssValue& mss) {
    if (mss.known()) add_generated_uint(tree, hf_value, tvb, mss.value);
    add_generated_string(tree, hf_source, tvb, mssck::describe(mss.source));
    if (mss.frame != 0) add_generated_uint(tree, hf_frame, tvb, mss.frame);
}

// Who reads the expert infos' messages: a visible tree, the expert tap
// (tshark -z expert, the GUI's Expert Information dialog, which dissects
// again with its listener in place), or a filter, column or -e naming
// _ws.expert or one of its fields (which marks _ws.expert too). A filter
// or -e on an mssck expert info needs its item, not its message (-e prints
// 1). Nobody else sees either; the highest severity (the GUI's status bar)
// and the Expert column need neither (note_highest_severity).
struct ExpertReaders {
    int expert_tap = 0;  // find_tap_id's "none"
    int expert_proto = -1;
};
ExpertReaders expert_readers;

bool expert_messages_are_read(proto_tree* tree) {
    if (tree == nullptr || PTREE_DATA(tree)->visible) return true;
    // epan registers its expert protocol and tap after the plugins'
    // handoffs: they are found at first use.
    if (expert_readers.expert_tap <= 0) expert_readers.expert_tap = find_tap_id("expert");
    if (expert_readers.expert_proto < 0) expert_readers.expert_proto = proto_get_id_by_filter_name("_ws.expert");
    if (expert_readers.expert_tap > 0 && have_tap_listener(expert_readers.expert_tap)) return true;
    return expert_readers.expert_proto >= 0 && proto_field_is_referenced(tree, expert_readers.expert_proto);
}

bool mssck_expert_info_is_referenced(proto_tree* tree) {
    for (const expert_field& finding : ids.findings)
        if (finding.hf > 0 && proto_field_is_referenced(tree, finding.hf)) return true;
    return false;
}

// The findings as expert infos on anchor (and the offload evidence in
// tree, when there is one). Each message is made only when it is read
// (expert_messages_are_read): put together with snprintf, twice (here and
// in epan), it was most of mssck's cost in frames with a finding. Unread
// (the items are there for a filter on an mssck expert info, another mssck
// field, or a tap that reads the whole tree), each expert info says its
// registered summary.
void add_findings(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, proto_item* anchor,
                  const FrameReport& report, const DirectionView& view, const mssck::FrameDetail* detail,
                  const mssck::Conversation& conversation, bool messages_read) {
    if (report.findings.empty()) return;
    char text[mssck::kFindingTextSize];
    for (const mssck::FindingInfo* info = mssck::finding_catalog_begin(); info != mssck::finding_catalog_end();
         ++info) {
        if (!report.findings.has(info->id)) continue;
        expert_field* field = &ids.findings[static_cast<int>(info->id)];
        if (info->id == FindingId::Offload && tree != nullptr && wanted(tree, ids.fields.offload_evidence)) {
            char evidence[mssck::kFindingTextSize];
            report.offload.format(evidence, sizeof evidence);
            add_generated_string(tree, ids.fields.offload_evidence, tvb, evidence);
        }
        if (!messages_read) {
            expert_add_info(pinfo, anchor, field);
            continue;
        }
        mssck::format_finding(info->id, report, view, detail, conversation, text, sizeof text);
        expert_add_info_format(pinfo, anchor, field, "%s", text);
    }
}

void format_summary(const FrameReport& report, const DirectionView& view, char* out, size_t size) {
    if (report.findings.has(FindingId::BlackHole))
        g_snprintf(out, (gulong)size, ", suspected PMTUD black hole");
    else if (report.findings.has(FindingId::Violation))
        g_snprintf(out, (gulong)size, ", %u bytes over the peer's MSS limit of %u", report.excess(), report.limit);
    else if (report.findings.has(FindingId::Offload))
        g_snprintf(out, (gulong)size, ", offload artifact (%u bytes, limit %u)", report.payload, report.limit);
    else if (report.has_limit)
        g_snprintf(out, (gulong)size, ", %u of %u bytes", report.payload, report.limit);
    else if (view.peer_mss.known())
        g_snprintf(out, (gulong)size, ", peer MSS %u", view.peer_mss.value);
    else
        g_snprintf(out, (gulong)size, ", peer MSS unknown");
}

// Who the sender is: its SYN's fingerprint and what its MSS says of its link.
void add_sender_identity(proto_tree* tree, tvbuff_t* tvb, const DirectionView& view) {
    const mssck::Analyzer* analyzer = current_analyzer();
    if (analyzer == nullptr) return;
    const FieldIds& f = ids.fields;
    if (view.sender_os != 0 && (wanted(tree, f.os) || wanted(tree, f.os_match) || wanted(tree, f.os_distance))) {
        const mssck::OsIdentity& os = analyzer->os(view.sender_os);
        add_generated_string(tree, f.os, tvb, os.label.empty() ? "unknown" : os.label.c_str());
        // The field's words: exact / generic / fuzzy / built-in / none.
        const bool builtin = os.kind == mssck::fingerprint::MatchKind::builtin;
        char match[16];
        const std::string_view kind = mssck::fingerprint::to_string(os.kind);
        g_snprintf(match, sizeof match, "%.*s", (int)kind.size(), kind.data());
        add_generated_string(tree, f.os_match, tvb, builtin ? "built-in" : match);
        proto_item* distance = proto_tree_add_uint(tree, f.os_distance, tvb, 0, 0, view.sender_os_distance);
        proto_item_set_generated(distance);
    }
    if (view.sender_mss.source == mssck::MssSource::Option && analyzer->fingerprinter() != nullptr &&
        wanted(tree, f.link)) {
        char link[96];
        mssck::describe_link(*analyzer->fingerprinter(), view.sender_ip_version, view.sender_mss.value,
                             link, sizeof link);
        add_generated_string(tree, f.link, tvb, link);
    }
}

// An ICMP frag-needed / Packet Too Big: which conversation, what MTU, which segment.
void show_icmp(tvbuff_t* tvb, proto_item* root, proto_tree* tree, const mssck::FrameDetail& detail) {
    const FieldIds& f = ids.fields;
    add_generated_uint(tree, f.icmp_stream, tvb, detail.icmp_stream);
    add_generated_uint(tree, f.icmp_mtu, tvb, detail.icmp_mtu);
    if (detail.icmp_mtu_estimated) {
        proto_item* item = proto_tree_add_boolean(tree, f.icmp_mtu_estimated, tvb, 0, 0, TRUE);
        proto_item_set_generated(item);
    }
    if (detail.quoted_frame != 0) add_generated_uint(tree, f.icmp_frame, tvb, detail.quoted_frame);
    proto_item_append_text(root, ", %s MTU %u for TCP stream %u%s", detail.icmp_mtu_estimated ? "estimated" : "reported",
                           detail.icmp_mtu, detail.icmp_stream,
                           detail.icmp_matched ? "" : " (its segments are not in this capture)");
}

// The whole mssck subtree, for a visible tree or a referenced mssck field.
// `view` is the report's DirectionView (Analyzer::view_of); `detail` and
// `conversation` may be null (an ICMP about a conversation the capture does
// not hold).
void show_full_report(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const FrameReport& report,
                      const DirectionView& view, const mssck::FrameDetail* detail,
                      const mssck::Conversation* conversation) {
    proto_item* root = proto_tree_add_item(tree, ids.proto, tvb, 0, 0, ENC_NA);
    proto_tree* mssck_tree = proto_item_add_subtree(root, ids.ett_mssck);
    if (wanted(mssck_tree, ids.fields.finding)) {
        char finding[96];
        mssck::format_main_finding(report, view, detail, finding, sizeof finding);
        if (finding[0] != '\0') add_generated_string(mssck_tree, ids.fields.finding, tvb, finding);
    }
    if (report.kind == mssck::FrameKind::Icmp) {
        if (detail != nullptr) show_icmp(tvb, root, mssck_tree, *detail);
        return;
    }
    if (conversation == nullptr) return;
    if (text_is_read(tree)) {
        char summary[96];
        format_summary(report, view, summary, sizeof summary);
        proto_item_append_text(root, "%s", summary);
    }

    const FieldIds& f = ids.fields;
    add_mss(mssck_tree, tvb, f.sender_mss, f.sender_mss_source, f.sender_mss_frame, view.sender_mss);
    add_mss(mssck_tree, tvb, f.peer_mss, f.peer_mss_source, f.peer_mss_frame, view.peer_mss);
    if (report.has_limit) {
        add_generated_uint(mssck_tree, f.option_bytes, tvb, report.option_bytes);
        add_generated_uint(mssck_tree, f.limit, tvb, report.limit);
        // An offload artifact never crossed a wire at that size: no excess.
        const bool real_excess = report.findings.has(FindingId::Violation) ||
                                 report.findings.has(FindingId::AssumedLimitExceeded);
        if (real_excess) add_generated_uint(mssck_tree, f.excess, tvb, report.excess());
    }
    add_sender_identity(mssck_tree, tvb, view);
    if (current_analyzer() != nullptr && wanted(mssck_tree, ids.fields.hint)) {
        char hint[mssck::kHintTextSize];
        mssck::format_frame_hint(*current_analyzer(), report, detail, *conversation, hint, sizeof hint);
        if (hint[0] != '\0') add_generated_string(mssck_tree, ids.fields.hint, tvb, hint);
    }
    if (report.pmtu_low != 0) add_generated_uint(mssck_tree, f.pmtu_low, tvb, report.pmtu_low);
    if (detail != nullptr && detail->pmtu_high != 0)
        add_generated_uint(mssck_tree, f.pmtu_high, tvb, detail->pmtu_high);
    add_findings(tvb, pinfo, mssck_tree, root, report, view, detail, *conversation,
                 !report.findings.empty() && expert_messages_are_read(tree));
}

// The frame's highest severity without any item. With no item,
// expert_add_info records only what an unread expert info leaves behind:
// the capture's highest severity (the GUI's status bar) and the frame's
// Expert column, which each such call overwrites, so only the most severe
// finding is added (with items, the column keeps the highest too).
void note_highest_severity(packet_info* pinfo, const FrameReport& report) {
    const mssck::FindingInfo* highest = nullptr;
    for (const mssck::FindingInfo* info = mssck::finding_catalog_begin(); info != mssck::finding_catalog_end();
         ++info)
        if (report.findings.has(info->id) && (highest == nullptr || info->severity > highest->severity))
            highest = info;
    if (highest != nullptr) expert_add_info(pinfo, nullptr, &ids.findings[static_cast<int>(highest->id)]);
}

} // namespace

MSSCK_HOT void show_report(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const FrameReport& report) {
    if (wanted(tree, ids.proto)) {
        show_full_report(tvb, pinfo, tree, report, view_of(report), detail_of(report), conversation_of(report));
        return;
    }
    // No visible tree and no filter, column or -e on an mssck field (a
    // reference to any of them but the expert infos, whose parent is
    // mssck_findings, marks the protocol too): only the expert infos count
    // (tshark -z expert, the expert tap, -Y mssck.violation), and a tap
    // that reads the whole tree (-z io,phs) sees the protocol. Anywhere but at the root
    // epan would fake this item; there it is real, and making it in every
    // TCP frame was a tenth of mssck's cost. Most frames stop here, before
    // reading anything but the report. A frame with findings that nobody
    // reads as items stops next, with only its highest severity noted.
    if (report.kind != mssck::FrameKind::Segment) return;
    const bool tap_reads_tree = (union_of_tap_listener_flags() & TL_REQUIRES_PROTO_TREE) != 0;
    const bool has_findings = !report.findings.empty();
    if (!has_findings && !tap_reads_tree) return;
    const bool messages_read = has_findings && expert_messages_are_read(tree);
    const bool items_read = messages_read || (has_findings && mssck_expert_info_is_referenced(tree));
    if (!tap_reads_tree && !items_read) {
        note_highest_severity(pinfo, report);
        return;
    }
    const mssck::Conversation* conversation = conversation_of(report);
    if (conversation == nullptr) return;
    proto_item* root = proto_tree_add_item(tree, ids.proto, tvb, 0, 0, ENC_NA);
    add_findings(tvb, pinfo, nullptr, root, report, view_of(report), detail_of(report), *conversation,
                 messages_read);
}

} // namespace mssck_plugin
