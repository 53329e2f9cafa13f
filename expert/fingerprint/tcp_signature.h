#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "expert/fingerprint/tcp_option_layout.h"
#include "expert/fingerprint/tcp_quirks.h"

namespace mssck::fingerprint {

// One p0f v3 TCP signature, "ver:ittl:olen:mss:wsize,scale:olayout:quirks:pclass",
// read into typed fields.

enum class IpVersionRule : std::uint8_t { any, v4_only, v6_only };  // "*", "4", "6"

enum class WindowRule : std::uint8_t {
    any,           // "*"
    exact,         // "8192"
    modulo,        // "%8192": any multiple of the value
    mss_multiple,  // "mss*20"
    mtu_multiple,  // "mtu*4"
};

struct WindowSpec {
    WindowRule rule = WindowRule::any;
    std::uint16_t value = 0;  // size, modulus or multiplier (not used for any)

    bool operator==(const WindowSpec& other) const {
        return rule == other.rule && value == other.value;
    }
};

enum class PayloadRule : std::uint8_t { zero, nonzero, any };  // "0", "+", "*"

struct TcpSignature {
    IpVersionRule ip_version = IpVersionRule::any;
    std::uint8_t initial_ttl = 64;
    // "64-": the tool picks TTLs at random up to initial_ttl, so the
    // distance is only an upper bound and the TTL never makes a match fuzzy.
    bool randomized_ttl = false;
    std::uint8_t ip_options_length = 0;
    std::optional<std::uint16_t> mss;          // nullopt for "*"
    WindowSpec window;
    std::optional<std::uint8_t> window_scale;  // nullopt for "*"
    TcpOptionLayout options;
    QuirkSet quirks;
    PayloadRule payload = PayloadRule::zero;
};

// The signature in p0f's text form (initial TTL written as a plain number).
std::string to_p0f_text(const TcpSignature& signature);

// A "label = type:class:name:flavor" line, which the signatures after it share.
struct SignatureLabel {
    bool generic = false;     // "g": a catch-all, used only when nothing specific matches
    std::string os_class;     // "win", "unix", "other", ...; "!" for applications
    std::string name;         // "Linux", "Windows", "NMap"
    std::string flavor;       // "3.11 and newer"; may be empty
    std::vector<std::string> systems;  // "sys =" entries of an application label

    bool is_application() const { return os_class == "!"; }
    // p0f's display form: the name, a space and the flavor, if any.
    std::string display_name() const;
};

struct TcpSignatureRecord {
    SignatureLabel label;
    TcpSignature signature;
    std::size_t line = 0;  // where the "sig =" line is in its source
};

}  // namespace mssck::fingerprint
