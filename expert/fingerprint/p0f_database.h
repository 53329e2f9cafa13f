#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expert/fingerprint/tcp_signature.h"

namespace mssck::fingerprint {

// A problem found while reading a signature file. The offending line is
// skipped; reading goes on with the next one.
struct ParseDiagnostic {
    std::string source;
    std::size_t line = 0;  // 1-based; 0 when about the whole source
    std::string message;

    // "source:line: message" (or "source: message" for line 0).
    std::string to_string() const;
};

// One "sig =" line of the [mtu] section: a link MTU and what link has it.
struct MtuSignature {
    unsigned mtu = 0;
    std::string link;  // the label, e.g. "Ethernet or modem"
    std::size_t line = 0;
};

struct P0fDatabaseLoad;

// The TCP and MTU signatures of a p0f v3 database (p0f.fp format). HTTP
// sections are recognised and skipped. Signatures keep their file order,
// which matching depends on.
class P0fDatabase {
public:
    // Never throws for bad input: every problem becomes a diagnostic.
    static P0fDatabaseLoad parse(std::istream& input, std::string source_name);
    static P0fDatabaseLoad parse_text(std::string_view text, std::string source_name);
    // A file that cannot be opened gives an empty database and a diagnostic.
    static P0fDatabaseLoad load_file(const std::string& path);

    const std::string& source_name() const { return source_name_; }
    const std::vector<std::string>& classes() const { return classes_; }
    const std::vector<TcpSignatureRecord>& syn_signatures() const { return syn_signatures_; }
    const std::vector<TcpSignatureRecord>& syn_ack_signatures() const { return syn_ack_signatures_; }
    const std::vector<TcpSignatureRecord>& tcp_signatures(bool syn_ack) const {
        return syn_ack ? syn_ack_signatures_ : syn_signatures_;
    }
    const std::vector<MtuSignature>& mtu_signatures() const { return mtu_signatures_; }

    // The link label of the first [mtu] signature with exactly this MTU.
    std::optional<std::string> link_for_mtu(unsigned mtu) const;

    bool empty() const {
        return syn_signatures_.empty() && syn_ack_signatures_.empty() && mtu_signatures_.empty();
    }

private:
    friend class P0fDatabaseReader;

    std::string source_name_;
    std::vector<std::string> classes_;
    std::vector<TcpSignatureRecord> syn_signatures_;      // [tcp:request]
    std::vector<TcpSignatureRecord> syn_ack_signatures_;  // [tcp:response]
    std::vector<MtuSignature> mtu_signatures_;            // [mtu]
};

struct P0fDatabaseLoad {
    P0fDatabase database;
    std::vector<ParseDiagnostic> diagnostics;

    bool clean() const { return diagnostics.empty(); }
};

}  // namespace mssck::fingerprint
