#include "expert/mss_value.h"

namespace mssck {

const char* describe(MssSource source) {
    switch (source) {
    case MssSource::Option: return "MSS option in the handshake";
    case MssSource::RfcDefault: return "RFC default (SYN without MSS option)";
    case MssSource::Assumed: return "assumed (preference; handshake not captured)";
    case MssSource::Inferred: return "inferred from the largest segment the host sent";
    case MssSource::Unknown: break;
    }
    return "unknown (handshake not captured)";
}

} // namespace mssck
