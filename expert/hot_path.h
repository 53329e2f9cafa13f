// MSSCK_HOT marks the functions every TCP segment runs through. GCC and
// Clang put them in .text.hot, which the linker gathers in one place, so
// the few kilobytes run per segment sit on a few pages and cache lines
// instead of being spread over the plugin's 300 KB, between tshark's much
// larger dissector code that evicts them from the caches each packet.
#pragma once

#if defined(__GNUC__)
#define MSSCK_HOT __attribute__((hot))
#else
#define MSSCK_HOT
#endif
