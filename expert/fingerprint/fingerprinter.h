#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "expert/fingerprint/fingerprint_result.h"
#include "expert/fingerprint/ip_version.h"
#include "expert/fingerprint/observed_signature.h"
#include "expert/fingerprint/p0f_database.h"
#include "expert/fingerprint/syn_observation.h"

namespace mssck::fingerprint {

// Names the OS behind a SYN or SYN-ACK. Tries the p0f database (exact,
// then generic, then fuzzy, as p0f does), then the built-in signatures,
// and otherwise reports no match. Copies share one read-only database, so
// they are cheap and safe to use from several threads.
class Fingerprinter {
public:
    // Built-in signatures only.
    Fingerprinter() = default;
    explicit Fingerprinter(P0fDatabase database)
        : database_(std::make_shared<const P0fDatabase>(std::move(database))) {}

    // Loads a p0f.fp file. Its problems are appended to `diagnostics`; if
    // it cannot be read, the built-in signatures are used alone.
    static Fingerprinter from_file(const std::string& path,
                                   std::vector<ParseDiagnostic>& diagnostics);

    FingerprintResult fingerprint(const SynObservation& observation) const;
    // The same for a SYN already reduced to what p0f compares (observe()).
    FingerprintResult fingerprint(const ObservedSignature& observed) const;

    // The [mtu] link label for an MTU: the database's, else the built-in one.
    std::optional<std::string> link_for_mtu(unsigned mtu) const;
    std::optional<std::string> link_for_mss(IpVersion version, std::uint16_t mss) const {
        return link_for_mtu(mtu_from_mss(version, mss));
    }

    bool has_database() const { return database_ != nullptr; }

private:
    std::shared_ptr<const P0fDatabase> database_;  // null: built-in signatures only
};

}  // namespace mssck::fingerprint
