#include "plugin/field_reader.h"

#include <epan/proto.h>

#include "expert/header_decoder.h"
#include "expert/hot_path.h"
#include "plugin/tcp_stream.h"

namespace mssck_plugin {
namespace {

// Every field Wireshark is asked to build costs about 1% of tshark's time
// (docs/PERFORMANCE.md), so none is: the headers are found by their
// protocol items (ip, ipv6, tcp, icmp, icmpv6), which sit at the top of the
// tree and which Wireshark builds in every tree, everything else is read
// from the header bytes, and the TCP conversation number comes from the
// TCP dissector's conversation (tcp_stream.cpp).
struct Protocols {
    int ip = -1, ipv6 = -1, tcp = -1, icmp = -1, icmpv6 = -1;
};
Protocols protocols;

// ICMP header, the largest IPv4 header or an IPv6 header with a few
// extension headers, and the 8 quoted TCP bytes.
constexpr int kMaxTooBigBytes = 256;

// Where an ICMP error's headers sit in pinfo->layers (and a TCP layer
// before it, if any). Every field_info records the layer number it was
// added in, which is how the IP header the ICMP came in is told apart from
// the one it quotes.
struct FrameLayers {
    int tcp_layer = 0;      // a TCP layer before any ICMP one, 0 if none

    int icmp_layer = 0;     // the first ICMP / ICMPv6 layer, 0 if none
    int icmp_version = 0;
    int reporter_ip_layer = 0;  // the IP header the ICMP came in
    int reporter_ip_version = 0;
    int quoted_ip_layer = 0;    // the packet it quotes
    int quoted_ip_version = 0;
    int quoted_tcp_layer = 0;
};

MSSCK_HOT FrameLayers locate_layers(packet_info* pinfo) {
    FrameLayers found;
    int layer = 0, ip_layer = 0, ip_version = 0;
    for (wmem_list_frame_t* frame = wmem_list_head(pinfo->layers); frame != nullptr;
         frame = wmem_list_frame_next(frame)) {
        ++layer;
        const int proto = GPOINTER_TO_INT(wmem_list_frame_data(frame));
        const bool inside_icmp = found.icmp_layer != 0;
        if (proto == protocols.ip || proto == protocols.ipv6) {
            ip_layer = layer;
            ip_version = proto == protocols.ip ? 4 : 6;
            if (inside_icmp && found.quoted_ip_layer == 0) {
                found.quoted_ip_layer = layer;
                found.quoted_ip_version = ip_version;
            }
        } else if ((proto == protocols.icmp || proto == protocols.icmpv6) && !inside_icmp) {
            // What follows is the packet an ICMP error quotes, not traffic.
            found.icmp_layer = layer;
            found.icmp_version = proto == protocols.icmp ? 4 : 6;
            found.reporter_ip_layer = ip_layer;
            found.reporter_ip_version = ip_version;
        } else if (proto == protocols.tcp && inside_icmp) {
            if (found.quoted_tcp_layer == 0 && found.quoted_ip_layer != 0) found.quoted_tcp_layer = layer;
        } else if (proto == protocols.tcp && ip_layer > 0) {
            found.tcp_layer = layer;
        }
    }
    return found;
}

// A place in one of the frame's data sources (the frame itself, or a buffer
// reassembled from fragments).
struct BytePosition {
    tvbuff_t* source = nullptr;
    gint offset = 0;
};

MSSCK_HOT BytePosition position_of(const field_info* info) {
    BytePosition at;
    if (info == nullptr || info->ds_tvb == nullptr || info->start < 0) return at;
    at.source = info->ds_tvb;
    at.offset = info->start;
    return at;
}

// The item of field hf added in this layer among parent's children, or null.
MSSCK_HOT const field_info* child_field(proto_node* parent, int hf, int layer) {
    for (proto_node* node = parent->first_child; node != nullptr; node = node->next) {
        const field_info* info = PNODE_FINFO(node);
        if (info != nullptr && info->hfinfo != nullptr && info->hfinfo->id == hf && info->total_layer_num == layer)
            return info;
    }
    return nullptr;
}

// The protocol item a layer added at the top of the tree: the header's
// first byte. (Dissectors add their protocol item to the tree they are
// given, which is the top one except inside ICMP errors.)
BytePosition header_position(proto_tree* tree, int proto, int layer) {
    if (proto < 0 || layer == 0) return BytePosition{};
    return position_of(child_field(tree, proto, layer));
}

BytePosition ip_header_position(proto_tree* tree, int layer, int version) {
    return header_position(tree, version == 4 ? protocols.ip : protocols.ipv6, layer);
}

// What one walk over the top of the tree finds: the frame's own segment
// (the last TCP protocol item at the top, the innermost in a tunnel, and
// the IP or IPv6 item just before it, which is what carried it: the IP
// dissector hands the next protocol the tree it was given), and whether an
// ICMP or ICMPv6 item comes first. What an ICMP error quotes is dissected
// inside the ICMP item's subtree, never at the top. One walk over the few
// top items instead of a walk over pinfo's layers as well: the layer walk
// calls into wmem for each layer and is left for the rare ICMP frame.
struct TopOfTree {
    const field_info* ip = nullptr;
    const field_info* tcp = nullptr;
    int ip_version = 0;
    bool icmp_first = false;  // an ICMP item before any segment: read_too_big's case
};

MSSCK_HOT TopOfTree scan_top_of_tree(proto_tree* tree) {
    TopOfTree found;
    const field_info* last_ip = nullptr;
    int last_ip_version = 0;
    for (proto_node* node = tree->first_child; node != nullptr; node = node->next) {
        const field_info* info = PNODE_FINFO(node);
        if (info == nullptr || info->hfinfo == nullptr) continue;
        const int id = info->hfinfo->id;
        if (id == protocols.ip || id == protocols.ipv6) {
            last_ip = info;
            last_ip_version = id == protocols.ip ? 4 : 6;
        } else if (id == protocols.tcp) {
            if (last_ip == nullptr) continue;
            found.tcp = info;
            found.ip = last_ip;
            found.ip_version = last_ip_version;
        } else if (id == protocols.icmp || id == protocols.icmpv6) {
            // What follows is the packet the ICMP quotes, not traffic.
            found.icmp_first = found.tcp == nullptr;
            break;
        }
    }
    return found;
}

// A data source's bytes, where it keeps them (tvb_get_ptr: no copy, and a
// composite buffer is made contiguous for the frame). A segment's two
// headers normally share one (not when it was reassembled from IP
// fragments): looked up once, that is three calls into the tvb code
// instead of six.
struct SourceBytes {
    const guint8* data = nullptr;
    gint captured = 0, reported = 0;
};

MSSCK_HOT SourceBytes whole_of(tvbuff_t* source) {
    SourceBytes bytes;
    if (source == nullptr) return bytes;
    bytes.captured = tvb_captured_length(source);
    bytes.reported = tvb_reported_length(source);
    // Only what exists is asked for: cannot throw.
    if (bytes.captured > 0) bytes.data = tvb_get_ptr(source, 0, bytes.captured);
    return bytes;
}

// Up to capacity bytes from offset within a data source.
MSSCK_HOT mssck::HeaderBytes header_in(const SourceBytes& whole, gint offset, gint capacity) {
    mssck::HeaderBytes bytes;
    if (whole.data == nullptr || offset >= whole.captured) return bytes;
    const gint captured = whole.captured - offset;
    const gint reported = whole.reported - offset;
    const gint length = captured < capacity ? captured : capacity;
    bytes.data = whole.data + offset;
    bytes.captured = static_cast<std::size_t>(length);
    bytes.reported_remaining = reported > 0 ? static_cast<std::uint32_t>(reported) : 0;
    return bytes;
}

// Up to capacity bytes from position (the ICMP frames' headers, one each).
mssck::HeaderBytes bytes_at(const BytePosition& at, gint capacity) {
    return header_in(whole_of(at.source), at.offset, capacity);
}

MSSCK_HOT bool read_segment(const TopOfTree& top, mssck::SegmentFacts* facts) {
    const BytePosition ip_at = position_of(top.ip);
    const BytePosition tcp_at = position_of(top.tcp);
    const SourceBytes ip_source = whole_of(ip_at.source);
    const SourceBytes tcp_source = tcp_at.source == ip_at.source ? ip_source : whole_of(tcp_at.source);
    mssck::SegmentHeaders headers;
    headers.ip_version = top.ip_version;
    headers.ip = header_in(ip_source, ip_at.offset,
                           top.ip_version == 4 ? mssck::kMaxIpv4HeaderBytes : mssck::kIpv6HeaderBytes);
    headers.tcp = header_in(tcp_source, tcp_at.offset, mssck::kMaxTcpHeaderBytes);
    // Reassembled from fragments, the segment is in a buffer of its own.
    if (ip_at.source == tcp_at.source && tcp_at.offset >= ip_at.offset)
        headers.tcp_offset_in_ip = tcp_at.offset - ip_at.offset;
    if (!mssck::decode_segment(headers, facts)) return false;
    const TcpSegmentEnds ends{facts->frame, &facts->src, &facts->dst, facts->src_port, facts->dst_port, facts->syn};
    return tcp_stream_of(ends, &facts->stream);
}

// The source of the IP header the ICMP error came in: the router.
mssck::IpAddress reporter_address(proto_tree* tree, const FrameLayers& layers) {
    mssck::IpAddress reporter;
    const int version = layers.reporter_ip_version;
    const mssck::HeaderBytes header =
        bytes_at(ip_header_position(tree, layers.reporter_ip_layer, version), version == 4 ? 20 : mssck::kIpv6HeaderBytes);
    if (version == 4 && header.captured >= 20) reporter = mssck::IpAddress::v4(header.data + 12);
    if (version == 6 && header.captured >= mssck::kIpv6HeaderBytes) reporter = mssck::IpAddress::v6(header.data + 8);
    return reporter;
}

bool read_too_big(proto_tree* tree, const FrameLayers& layers, mssck::IcmpFacts* icmp) {
    if (layers.quoted_tcp_layer == 0) return false;
    // The quoted packet starts right after the 8-byte ICMP header; its own
    // protocol items are inside the ICMP subtree, where an invisible tree
    // does not keep them.
    const BytePosition icmp_at =
        header_position(tree, layers.icmp_version == 4 ? protocols.icmp : protocols.icmpv6, layers.icmp_layer);
    mssck::TooBigHeaders headers;
    headers.icmp_version = layers.icmp_version;
    headers.quoted_ip_version = layers.quoted_ip_version;
    headers.icmp = bytes_at(icmp_at, kMaxTooBigBytes);
    if (!mssck::decode_too_big(headers, icmp)) return false;
    // The quoted header's conversation, which the TCP dissector looked up
    // with the quoted addresses and ports as it does for any segment.
    if (icmp->quoted_ports_known) {
        const TcpSegmentEnds quoted{icmp->frame, &icmp->quoted_src, &icmp->quoted_dst, icmp->quoted_src_port,
                                    icmp->quoted_dst_port, false};
        icmp->has_stream = quoted_tcp_stream_of(quoted, &icmp->stream);
    }
    icmp->reporter = reporter_address(tree, layers);
    return true;
}

} // namespace

void resolve_protocols() {
    protocols.ip = proto_registrar_get_id_byname("ip");
    protocols.ipv6 = proto_registrar_get_id_byname("ipv6");
    protocols.tcp = proto_registrar_get_id_byname("tcp");
    protocols.icmp = proto_registrar_get_id_byname("icmp");
    protocols.icmpv6 = proto_registrar_get_id_byname("icmpv6");
    resolve_tcp_protocol();
}

MSSCK_HOT FrameFacts read_frame_facts(proto_tree* tree, packet_info* pinfo, mssck::SegmentFacts* segment,
                            mssck::IcmpFacts* icmp) {
    if (tree == nullptr) return FrameFacts::None;
    const TopOfTree top = scan_top_of_tree(tree);
    if (top.tcp != nullptr) {
        segment->frame = pinfo->num;
        segment->time = nstime_to_sec(&pinfo->abs_ts);
        return read_segment(top, segment) ? FrameFacts::Segment : FrameFacts::None;
    }
    if (!top.icmp_first || pinfo->layers == nullptr) return FrameFacts::None;
    // The quoted packet's protocols are in pinfo's layers, not in an
    // invisible tree: only here are the layers walked.
    const FrameLayers layers = locate_layers(pinfo);
    // A TCP layer before the ICMP that is not at the top of the tree: not
    // a segment that can be read, nor an error of its own.
    if (layers.icmp_layer == 0 || layers.tcp_layer != 0) return FrameFacts::None;
    icmp->frame = pinfo->num;
    icmp->time = nstime_to_sec(&pinfo->abs_ts);
    return read_too_big(tree, layers, icmp) ? FrameFacts::Icmp : FrameFacts::None;
}

} // namespace mssck_plugin
