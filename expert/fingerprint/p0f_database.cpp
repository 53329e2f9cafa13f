#include "expert/fingerprint/p0f_database.h"

namespace mssck::fingerprint {

std::string ParseDiagnostic::to_string() const {
    if (line == 0) return source + ": " + message;
    return source + ":" + std::to_string(line) + ": " + message;
}

std::optional<std::string> P0fDatabase::link_for_mtu(unsigned mtu) const {
    for (const MtuSignature& signature : mtu_signatures_) {
        if (signature.mtu == mtu) return signature.link;
    }
    return std::nullopt;
}

}  // namespace mssck::fingerprint
