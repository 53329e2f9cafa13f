// The hint for each kind of finding that needs more than a fixed
// sentence, one function per finding; remediation_hint.cpp picks among
// them. Internal to expert/advice.
#pragma once

#include <string>

#include "expert/advice/remediation_hint.h"

namespace mssck::advice {

// mss_size_hints.cpp
std::string mss_floor_hint(const HintContext& context);
std::string mss_violation_hint(const HintContext& context);

// black_hole_hints.cpp
std::string black_hole_hint(const HintContext& context);
std::string black_hole_recovered_hint(const HintContext& context);

// icmp_hints.cpp
std::string icmp_ignored_hint(const HintContext& context);
std::string df_not_set_hint(const HintContext& context);
std::string ip_fragmented_hint(const HintContext& context);

} // namespace mssck::advice
