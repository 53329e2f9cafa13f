#include "expert/fingerprint/fingerprinter.h"

#include "expert/fingerprint/builtin_signatures.h"
#include "expert/fingerprint/observed_signature.h"
#include "expert/fingerprint/tcp_signature_matcher.h"

namespace mssck::fingerprint {

namespace {

MatchKind database_match_kind(const TcpMatch& match) {
    if (match.fuzzy) return MatchKind::fuzzy;
    return match.generic() ? MatchKind::generic : MatchKind::exact;
}

void describe_match(const TcpMatch& match, const std::string& source, FingerprintResult& result) {
    const SignatureLabel& label = match.record->label;
    result.label = label.display_name();
    result.family = label.name;
    result.flavor = label.flavor;
    result.os_class = label.os_class;
    result.generic_signature = label.generic;
    result.fuzzy = match.fuzzy;
    result.signature_source = source + ":" + std::to_string(match.record->line);
}

}  // namespace

Fingerprinter Fingerprinter::from_file(const std::string& path,
                                       std::vector<ParseDiagnostic>& diagnostics) {
    P0fDatabaseLoad load = P0fDatabase::load_file(path);
    diagnostics.insert(diagnostics.end(), load.diagnostics.begin(), load.diagnostics.end());
    if (load.database.empty()) return Fingerprinter{};
    return Fingerprinter{std::move(load.database)};
}

FingerprintResult Fingerprinter::fingerprint(const SynObservation& observation) const {
    return fingerprint(observe(observation));
}

FingerprintResult Fingerprinter::fingerprint(const ObservedSignature& observed) const {
    FingerprintResult result;
    result.observed_signature = to_p0f_text(observed);

    if (database_) {
        const TcpMatch match =
            match_tcp_signature(observed, database_->tcp_signatures(observed.is_syn_ack));
        if (match.matched()) {
            result.kind = database_match_kind(match);
            describe_match(match, database_->source_name(), result);
            result.distance = match.distance;
            result.distance_is_upper_bound = match.distance_is_upper_bound;
            return result;
        }
    }

    const P0fDatabase& builtin = builtin_signatures();
    const TcpMatch match = match_tcp_signature(observed, builtin.tcp_signatures(observed.is_syn_ack));
    if (match.matched()) {
        result.kind = MatchKind::builtin;
        describe_match(match, builtin.source_name(), result);
    }
    result.distance = match.distance;
    result.distance_is_upper_bound = match.distance_is_upper_bound;
    return result;
}

std::optional<std::string> Fingerprinter::link_for_mtu(unsigned mtu) const {
    if (database_) {
        if (auto link = database_->link_for_mtu(mtu)) return link;
    }
    return builtin_signatures().link_for_mtu(mtu);
}

}  // namespace mssck::fingerprint
