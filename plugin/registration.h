/* Registration entry points, called by Wireshark through plugin_entry.c. */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

void proto_register_mssck(void);
void proto_reg_handoff_mssck(void);

#ifdef __cplusplus
}
#endif
