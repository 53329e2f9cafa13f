/*
 * The symbols Wireshark looks up when it loads a plugin. Kept in C on
 * purpose: in C++ a namespace-scope const has internal linkage, and the
 * version symbols would silently vanish from the shared object.
 */
#include <wireshark.h>
#include <epan/proto.h>

#include "plugin/registration.h"

#ifndef MSSCK_VERSION
#define MSSCK_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = MSSCK_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void plugin_register(void)
{
    static proto_plugin mssck_plugin;

    mssck_plugin.register_protoinfo = proto_register_mssck;
    mssck_plugin.register_handoff = proto_reg_handoff_mssck;
    proto_register_plugin(&mssck_plugin);
}
