// libFuzzer target: the p0f signature database reader
// (expert/fingerprint/p0f_database.h), which reads files the user points it
// at. The input is read as a p0f.fp file both through the stream and the
// text entry points; every signature read is written back in p0f's notation
// and read again, which must work. Bad input must only ever give
// diagnostics, never a crash, an exception or an endless loop.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "expert/fingerprint/p0f_database.h"
#include "expert/fingerprint/tcp_signature_text.h"

namespace {

void check(bool condition, const char* what, const std::string& detail = {}) {
    if (!condition) {
        std::fprintf(stderr, "p0f_fuzzer: broken expectation: %s %s\n", what, detail.c_str());
        std::abort();
    }
}

void walk(const mssck::fingerprint::P0fDatabaseLoad& load) {
    using namespace mssck::fingerprint;
    for (const ParseDiagnostic& diagnostic : load.diagnostics) (void)diagnostic.to_string();
    const P0fDatabase& database = load.database;
    for (bool syn_ack : {false, true}) {
        for (const TcpSignatureRecord& record : database.tcp_signatures(syn_ack)) {
            (void)record.label.display_name();
            const std::string text = to_p0f_text(record.signature);
            const TcpSignatureParse again = parse_tcp_signature(text);
            check(again.signature.has_value(), "a signature written back reads again:", text + " -> " + again.error);
        }
    }
    for (const MtuSignature& mtu : database.mtu_signatures()) (void)database.link_for_mtu(mtu.mtu);
    (void)database.link_for_mtu(1500);
    (void)database.empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::istringstream stream(text);
    walk(mssck::fingerprint::P0fDatabase::parse(stream, "fuzz.fp"));
    walk(mssck::fingerprint::P0fDatabase::parse_text(std::string_view(text), "fuzz.fp"));
    return 0;
}
