// The "MSS Check conversations" statistics table: one row per TCP
// conversation, a final row counting the trouble. tshark prints it with
// -z mssck,conv[,FILTER]; Wireshark lists it in the Statistics menu.
#pragma once

namespace mssck_plugin {

void register_conversation_table();  // in proto_register
void queue_for_conversation_table(void* pinfo, const void* report);

} // namespace mssck_plugin
