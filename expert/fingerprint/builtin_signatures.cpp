#include "expert/fingerprint/builtin_signatures.h"

#include <utility>

namespace mssck::fingerprint {

namespace {

// Written for mssck in p0f v3's format. The values come from the behaviour
// of each stack (noted beside the entries) and were checked against SYNs
// and SYN-ACKs in public captures.
constexpr std::string_view signature_text = R"fp(
; mssck built-in signatures
; -------------------------
; Consulted only when the p0f database has no answer, or there is none.
; p0f's database (2016) predates Linux's 64 KiB initial windows (4.20),
; Windows 10, and IPv6 flow labels: its '*' signatures expect no 'flow'
; quirk, so it leaves most current IPv6 SYNs and SYN-ACKs unnamed.
;
; A '*' signature drops the quirks the other IP version cannot show:
; 'df' and 'id+' apply to IPv4 packets only, 'flow' to IPv6 packets only.

classes = win,unix,other

[mtu]

label = Ethernet
sig   = 1500

label = PPPoE
sig   = 1492

label = IPv6 in IPv4 tunnel
sig   = 1480

label = GRE tunnel
sig   = 1476

label = IPv6 minimum MTU
sig   = 1280

label = jumbo Ethernet
sig   = 9000

[tcp:request]

; Linux since 4.20 opens with the largest multiple of the MSS that fits in
; 64 KiB: 44 x 1460 over IPv4 Ethernet, 45 x 1440 over IPv6; a little more
; for smaller MSS values.

label = s:unix:Linux:4.20 and newer
sig   = *:64:0:*:mss*44,*:mss,sok,ts,nop,ws:df,id+,flow:0
sig   = *:64:0:*:mss*45,*:mss,sok,ts,nop,ws:df,id+,flow:0
sig   = *:64:0:*:mss*46,*:mss,sok,ts,nop,ws:df,id+,flow:0
sig   = *:64:0:*:mss*47,*:mss,sok,ts,nop,ws:df,id+,flow:0
sig   = 6:64:0:*:mss*45,*:mss,sok,ts,nop,ws::0
sig   = 6:64:0:*:mss*46,*:mss,sok,ts,nop,ws::0

; Before 4.20 the SYN window was 20 x MSS (p0f.fp has the IPv4 form).

label = s:unix:Linux:3.11-4.19
sig   = *:64:0:*:mss*20,*:mss,sok,ts,nop,ws:df,id+,flow:0

label = g:unix:Linux:
sig   = *:64:0:*:*,*:mss,sok,ts,nop,ws:df,id+,flow:0
sig   = 6:64:0:*:*,*:mss,sok,ts,nop,ws::0
sig   = *:64:0:*:*,*:mss,nop,nop,sok,nop,ws:df,id+,flow:0

; Windows 10 and 11 round 64 KiB down to an even multiple of the MSS
; (64240 on Ethernet) and scale by 8. Windows sets no IPv6 flow label.

label = s:win:Windows:10 or 11
sig   = *:128:0:*:mss*44,8:mss,nop,ws,nop,nop,sok:df,id+:0
sig   = *:128:0:*:65535,8:mss,nop,ws,nop,nop,sok:df,id+:0

; Vista to 8.1 and Server 2008 to 2012 R2 (NT 6.x) open with 8192.

label = s:win:Windows:NT 6.x (Vista to 8.1, Server 2008 to 2012)
sig   = *:128:0:*:8192,8:mss,nop,ws,nop,nop,sok:df,id+:0
sig   = *:128:0:*:8192,2:mss,nop,ws,nop,nop,sok:df,id+:0
sig   = *:128:0:*:8192,0:mss,nop,nop,sok:df,id+:0

label = g:win:Windows:
sig   = *:128:0:*:*,*:mss,nop,ws,nop,nop,sok:df,id+:0
sig   = *:128:0:*:*,*:mss,nop,nop,sok:df,id+:0

; Current macOS and iOS scale by 6; with ECN on, the SYN carries ECE and
; CWR and a zero IP ID.

label = s:unix:macOS:recent, or iOS
sig   = *:64:0:*:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,id+,flow:0
sig   = *:64:0:*:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,ecn,flow:0
sig   = 6:64:0:*:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1::0
sig   = 6:64:0:*:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:ecn:0

label = g:unix:macOS:
sig   = *:64:0:*:65535,*:mss,nop,ws,nop,nop,ts,sok,eol+1:df,id+,flow:0

label = s:unix:FreeBSD:9 or newer
sig   = *:64:0:*:65535,6:mss,nop,ws,sok,ts:df,id+,flow:0
sig   = *:64:0:*:65535,6:mss,nop,ws,sok,ts:df,flow:0

; Solaris puts the MSS option last (SYN) or after the timestamp (SYN-ACK),
; as p0f.fp's Solaris 8 and 10 entries show. Windows are left open: the
; values of Solaris 11 are unverified. Layouts Windows shares are left out.

label = g:unix:Solaris:
sig   = *:64:0:*:*,*:nop,ws,nop,nop,ts,nop,nop,sok,mss:df,id+:0
sig   = *:64:0:*:*,*:nop,nop,ts,nop,nop,sok,mss:df,id+:0

[tcp:response]

; Linux since 4.20 answers with the largest multiple of its MSS that fits
; in 64 KiB, less 12 bytes per segment when timestamps are on: 45 x 1448
; or 44 x 1460 on IPv4 Ethernet. The options echo what the SYN offered.

label = s:unix:Linux:4.20 and newer
sig   = *:64:0:*:mss*45,*:mss,sok,ts,nop,ws:df,flow:0
sig   = *:64:0:*:mss*45,*:mss,nop,nop,ts,nop,ws:df,flow:0
sig   = *:64:0:*:mss*45,*:mss,nop,nop,sok,nop,ws:df,flow:0
sig   = *:64:0:*:mss*45,*:mss,nop,ws:df,flow:0
sig   = *:64:0:*:mss*45,0:mss,sok,ts:df,flow:0
sig   = *:64:0:*:mss*45,0:mss,nop,nop,ts:df,flow:0
sig   = *:64:0:*:mss*45,0:mss,nop,nop,sok:df,flow:0
sig   = *:64:0:*:mss*45,0:mss:df,flow:0
sig   = *:64:0:*:mss*44,*:mss,sok,ts,nop,ws:df,flow:0
sig   = *:64:0:*:mss*44,*:mss,nop,nop,ts,nop,ws:df,flow:0
sig   = *:64:0:*:mss*44,*:mss,nop,nop,sok,nop,ws:df,flow:0
sig   = *:64:0:*:mss*44,*:mss,nop,ws:df,flow:0
sig   = *:64:0:*:mss*44,0:mss,sok,ts:df,flow:0
sig   = *:64:0:*:mss*44,0:mss,nop,nop,ts:df,flow:0
sig   = *:64:0:*:mss*44,0:mss,nop,nop,sok:df,flow:0
sig   = *:64:0:*:mss*44,0:mss:df,flow:0

; Before 4.20: 20 x MSS (p0f.fp knows the older 10 x MSS as "3.x").

label = s:unix:Linux:3.x-4.19
sig   = *:64:0:*:mss*20,*:mss,sok,ts,nop,ws:df,flow:0
sig   = *:64:0:*:mss*20,*:mss,nop,nop,ts,nop,ws:df,flow:0
sig   = *:64:0:*:mss*20,*:mss,nop,nop,sok,nop,ws:df,flow:0
sig   = *:64:0:*:mss*20,*:mss,nop,ws:df,flow:0

label = g:unix:Linux:
sig   = *:64:0:*:*,*:mss,sok,ts,nop,ws:df,flow:0
sig   = *:64:0:*:*,*:mss,nop,nop,ts,nop,ws:df,flow:0
sig   = *:64:0:*:*,*:mss,nop,nop,sok,nop,ws:df,flow:0
sig   = 6:64:0:*:*,*:mss,sok,ts,nop,ws::0
sig   = 6:64:0:*:*,*:mss,nop,nop,sok,nop,ws::0

; Windows 10, 11 and Server 2016 onwards answer with 65535 scaled by 8.

label = s:win:Windows:10, 11 or Server 2016 and newer
sig   = *:128:0:*:65535,8:mss,nop,ws,sok,ts:df,id+:0
sig   = *:128:0:*:65535,8:mss,nop,ws,nop,nop,ts:df,id+:0
sig   = *:128:0:*:65535,8:mss,nop,ws,nop,nop,sok:df,id+:0
sig   = *:128:0:*:65535,8:mss,nop,ws:df,id+:0

label = s:win:Windows:NT 6.x (Vista to 8.1, Server 2008 to 2012)
sig   = *:128:0:*:8192,8:mss,nop,ws,sok,ts:df,id+:0
sig   = *:128:0:*:8192,8:mss,nop,ws,nop,nop,ts:df,id+:0
sig   = *:128:0:*:8192,8:mss,nop,ws,nop,nop,sok:df,id+:0
sig   = *:128:0:*:8192,8:mss,nop,ws:df,id+:0

label = s:unix:macOS:recent, or iOS
sig   = *:64:0:*:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,id+,flow:0
sig   = *:64:0:*:65535,6:mss,nop,ws,nop,nop,ts,sok,eol+1:df,flow:0

label = s:unix:FreeBSD:9 or newer
sig   = *:64:0:*:65535,6:mss,nop,ws,sok,ts:df,id+,flow:0
sig   = *:64:0:*:65535,6:mss,nop,ws,sok,ts:df,flow:0

label = g:unix:Solaris:
sig   = *:64:0:*:*,*:nop,nop,ts,mss,nop,ws,nop,nop,sok:df,id+:0
sig   = *:64:0:*:*,*:nop,nop,ts,mss,nop,ws:df,id+:0
)fp";

}  // namespace

std::string_view builtin_signature_text() { return signature_text; }

const P0fDatabaseLoad& builtin_signature_load() {
    static const P0fDatabaseLoad load =
        P0fDatabase::parse_text(signature_text, std::string(builtin_signature_source));
    return load;
}

const P0fDatabase& builtin_signatures() { return builtin_signature_load().database; }

}  // namespace mssck::fingerprint
