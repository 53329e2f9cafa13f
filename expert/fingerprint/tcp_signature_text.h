#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "expert/fingerprint/tcp_signature.h"

namespace mssck::fingerprint {

struct TcpSignatureParse {
    std::optional<TcpSignature> signature;
    std::string error;  // why there is no signature
};

// Reads the value of a p0f v3 "sig =" line in a [tcp:*] section, e.g.
// "*:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+:0". Accepts every form p0f's
// own reader does; rejects the rest with a message naming the bad field.
TcpSignatureParse parse_tcp_signature(std::string_view text);

}  // namespace mssck::fingerprint
