// The post-dissector Wireshark calls for every frame.
#pragma once

#include <epan/packet.h>

namespace mssck_plugin {

int dissect_mssck(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, void* data);

} // namespace mssck_plugin
