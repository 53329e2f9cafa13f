// TCP sequence numbers wrap at 2^32: compare them as RFC 9293 does.
#pragma once

#include <cstdint>

namespace mssck {

inline bool seq_before(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) < 0; }
inline bool seq_at_or_before(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) <= 0; }

} // namespace mssck
