#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expert/fingerprint/tcp_signature.h"

namespace mssck::fingerprint {

// Readers for the p0f.fp lines that describe signatures rather than
// being signatures. Each returns a value or an error message.

struct LabelParse {
    std::optional<SignatureLabel> label;
    std::string error;
};

// "type:class:name:flavor" of a [tcp:*] label, e.g. "s:unix:Linux:3.11 and newer".
// The class must be "!" or one of `known_classes` (compared ignoring case).
LabelParse parse_tcp_label(std::string_view text, const std::vector<std::string>& known_classes);

struct NameListParse {
    std::optional<std::vector<std::string>> names;
    std::string error;
};

// "win,unix,other" of a "classes =" line.
NameListParse parse_class_list(std::string_view text);

// "@unix,Linux" of a "sys =" line: OS names, or known classes after '@'.
NameListParse parse_system_list(std::string_view text, const std::vector<std::string>& known_classes);

bool equal_ignoring_case(std::string_view a, std::string_view b);

}  // namespace mssck::fingerprint
