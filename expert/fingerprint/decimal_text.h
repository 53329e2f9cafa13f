#pragma once

#include <optional>
#include <string_view>

namespace mssck::fingerprint {

// A run of decimal digits no larger than `maximum`; nothing else accepted
// (no sign, no spaces, no empty string).
inline std::optional<unsigned> parse_decimal(std::string_view text, unsigned maximum) {
    if (text.empty()) return std::nullopt;
    unsigned long value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
        if (value > maximum) return std::nullopt;
    }
    return static_cast<unsigned>(value);
}

}  // namespace mssck::fingerprint
