#include "expert/fingerprint/tcp_option_layout.h"

namespace mssck::fingerprint {

namespace {

std::string option_token(std::uint8_t kind, std::uint8_t eol_padding) {
    switch (kind) {
        case tcp_option_kind::end_of_list: return "eol+" + std::to_string(eol_padding);
        case tcp_option_kind::no_operation: return "nop";
        case tcp_option_kind::max_segment_size: return "mss";
        case tcp_option_kind::window_scale: return "ws";
        case tcp_option_kind::sack_permitted: return "sok";
        case tcp_option_kind::sack: return "sack";
        case tcp_option_kind::timestamp: return "ts";
        default: return "?" + std::to_string(kind);
    }
}

}  // namespace

std::string to_p0f_text(const TcpOptionLayout& layout) {
    std::string text;
    for (std::uint8_t kind : layout.kinds) {
        if (!text.empty()) text += ',';
        text += option_token(kind, layout.eol_padding);
    }
    return text;
}

}  // namespace mssck::fingerprint
