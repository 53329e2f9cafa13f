#pragma once

#include <string>
#include <string_view>

namespace mssck::fingerprint {

// Where an answer came from, best first.
enum class MatchKind {
    exact,    // a specific database signature matched exactly
    generic,  // only a catch-all ("g:") database signature matched
    fuzzy,    // a database signature matched with p0f's tolerances
    builtin,  // the database had nothing; this project's own signatures matched
    none,     // nothing matched
};

std::string_view to_string(MatchKind kind);

struct FingerprintResult {
    MatchKind kind = MatchKind::none;

    // p0f's display form, name then flavor: "Linux 3.11 and newer",
    // "Windows 7 or 8", "Mac OS X" (no flavor). Empty when nothing matched.
    std::string label;
    std::string family;    // p0f's name: "Linux", "Windows", "NMap"
    std::string flavor;    // "3.11 and newer"; may be empty
    std::string os_class;  // "unix", "win", "other"; "!" for applications
    bool generic_signature = false;  // the label was a "g:" catch-all
    bool fuzzy = false;              // matched with p0f's tolerances

    // Hops between the sender and the capture point: the signature's initial
    // TTL minus the TTL seen, or p0f's guess (32/64/128/255) without one.
    unsigned distance = 0;
    bool distance_is_upper_bound = false;  // randomized-TTL tools: "<= distance"

    std::string signature_source;    // "file:line" of the matching signature
    std::string observed_signature;  // the packet in p0f's raw_sig form

    bool matched() const { return kind != MatchKind::none; }
    bool is_application() const { return os_class == "!"; }
};

}  // namespace mssck::fingerprint
