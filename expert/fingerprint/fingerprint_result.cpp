#include "expert/fingerprint/fingerprint_result.h"

namespace mssck::fingerprint {

std::string_view to_string(MatchKind kind) {
    switch (kind) {
        case MatchKind::exact: return "exact";
        case MatchKind::generic: return "generic";
        case MatchKind::fuzzy: return "fuzzy";
        case MatchKind::builtin: return "builtin";
        case MatchKind::none: break;
    }
    return "none";
}

}  // namespace mssck::fingerprint
