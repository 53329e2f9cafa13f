// The ids Wireshark hands out for mssck's protocol, fields, subtrees and
// expert infos, and the user's preferences. Shared by the plugin's files.
#pragma once

#include <epan/expert.h>
#include <epan/proto.h>

#include "expert/finding_catalog.h"

namespace mssck_plugin {

struct FieldIds {
    int sender_mss = -1;
    int sender_mss_source = -1;
    int sender_mss_frame = -1;
    int peer_mss = -1;
    int peer_mss_source = -1;
    int peer_mss_frame = -1;
    int limit = -1;
    int option_bytes = -1;
    int excess = -1;
    int offload_evidence = -1;
    int pmtu_low = -1;
    int pmtu_high = -1;
    int icmp_stream = -1;
    int icmp_mtu = -1;
    int icmp_mtu_estimated = -1;
    int icmp_frame = -1;
    int finding = -1;
    int hint = -1;
    int os = -1;
    int os_match = -1;
    int os_distance = -1;
    int link = -1;
};

struct Ids {
    int proto = -1;
    protocol_t* protocol = nullptr;  // of proto: its enabled state
    int findings_proto = -1;         // the expert infos' parent (registration.cpp)
    int ett_mssck = -1;
    int ett_sender = -1;
    int ett_peer = -1;
    FieldIds fields;
    expert_field findings[mssck::kFindingCount];
};

extern Ids ids;

struct Preferences {
    guint assumed_mss = 0;
    gboolean infer_mss = FALSE;
    gboolean detect_offload = TRUE;
    guint blackhole_min_sends = 3;
    const char* p0f_database = "/etc/p0f/p0f.fp";
};

extern Preferences preferences;

} // namespace mssck_plugin
