#pragma once

#include <string_view>

#include "expert/fingerprint/p0f_database.h"

namespace mssck::fingerprint {

// The source name built-in signatures report in diagnostics and results.
inline constexpr std::string_view builtin_signature_source = "mssck-builtin";

// This project's own signatures, in p0f v3's text format, for stacks that
// p0f's database leaves unnamed (modern Linux SYN-ACKs, IPv6 with flow
// labels, Windows 10/11, current macOS) or for when there is no database.
std::string_view builtin_signature_text();

// The text above, parsed once on first use (its diagnostics should be none).
const P0fDatabaseLoad& builtin_signature_load();
const P0fDatabase& builtin_signatures();

}  // namespace mssck::fingerprint
