// Registers the mssck protocol, its fields, expert infos and preferences,
// and hooks it in as a post-dissector.
#include "plugin/registration.h"

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>

#include "expert/finding_catalog.h"
#include "plugin/analysis_session.h"
#include "plugin/conversation_table.h"
#include "plugin/field_reader.h"
#include "plugin/fingerprint_database.h"
#include "plugin/plugin_ids.h"
#include "plugin/postdissector.h"

namespace mssck_plugin {

Ids ids;
Preferences preferences;

namespace {

dissector_handle_t mssck_handle = nullptr;

void register_fields() {
    FieldIds& f = ids.fields;
    static hf_register_info fields[] = {
        {&f.sender_mss, {"Sender MSS", "mssck.sender_mss", FT_UINT16, BASE_DEC, NULL, 0x0,
                         "MSS the sender of this segment advertised in its SYN or SYN-ACK", HFILL}},
        {&f.sender_mss_source, {"Sender MSS source", "mssck.sender_mss.source", FT_STRING, BASE_NONE, NULL, 0x0,
                                "Where the sender's MSS comes from", HFILL}},
        {&f.sender_mss_frame, {"Sender MSS frame", "mssck.sender_mss.frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
                               "The SYN or SYN-ACK in which the sender advertised its MSS", HFILL}},
        {&f.peer_mss, {"Peer MSS", "mssck.peer_mss", FT_UINT16, BASE_DEC, NULL, 0x0,
                       "MSS the receiver of this segment advertised: what the sender may send it", HFILL}},
        {&f.peer_mss_source, {"Peer MSS source", "mssck.peer_mss.source", FT_STRING, BASE_NONE, NULL, 0x0,
                              "Where the peer's MSS comes from (option, RFC default, assumed, inferred)", HFILL}},
        {&f.peer_mss_frame, {"Peer MSS frame", "mssck.peer_mss.frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
                             "The SYN or SYN-ACK in which the peer advertised its MSS", HFILL}},
        {&f.limit, {"Segment limit", "mssck.limit", FT_UINT32, BASE_DEC, NULL, 0x0,
                    "Largest payload this segment may carry: the peer's MSS less its TCP and IP option bytes "
                    "(RFC 9293 3.7.1, RFC 6691)", HFILL}},
        {&f.option_bytes, {"Option bytes", "mssck.option_bytes", FT_UINT16, BASE_DEC, NULL, 0x0,
                           "TCP and IP option bytes this segment carries, taken off the peer's MSS", HFILL}},
        {&f.excess, {"Excess", "mssck.excess", FT_UINT32, BASE_DEC, NULL, 0x0,
                     "Payload bytes above the segment limit", HFILL}},
        {&f.offload_evidence, {"Offload evidence", "mssck.offload.evidence", FT_STRING, BASE_NONE, NULL, 0x0,
                               "Why this oversized segment is taken for a TSO/GSO/GRO/LRO artifact", HFILL}},
        {&f.finding, {"Finding", "mssck.finding", FT_STRING, BASE_NONE, NULL, 0x0,
                      "The frame's main finding in a few words (for a column)", HFILL}},
        {&f.hint, {"Hint", "mssck.hint", FT_STRING, BASE_NONE, NULL, 0x0,
                   "What to change, and on which host or part of the path, for the frame's main finding", HFILL}},
        {&f.os, {"Sender OS", "mssck.os", FT_STRING, BASE_NONE, NULL, 0x0,
                 "Operating system of this segment's sender, from its SYN or SYN-ACK (p0f signatures)", HFILL}},
        {&f.os_match, {"Sender OS match", "mssck.os.match", FT_STRING, BASE_NONE, NULL, 0x0,
                       "How the fingerprint matched: exact, generic, fuzzy, built-in or none", HFILL}},
        {&f.os_distance, {"Sender distance", "mssck.os.distance", FT_UINT8, BASE_DEC, NULL, 0x0,
                          "Hops between the sender and the capture point, from its initial TTL", HFILL}},
        {&f.link, {"Sender link", "mssck.link", FT_STRING, BASE_NONE, NULL, 0x0,
                   "What the sender's MSS says about its link (p0f [mtu] labels): Ethernet, DSL, tunnel, ...",
                   HFILL}},
        {&f.pmtu_low, {"Path MTU at least", "mssck.pmtu.low", FT_UINT32, BASE_DEC, NULL, 0x0,
                       "Largest IP packet of this sender acknowledged so far", HFILL}},
        {&f.pmtu_high, {"Path MTU below", "mssck.pmtu.high", FT_UINT32, BASE_DEC, NULL, 0x0,
                        "Smallest IP packet of this sender still unacknowledged after repeated sends", HFILL}},
        {&f.icmp_stream, {"ICMP for TCP stream", "mssck.icmp.stream", FT_UINT32, BASE_DEC, NULL, 0x0,
                          "The TCP conversation whose segment this frag-needed / Packet Too Big quotes", HFILL}},
        {&f.icmp_mtu, {"Reported MTU", "mssck.icmp.mtu", FT_UINT32, BASE_DEC, NULL, 0x0,
                       "Next-hop MTU the ICMP reports (RFC 1191 plateau estimate when it says 0)", HFILL}},
        {&f.icmp_mtu_estimated, {"Reported MTU is an estimate", "mssck.icmp.mtu_estimated", FT_BOOLEAN,
                                 BASE_NONE, NULL, 0x0,
                                 "The ICMP said MTU 0 (pre-RFC 1191 router): the plateau below the quoted "
                                 "packet's size is shown", HFILL}},
        {&f.icmp_frame, {"Quoted segment", "mssck.icmp.frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
                         "The frame of the segment the ICMP quotes", HFILL}},
    };
    proto_register_field_array(ids.proto, fields, G_N_ELEMENTS(fields));

    static gint* subtrees[] = {&ids.ett_mssck, &ids.ett_sender, &ids.ett_peer};
    proto_register_subtree_array(subtrees, G_N_ELEMENTS(subtrees));
}

int expert_severity(mssck::Severity severity) {
    switch (severity) {
    case mssck::Severity::Chat: return PI_CHAT;
    case mssck::Severity::Note: return PI_NOTE;
    case mssck::Severity::Warning: return PI_WARN;
    case mssck::Severity::Error: return PI_ERROR;
    }
    return PI_NOTE;
}

int expert_group(mssck::FindingGroup group) {
    switch (group) {
    case mssck::FindingGroup::Sequence: return PI_SEQUENCE;
    case mssck::FindingGroup::Malformed: return PI_MALFORMED;
    case mssck::FindingGroup::Protocol: break;
    }
    return PI_PROTOCOL;
}

// One expert info per catalog entry, named mssck.<key>.
void register_expert_infos() {
    static ei_register_info infos[mssck::kFindingCount];
    int i = 0;
    for (const mssck::FindingInfo* info = mssck::finding_catalog_begin(); info != mssck::finding_catalog_end();
         ++info, ++i) {
        const expert_field unset = EI_INIT;
        ids.findings[i] = unset;
        ei_register_info entry = {
            &ids.findings[i],
            {g_strdup_printf("mssck.%.*s", (int)info->key.size(), info->key.data()), expert_group(info->group),
             expert_severity(info->severity), g_strndup(info->summary.data(), info->summary.size()),
             EXPFILL}};
        infos[i] = entry;
    }
    // Their parent is a protocol of their own, not mssck: a filter on one of
    // them (-Y mssck.violation) marks its parent as referenced, and with
    // mssck marked every TCP frame would get the full mssck subtree for a
    // field only frames with findings have (tree_writer.cpp). Their names,
    // groups and the Protocol column (the current protocol, MSSCK) do not
    // change.
    ids.findings_proto = proto_register_protocol("MSS Check findings", "MSSCK findings", "mssck_findings");
    proto_set_cant_toggle(ids.findings_proto);
    expert_module_t* module = expert_register_protocol(ids.findings_proto);
    expert_register_field_array(module, infos, G_N_ELEMENTS(infos));
}

void register_preferences() {
    module_t* module = prefs_register_protocol(ids.proto, nullptr);
    prefs_register_uint_preference(
        module, "assumed_mss", "Assumed MSS when the handshake is missing",
        "MSS to assume for a host whose SYN is not in the capture (0: assume nothing). "
        "A limit from an assumed MSS raises at most a note, never mssck.violation.",
        10, &preferences.assumed_mss);
    prefs_register_bool_preference(
        module, "infer_mss", "Infer a missing MSS from the host's own segments",
        "Without a handshake, take the largest segment a host sent as its MSS. "
        "Like an assumed MSS, it raises at most a note.",
        &preferences.infer_mss);
    prefs_register_bool_preference(
        module, "detect_offload", "Recognise offload artifacts",
        "Report segments above the MSS that a capture on a host with TSO/GSO/GRO/LRO shows "
        "(IP length 0, longer than the sender's own MTU, ...) as mssck.offload instead of mssck.violation.",
        &preferences.detect_offload);
    prefs_register_uint_preference(
        module, "blackhole_min_sends", "Sends that make a black hole",
        "How many times one large segment must be sent (the original included) without an "
        "acknowledgement, while smaller packets get through, before mssck.blackhole is raised. "
        "Two are enough when a smaller segment sent after it was acknowledged or SACKed. At least 2.",
        10, &preferences.blackhole_min_sends);
    prefs_register_filename_preference(
        module, "p0f_database", "p0f signature database",
        "p0f v3 fingerprint file for the OS of each sender (Debian's p0f package installs /etc/p0f/p0f.fp). "
        "mssck's own signatures are tried when it has no match, and alone when the file is missing or empty.",
        &preferences.p0f_database, FALSE);
}

} // namespace
} // namespace mssck_plugin

using namespace mssck_plugin;

extern "C" void proto_register_mssck(void) {
    ids.proto = proto_register_protocol("MSS Check", "MSSCK", "mssck");
    ids.protocol = find_protocol_by_id(ids.proto);
    register_fields();
    register_expert_infos();
    register_preferences();
    register_init_routine(start_analysis_session);
    register_cleanup_routine(end_analysis_session);
    register_shutdown_routine(release_fingerprinter);
    register_conversation_table();
    // A handle without a protocol: epan then skips its per-call protocol
    // bookkeeping (an enabled check, a layer added to and removed from
    // pinfo in every frame), 0.4% of tshark's instructions. The
    // post-dissector does the two parts it needs itself (postdissector.cpp).
    mssck_handle = create_dissector_handle(dissect_mssck, -1);
}

extern "C" void proto_reg_handoff_mssck(void) {
    register_postdissector(mssck_handle);
    resolve_protocols();
    // The post-dissector reads the protocol tree, which tshark builds only
    // when something wants it; a post-dissector says so by naming the fields
    // it wants. It names its findings protocol, which no frame ever holds as
    // an item: a tree in every frame, and no field epan has to build for it
    // (naming tcp.stream, as before, cost 1% of tshark's time).
    GArray* wanted = g_array_new(FALSE, FALSE, sizeof(int));
    g_array_append_val(wanted, ids.findings_proto);
    set_postdissector_wanted_hfids(mssck_handle, wanted);
}
