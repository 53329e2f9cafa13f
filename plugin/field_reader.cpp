#include "plugin/field_reader.h"

#include <epan/ftypes/ftypes.h>

#include <cstring>
#include <epan/proto.h>

namespace mssck_plugin {
namespace {

// Field ids of other dissectors, looked up by name at handoff.
struct OtherFields {
    int proto_ip = -1, proto_ipv6 = -1, proto_tcp = -1, proto_icmp = -1, proto_icmpv6 = -1;
    int ip_hdr_len = -1, ip_len = -1, ip_ttl = -1, ip_df = -1, ip_src = -1, ip_dst = -1;
    int ipv6_plen = -1, ipv6_hlim = -1, ipv6_src = -1, ipv6_dst = -1;
    int tcp_stream = -1, tcp_srcport = -1, tcp_dstport = -1, tcp_seq_raw = -1, tcp_ack_raw = -1;
    int tcp_len = -1, tcp_hdr_len = -1, tcp_window = -1;
    int tcp_syn = -1, tcp_ack = -1, tcp_fin = -1, tcp_rst = -1;
    int tcp_mss = -1, tcp_wscale = -1, tcp_sack_perm = -1, tcp_tsval = -1;
    int tcp_seq = -1, tcp_sack_le = -1, tcp_sack_re = -1;
    int ip_mf = -1, ip_frag_offset = -1;
    int icmp_type = -1, icmp_code = -1, icmp_mtu = -1;
    int icmpv6_type = -1, icmpv6_code = -1, icmpv6_mtu = -1;
    int ip_id = -1, ip_rb = -1, ip_ecn = -1, ipv6_ecn = -1, ipv6_flow = -1;
    int tcp_urg = -1, tcp_push = -1, tcp_ece = -1, tcp_cwr = -1, tcp_ae = -1, tcp_urgent_pointer = -1;
    int tcp_options = -1;
};
OtherFields other;

struct NamedField {
    int* id;
    const char* name;
};

const NamedField kNamedFields[] = {
    {&other.proto_ip, "ip"}, {&other.proto_ipv6, "ipv6"}, {&other.proto_tcp, "tcp"},
    {&other.proto_icmp, "icmp"}, {&other.proto_icmpv6, "icmpv6"},
    {&other.ip_hdr_len, "ip.hdr_len"}, {&other.ip_len, "ip.len"}, {&other.ip_ttl, "ip.ttl"},
    {&other.ip_df, "ip.flags.df"}, {&other.ip_src, "ip.src"}, {&other.ip_dst, "ip.dst"},
    {&other.ipv6_plen, "ipv6.plen"}, {&other.ipv6_hlim, "ipv6.hlim"},
    {&other.ipv6_src, "ipv6.src"}, {&other.ipv6_dst, "ipv6.dst"},
    {&other.tcp_stream, "tcp.stream"}, {&other.tcp_srcport, "tcp.srcport"},
    {&other.tcp_dstport, "tcp.dstport"}, {&other.tcp_seq_raw, "tcp.seq_raw"},
    {&other.tcp_ack_raw, "tcp.ack_raw"}, {&other.tcp_len, "tcp.len"},
    {&other.tcp_hdr_len, "tcp.hdr_len"}, {&other.tcp_window, "tcp.window_size_value"},
    {&other.tcp_syn, "tcp.flags.syn"}, {&other.tcp_ack, "tcp.flags.ack"},
    {&other.tcp_fin, "tcp.flags.fin"}, {&other.tcp_rst, "tcp.flags.reset"},
    {&other.tcp_mss, "tcp.options.mss_val"}, {&other.tcp_wscale, "tcp.options.wscale.shift"},
    {&other.tcp_sack_perm, "tcp.options.sack_perm"}, {&other.tcp_tsval, "tcp.options.timestamp.tsval"},
    {&other.tcp_seq, "tcp.seq"}, {&other.tcp_sack_le, "tcp.options.sack_le"},
    {&other.tcp_sack_re, "tcp.options.sack_re"},
    {&other.ip_mf, "ip.flags.mf"}, {&other.ip_frag_offset, "ip.frag_offset"},
    {&other.icmp_type, "icmp.type"}, {&other.icmp_code, "icmp.code"}, {&other.icmp_mtu, "icmp.mtu"},
    {&other.icmpv6_type, "icmpv6.type"}, {&other.icmpv6_code, "icmpv6.code"},
    {&other.icmpv6_mtu, "icmpv6.mtu"},
    {&other.ip_id, "ip.id"}, {&other.ip_rb, "ip.flags.rb"}, {&other.ip_ecn, "ip.dsfield.ecn"},
    {&other.ipv6_ecn, "ipv6.tclass.ecn"}, {&other.ipv6_flow, "ipv6.flow"},
    {&other.tcp_urg, "tcp.flags.urg"}, {&other.tcp_push, "tcp.flags.push"}, {&other.tcp_ece, "tcp.flags.ece"},
    {&other.tcp_cwr, "tcp.flags.cwr"}, {&other.tcp_ae, "tcp.flags.ae"},
    {&other.tcp_urgent_pointer, "tcp.urgent_pointer"}, {&other.tcp_options, "tcp.options"},
};

// Where the segment's TCP header and its IP header sit in pinfo->layers.
// Every field_info records the layer number it was added in, which is how
// fields of a tunnel's outer IP header or of an ICMP-quoted packet are told
// apart from the segment's own.
struct FrameLayers {
    int tcp_layer = 0;      // 0: no TCP segment of its own in this frame
    int ip_layer = 0;
    int ip_version = 0;

    int icmp_layer = 0;     // the first ICMP / ICMPv6 layer, 0 if none
    int icmp_version = 0;
    int reporter_ip_layer = 0;  // the IP header the ICMP came in
    int quoted_ip_layer = 0;    // the packet it quotes
    int quoted_ip_version = 0;
    int quoted_tcp_layer = 0;
};

FrameLayers locate_layers(packet_info* pinfo) {
    FrameLayers found;
    int layer = 0, ip_layer = 0, ip_version = 0;
    for (wmem_list_frame_t* frame = wmem_list_head(pinfo->layers); frame != nullptr;
         frame = wmem_list_frame_next(frame)) {
        ++layer;
        const int proto = GPOINTER_TO_INT(wmem_list_frame_data(frame));
        const bool inside_icmp = found.icmp_layer != 0;
        if (proto == other.proto_ip || proto == other.proto_ipv6) {
            ip_layer = layer;
            ip_version = proto == other.proto_ip ? 4 : 6;
            if (inside_icmp && found.quoted_ip_layer == 0) {
                found.quoted_ip_layer = layer;
                found.quoted_ip_version = ip_version;
            }
        } else if ((proto == other.proto_icmp || proto == other.proto_icmpv6) && !inside_icmp) {
            // What follows is the packet an ICMP error quotes, not traffic.
            found.icmp_layer = layer;
            found.icmp_version = proto == other.proto_icmp ? 4 : 6;
            found.reporter_ip_layer = ip_layer;
        } else if (proto == other.proto_tcp && inside_icmp) {
            if (found.quoted_tcp_layer == 0 && found.quoted_ip_layer != 0) found.quoted_tcp_layer = layer;
        } else if (proto == other.proto_tcp && ip_layer > 0) {
            found.tcp_layer = layer;  // the innermost wins
            found.ip_layer = ip_layer;
            found.ip_version = ip_version;
        }
    }
    return found;
}

// Calls visit(info) for every occurrence of the field in the layer.
template <typename Visit>
void for_each_field_in_layer(proto_tree* tree, int hf, int layer, Visit visit) {
    if (hf < 0) return;
    GPtrArray* infos = proto_get_finfo_ptr_array(tree, hf);
    if (infos == nullptr) return;
    for (guint i = 0; i < infos->len; ++i) {
        const auto* info = static_cast<const field_info*>(g_ptr_array_index(infos, i));
        if (info->total_layer_num == layer) visit(info);
    }
}

const field_info* field_in_layer(proto_tree* tree, int hf, int layer) {
    if (hf < 0) return nullptr;
    GPtrArray* infos = proto_get_finfo_ptr_array(tree, hf);
    if (infos == nullptr) return nullptr;
    for (guint i = 0; i < infos->len; ++i) {
        const auto* info = static_cast<const field_info*>(g_ptr_array_index(infos, i));
        if (info->total_layer_num == layer) return info;
    }
    return nullptr;
}

guint64 unsigned_value(const field_info* info) {
    auto* value = const_cast<fvalue_t*>(&info->value);
    switch (info->hfinfo->type) {
    case FT_UINT8: case FT_UINT16: case FT_UINT24: case FT_UINT32: case FT_FRAMENUM:
        return fvalue_get_uinteger(value);
    case FT_UINT40: case FT_UINT48: case FT_UINT56: case FT_UINT64: case FT_BOOLEAN:
        return fvalue_get_uinteger64(value);
    default:
        return 0;
    }
}

// Reads an unsigned field of the layer; false when it is absent.
template <typename T>
bool read_unsigned(proto_tree* tree, int hf, int layer, T* out) {
    const field_info* info = field_in_layer(tree, hf, layer);
    if (info == nullptr) return false;
    *out = static_cast<T>(unsigned_value(info));
    return true;
}

bool has_field(proto_tree* tree, int hf, int layer) { return field_in_layer(tree, hf, layer) != nullptr; }

bool read_address(proto_tree* tree, int hf, int layer, mssck::IpAddress* out) {
    const field_info* info = field_in_layer(tree, hf, layer);
    if (info == nullptr) return false;
    if (info->hfinfo->type == FT_IPv4) {
        *out = mssck::IpAddress::v4(info->value.value.ipv4.addr);
        return true;
    }
    if (info->hfinfo->type == FT_IPv6) {
        *out = mssck::IpAddress::v6(info->value.value.ipv6.addr.bytes);
        return true;
    }
    return false;
}

// The ip dissector shows a total length of 0 (TSO) as the length it worked
// out; the header's own bytes say what was really there.
bool ipv4_total_length_is_zero(const field_info* ip_len) {
    if (ip_len == nullptr || ip_len->ds_tvb == nullptr || ip_len->length != 2) return false;
    if (!tvb_bytes_exist(ip_len->ds_tvb, ip_len->start, 2)) return false;
    return tvb_get_ntohs(ip_len->ds_tvb, ip_len->start) == 0;
}

bool read_ipv4(proto_tree* tree, int layer, mssck::SegmentFacts* facts) {
    guint32 header_len = 20, total_len = 0;
    read_unsigned(tree, other.ip_hdr_len, layer, &header_len);
    const field_info* len_info = field_in_layer(tree, other.ip_len, layer);
    if (len_info != nullptr) total_len = static_cast<guint32>(unsigned_value(len_info));
    facts->ip_total_len = total_len;
    facts->ip_len_zero = ipv4_total_length_is_zero(len_info);
    facts->ip_option_bytes = static_cast<std::uint16_t>(header_len > 20 ? header_len - 20 : 0);
    read_unsigned(tree, other.ip_ttl, layer, &facts->ttl);
    read_unsigned(tree, other.ip_df, layer, &facts->df);
    bool more_fragments = false;
    guint32 fragment_offset = 0;
    read_unsigned(tree, other.ip_mf, layer, &more_fragments);
    read_unsigned(tree, other.ip_frag_offset, layer, &fragment_offset);
    facts->ip_fragmented = more_fragments || fragment_offset > 0;
    return read_address(tree, other.ip_src, layer, &facts->src) &&
           read_address(tree, other.ip_dst, layer, &facts->dst);
}

bool read_ipv6(proto_tree* tree, int layer, mssck::SegmentFacts* facts) {
    guint32 payload_len = 0;
    read_unsigned(tree, other.ipv6_plen, layer, &payload_len);
    facts->ip_total_len = 40 + payload_len;
    // Extension headers are what the IPv6 payload holds besides the segment.
    const guint32 segment_len = facts->tcp_header_len + facts->payload_len;
    facts->ip_option_bytes =
        static_cast<std::uint16_t>(payload_len > segment_len ? payload_len - segment_len : 0);
    read_unsigned(tree, other.ipv6_hlim, layer, &facts->ttl);
    return read_address(tree, other.ipv6_src, layer, &facts->src) &&
           read_address(tree, other.ipv6_dst, layer, &facts->dst);
}

// SACK edges come as repeated fields, left and right in the same order.
void read_sack_blocks(proto_tree* tree, int layer, mssck::SegmentFacts* facts) {
    int lefts = 0, rights = 0;
    for_each_field_in_layer(tree, other.tcp_sack_le, layer, [&](const field_info* info) {
        if (lefts < mssck::SegmentFacts::kMaxSackBlocks)
            facts->sack[lefts++].left = static_cast<std::uint32_t>(unsigned_value(info));
    });
    for_each_field_in_layer(tree, other.tcp_sack_re, layer, [&](const field_info* info) {
        if (rights < mssck::SegmentFacts::kMaxSackBlocks)
            facts->sack[rights++].right = static_cast<std::uint32_t>(unsigned_value(info));
    });
    facts->sack_count = static_cast<std::uint8_t>(lefts < rights ? lefts : rights);
}

// What p0f looks at in a SYN besides the fields every segment needs.
void read_stack_traits(proto_tree* tree, int tcp_layer, int ip_layer, int ip_version, mssck::SegmentFacts* facts) {
    mssck::SegmentFacts::StackTraits& traits = facts->traits;
    if (ip_version == 4) {
        read_unsigned(tree, other.ip_id, ip_layer, &traits.ip_id);
        read_unsigned(tree, other.ip_rb, ip_layer, &traits.ip_reserved_flag);
        read_unsigned(tree, other.ip_ecn, ip_layer, &traits.ecn);
    } else {
        read_unsigned(tree, other.ipv6_ecn, ip_layer, &traits.ecn);
        read_unsigned(tree, other.ipv6_flow, ip_layer, &traits.flow_label);
    }
    read_unsigned(tree, other.tcp_urg, tcp_layer, &traits.urg);
    read_unsigned(tree, other.tcp_push, tcp_layer, &traits.psh);
    read_unsigned(tree, other.tcp_ece, tcp_layer, &traits.ece);
    read_unsigned(tree, other.tcp_cwr, tcp_layer, &traits.cwr);
    read_unsigned(tree, other.tcp_ae, tcp_layer, &traits.ns);
    read_unsigned(tree, other.tcp_urgent_pointer, tcp_layer, &traits.urgent_pointer);
    const field_info* options = field_in_layer(tree, other.tcp_options, tcp_layer);
    if (options != nullptr && options->hfinfo->type == FT_BYTES && options->value.value.bytes != nullptr) {
        const GByteArray* bytes = options->value.value.bytes;
        const guint length = bytes->len < sizeof traits.option_bytes ? bytes->len : sizeof traits.option_bytes;
        // An empty GByteArray may have no buffer at all (found by fuzzing).
        if (length > 0 && bytes->data != nullptr) {
            memcpy(traits.option_bytes, bytes->data, length);
            traits.option_length = static_cast<std::uint8_t>(length);
        }
    }
}

bool read_tcp(proto_tree* tree, int layer, mssck::SegmentFacts* facts) {
    if (!read_unsigned(tree, other.tcp_stream, layer, &facts->stream) ||
        !read_unsigned(tree, other.tcp_srcport, layer, &facts->src_port) ||
        !read_unsigned(tree, other.tcp_dstport, layer, &facts->dst_port))
        return false;
    read_unsigned(tree, other.tcp_seq_raw, layer, &facts->seq_raw);
    read_unsigned(tree, other.tcp_seq, layer, &facts->seq_relative);
    read_unsigned(tree, other.tcp_ack_raw, layer, &facts->ack_raw);
    read_unsigned(tree, other.tcp_len, layer, &facts->payload_len);
    read_unsigned(tree, other.tcp_hdr_len, layer, &facts->tcp_header_len);
    read_unsigned(tree, other.tcp_window, layer, &facts->window);
    read_unsigned(tree, other.tcp_syn, layer, &facts->syn);
    read_unsigned(tree, other.tcp_ack, layer, &facts->ack);
    read_unsigned(tree, other.tcp_fin, layer, &facts->fin);
    read_unsigned(tree, other.tcp_rst, layer, &facts->rst);

    std::uint16_t mss = 0;
    if (read_unsigned(tree, other.tcp_mss, layer, &mss)) facts->mss_option = mss;
    std::uint8_t shift = 0;
    if (read_unsigned(tree, other.tcp_wscale, layer, &shift)) facts->window_scale = shift;
    facts->sack_permitted = has_field(tree, other.tcp_sack_perm, layer);
    facts->timestamps = has_field(tree, other.tcp_tsval, layer);
    read_sack_blocks(tree, layer, facts);
    return true;
}

bool read_icmp(proto_tree* tree, const FrameLayers& layers, mssck::IcmpFacts* icmp) {
    const bool v4 = layers.icmp_version == 4;
    guint32 type = 0, code = 0;
    if (!read_unsigned(tree, v4 ? other.icmp_type : other.icmpv6_type, layers.icmp_layer, &type)) return false;
    read_unsigned(tree, v4 ? other.icmp_code : other.icmpv6_code, layers.icmp_layer, &code);
    const bool too_big = v4 ? (type == 3 && code == 4) : type == 2;
    if (!too_big || layers.quoted_tcp_layer == 0) return false;

    icmp->ip_version = static_cast<std::uint8_t>(layers.icmp_version);
    read_unsigned(tree, v4 ? other.icmp_mtu : other.icmpv6_mtu, layers.icmp_layer, &icmp->reported_mtu);
    if (layers.reporter_ip_layer != 0)
        read_address(tree, v4 ? other.ip_src : other.ipv6_src, layers.reporter_ip_layer, &icmp->reporter);

    const int quoted_ip = layers.quoted_ip_layer;
    const bool quoted_v4 = layers.quoted_ip_version == 4;
    if (!read_address(tree, quoted_v4 ? other.ip_src : other.ipv6_src, quoted_ip, &icmp->quoted_src) ||
        !read_address(tree, quoted_v4 ? other.ip_dst : other.ipv6_dst, quoted_ip, &icmp->quoted_dst))
        return false;
    if (quoted_v4) {
        read_unsigned(tree, other.ip_len, quoted_ip, &icmp->quoted_ip_size);
    } else {
        guint32 payload_len = 0;
        read_unsigned(tree, other.ipv6_plen, quoted_ip, &payload_len);
        icmp->quoted_ip_size = 40 + payload_len;
    }

    const int quoted_tcp = layers.quoted_tcp_layer;
    icmp->has_stream = read_unsigned(tree, other.tcp_stream, quoted_tcp, &icmp->stream);
    read_unsigned(tree, other.tcp_srcport, quoted_tcp, &icmp->quoted_src_port);
    read_unsigned(tree, other.tcp_dstport, quoted_tcp, &icmp->quoted_dst_port);
    // In an ICMP error Wireshark shows the quoted sequence number absolute.
    if (!read_unsigned(tree, other.tcp_seq_raw, quoted_tcp, &icmp->quoted_seq))
        read_unsigned(tree, other.tcp_seq, quoted_tcp, &icmp->quoted_seq);
    return true;
}

} // namespace

void resolve_wanted_fields() {
    for (const NamedField& field : kNamedFields) *field.id = proto_registrar_get_id_byname(field.name);
}

GArray* wanted_field_array() {
    GArray* wanted = g_array_new(FALSE, FALSE, sizeof(int));
    for (const NamedField& field : kNamedFields)
        if (*field.id >= 0) g_array_append_val(wanted, *field.id);
    return wanted;
}

FrameFacts read_frame_facts(proto_tree* tree, packet_info* pinfo, mssck::SegmentFacts* segment,
                            mssck::IcmpFacts* icmp) {
    if (tree == nullptr || pinfo->layers == nullptr) return FrameFacts::None;
    const FrameLayers layers = locate_layers(pinfo);
    const double time = nstime_to_sec(&pinfo->abs_ts);

    if (layers.tcp_layer != 0) {
        segment->frame = pinfo->num;
        segment->time = time;
        if (!read_tcp(tree, layers.tcp_layer, segment)) return FrameFacts::None;
        const bool read = layers.ip_version == 4 ? read_ipv4(tree, layers.ip_layer, segment)
                                                 : read_ipv6(tree, layers.ip_layer, segment);
        if (read && segment->syn)
            read_stack_traits(tree, layers.tcp_layer, layers.ip_layer, layers.ip_version, segment);
        return read ? FrameFacts::Segment : FrameFacts::None;
    }
    if (layers.icmp_layer != 0) {
        icmp->frame = pinfo->num;
        icmp->time = time;
        return read_icmp(tree, layers, icmp) ? FrameFacts::Icmp : FrameFacts::None;
    }
    return FrameFacts::None;
}

} // namespace mssck_plugin
