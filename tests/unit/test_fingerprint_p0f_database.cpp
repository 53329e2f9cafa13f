// Reading whole p0f v3 databases: sections, labels, diagnostics, files.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "expert/fingerprint/builtin_signatures.h"
#include "expert/fingerprint/p0f_database.h"

using namespace mssck::fingerprint;

namespace {

const char* const real_database_path = "/etc/p0f/p0f.fp";

bool file_exists(const char* path) { return std::ifstream(path).good(); }

const char* const small_database = R"(; comment
classes = win,unix,other

[mtu]

label = Ethernet or modem
sig   = 576
sig   = 1500

label = DSL
sig   = 1492

[tcp:request]

label = s:unix:Linux:3.11 and newer
sig   = *:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+:0
sig   = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0

label = g:unix:linux:2.2.x-3.x
sig   = *:64:0:*:*,*:mss,sok,ts,nop,ws:df,id+:0

label = s:!:NMap:SYN scan
sys   = @unix,@win
sig   = *:64-:0:1460:1024,0:mss::0

[http:request]

ua_os = Linux,Windows
label = s:!:Firefox:2.x
sys   = Windows,@unix
sig   = *:Host,User-Agent,Accept=[,*/*;q=]::Firefox/
this line is not even p0f syntax

[tcp:response]

  label = s:win:Windows:7 or 8
	sig   = *:128:0:*:8192,0:mss:df,id+:0

[http:response]

label = s:!:Apache:2.x
sig   = 1:Date,Server::Apache
)";

P0fDatabaseLoad parse(const std::string& text) { return P0fDatabase::parse_text(text, "test.fp"); }

}  // namespace

TEST_CASE("a small database is read section by section", "[fingerprint][p0f-database]") {
    const P0fDatabaseLoad load = parse(small_database);
    for (const auto& diagnostic : load.diagnostics) INFO(diagnostic.to_string());
    CHECK(load.clean());
    const P0fDatabase& database = load.database;

    CHECK(database.source_name() == "test.fp");
    CHECK(database.classes() == std::vector<std::string>{"win", "unix", "other"});

    REQUIRE(database.mtu_signatures().size() == 3);
    CHECK(database.mtu_signatures()[1].mtu == 1500);
    CHECK(database.mtu_signatures()[1].link == "Ethernet or modem");
    CHECK(database.mtu_signatures()[1].line == 8);

    REQUIRE(database.syn_signatures().size() == 4);
    const TcpSignatureRecord& first = database.syn_signatures()[0];
    CHECK(first.label.display_name() == "Linux 3.11 and newer");
    CHECK(first.label.os_class == "unix");
    CHECK_FALSE(first.label.generic);
    CHECK(first.line == 16);
    CHECK(first.signature.window_scale == 10);

    // Names differing only in case are one OS, spelled as first seen.
    const TcpSignatureRecord& generic = database.syn_signatures()[2];
    CHECK(generic.label.generic);
    CHECK(generic.label.name == "Linux");

    const TcpSignatureRecord& nmap = database.syn_signatures()[3];
    CHECK(nmap.label.is_application());
    CHECK(nmap.label.systems == std::vector<std::string>{"@unix", "@win"});
    CHECK(nmap.signature.randomized_ttl);

    // HTTP sections are skipped; indented lines are fine.
    REQUIRE(database.syn_ack_signatures().size() == 1);
    CHECK(database.syn_ack_signatures()[0].label.display_name() == "Windows 7 or 8");
    CHECK(database.tcp_signatures(true).size() == 1);
    CHECK(database.tcp_signatures(false).size() == 4);
}

TEST_CASE("the [mtu] section maps an MTU to its first link label", "[fingerprint][p0f-database]") {
    const P0fDatabase database = parse(small_database).database;
    CHECK(database.link_for_mtu(1500) == std::optional<std::string>("Ethernet or modem"));
    CHECK(database.link_for_mtu(1492) == std::optional<std::string>("DSL"));
    CHECK_FALSE(database.link_for_mtu(1446).has_value());
    CHECK(mtu_from_mss(IpVersion::v4, 1460) == 1500);
    CHECK(mtu_from_mss(IpVersion::v6, 1440) == 1500);
}

TEST_CASE("a malformed line is reported with its line number and skipped",
          "[fingerprint][p0f-database]") {
    const P0fDatabaseLoad load = parse(
        "classes = win,unix\n"                                    // 1
        "[tcp:request]\n"                                         // 2
        "label = s:unix:Linux:3.x\n"                              // 3
        "sig   = *:64:0:*:mss*10,*:mss,sok,ts,nop,ws:df,id+\n"    // 4: 7 fields
        "sig   = *:64:0:*:mss*10,*:mss,sok,ts,nop,ws:df,id+:0\n"  // 5: fine
        "sig   = *:64:0:*:mss*10,*:mss,sok,ts,nop,wz:df,id+:0\n"  // 6: bad option
        "sig   = *:64:0:*:mss*4,*:mss,sok,ts,nop,ws:df,id+:0\n"); // 7: fine
    REQUIRE(load.diagnostics.size() == 2);
    CHECK(load.diagnostics[0].line == 4);
    CHECK_THAT(load.diagnostics[0].message, Catch::Contains("8 colon-separated fields"));
    CHECK(load.diagnostics[1].line == 6);
    CHECK_THAT(load.diagnostics[1].message, Catch::Contains("'wz'"));
    CHECK(load.diagnostics[1].to_string() ==
          "test.fp:6: unrecognized TCP option 'wz' (expected mss, nop, ws, sok, sack, ts, eol+N or ?N)");

    REQUIRE(load.database.syn_signatures().size() == 2);
    CHECK(load.database.syn_signatures()[0].line == 5);
    CHECK(load.database.syn_signatures()[1].line == 7);
}

TEST_CASE("structural mistakes are diagnosed and reading goes on", "[fingerprint][p0f-database]") {
    const P0fDatabaseLoad load = parse(
        "sig = *:64:0:*:*,*:mss::0\n"              // 1: outside any section
        "classes = win,unix\n"                     // 2
        "[tcp:request]\n"                          // 3
        "sig = *:64:0:*:*,*:mss::0\n"              // 4: before any label
        "classes = other\n"                        // 5: too late
        "label = s:beos:BeOS:5\n"                  // 6: unknown class
        "sig = *:64:0:*:*,*:mss::0\n"              // 7: skipped quietly with its label
        "label = s:unix:Linux:2.0\n"               // 8
        "sys = Linux\n"                            // 9: sys after an OS label
        "sig = *:64:0:*:16384,0:mss::0\n"          // 10: fine
        "label = s:!:Tool:1\n"                     // 11
        "sig = *:64-:0:*:1,0:mss::0\n"             // 12: application needs sys first
        "sys = @beos\n"                            // 13: unknown class in sys
        "colour = blue\n"                          // 14: unknown setting
        "no equals sign here\n"                    // 15
        "[dns:request]\n"                          // 16: unknown section
        "sig = whatever\n"                         // 17: skipped with the section
        "[mtu\n"                                   // 18: no ']'
        "[mtu]\n"                                  // 19
        "sig = 1500\n"                             // 20: before any MTU label
        "label = Ethernet\n"                       // 21
        "sig = 0\n"                                // 22: out of range
        "sig = 15o0\n"                             // 23
        "sig = 1500\n"                             // 24: fine
        "ua_os = Linux\n"                          // 25: only in [http:request]
        "[tcp:sideways]\n"                         // 26
        "[tcp:response]\n"                         // 27
        "label = s:unix:Linux:3.x\n"               // 28
        "sig = *:64:0:*:mss*10,0:mss:df:0\n");     // 29: fine
    std::vector<std::size_t> lines;
    for (const auto& diagnostic : load.diagnostics) {
        INFO(diagnostic.to_string());
        lines.push_back(diagnostic.line);
    }
    CHECK(lines == std::vector<std::size_t>{1, 4, 5, 6, 9, 12, 13, 14, 15, 16, 18, 20, 22, 23, 25, 26});
    CHECK_THAT(load.diagnostics[0].message, Catch::Contains("outside"));
    CHECK_THAT(load.diagnostics[1].message, Catch::Contains("before any 'label'"));
    CHECK_THAT(load.diagnostics[2].message, Catch::Contains("before the first section"));
    CHECK_THAT(load.diagnostics[3].message, Catch::Contains("signatures under this label are skipped"));
    CHECK_THAT(load.diagnostics[5].message, Catch::Contains("needs a 'sys' line"));
    CHECK_THAT(load.diagnostics[9].message, Catch::Contains("unknown section"));

    REQUIRE(load.database.syn_signatures().size() == 1);
    CHECK(load.database.syn_signatures()[0].line == 10);
    REQUIRE(load.database.mtu_signatures().size() == 1);
    CHECK(load.database.mtu_signatures()[0].line == 24);
    REQUIRE(load.database.syn_ack_signatures().size() == 1);
    CHECK(load.database.syn_ack_signatures()[0].line == 29);
}

TEST_CASE("Windows line endings and trailing blanks are accepted", "[fingerprint][p0f-database]") {
    const P0fDatabaseLoad load = parse(
        "classes = win\r\n[tcp:request]\r\nlabel = s:win:Windows:XP  \r\n"
        "sig = *:128:0:*:16384,0:mss,nop,nop,sok:df,id+:0 \r\n");
    CHECK(load.clean());
    REQUIRE(load.database.syn_signatures().size() == 1);
    CHECK(load.database.syn_signatures()[0].label.flavor == "XP");
}

TEST_CASE("a flood of bad lines is summarised, not listed in full", "[fingerprint][p0f-database]") {
    std::string garbage;
    for (int i = 0; i < 500; ++i) garbage += "\x01\x02 binary junk\n";
    const P0fDatabaseLoad load = parse(garbage);
    REQUIRE(load.diagnostics.size() == 101);
    CHECK(load.diagnostics.back().line == 0);
    CHECK_THAT(load.diagnostics.back().message, Catch::Contains("400 more problems"));
    CHECK(load.database.empty());
}

TEST_CASE("parsing from a stream", "[fingerprint][p0f-database]") {
    std::istringstream input(small_database);
    const P0fDatabaseLoad load = P0fDatabase::parse(input, "stream");
    CHECK(load.clean());
    CHECK(load.database.syn_signatures().size() == 4);
}

TEST_CASE("a missing file is a diagnostic, not an exception", "[fingerprint][p0f-database]") {
    P0fDatabaseLoad load;
    REQUIRE_NOTHROW(load = P0fDatabase::load_file("/nonexistent/p0f.fp"));
    REQUIRE(load.diagnostics.size() == 1);
    CHECK(load.diagnostics[0].line == 0);
    CHECK(load.diagnostics[0].source == "/nonexistent/p0f.fp");
    CHECK_THAT(load.diagnostics[0].to_string(), Catch::StartsWith("/nonexistent/p0f.fp: cannot open"));
    CHECK(load.database.empty());
}

TEST_CASE("the real p0f database parses without a single diagnostic", "[fingerprint][p0f-database]") {
    if (!file_exists(real_database_path)) {
        WARN("skipped: " << real_database_path << " is not installed (Debian package p0f)");
        return;
    }
    const P0fDatabaseLoad load = P0fDatabase::load_file(real_database_path);
    for (const auto& diagnostic : load.diagnostics) INFO(diagnostic.to_string());
    CHECK(load.clean());

    // p0f 3.09b's database (Debian 3.09b-3).
    const P0fDatabase& database = load.database;
    CHECK(database.classes() == std::vector<std::string>{"win", "unix", "other"});
    CHECK(database.syn_signatures().size() == 91);
    CHECK(database.syn_ack_signatures().size() == 101);
    CHECK(database.mtu_signatures().size() == 25);
    CHECK(database.syn_signatures().front().label.display_name() == "Linux 3.11 and newer");
    CHECK(database.link_for_mtu(1500) == std::optional<std::string>("Ethernet or modem"));
    CHECK(database.link_for_mtu(1492) == std::optional<std::string>("DSL"));
}

TEST_CASE("the built-in signatures parse cleanly", "[fingerprint][p0f-database]") {
    const P0fDatabaseLoad& load = builtin_signature_load();
    for (const auto& diagnostic : load.diagnostics) INFO(diagnostic.to_string());
    CHECK(load.clean());
    CHECK(load.database.source_name() == builtin_signature_source);
    CHECK(load.database.syn_signatures().size() >= 10);
    CHECK(load.database.syn_ack_signatures().size() >= 10);
    CHECK(load.database.link_for_mtu(1500) == std::optional<std::string>("Ethernet"));
    // The same text parsed again gives the same records.
    CHECK(P0fDatabase::parse_text(builtin_signature_text(), "again").database.syn_signatures().size() ==
          load.database.syn_signatures().size());
}

TEST_CASE("mangled copies of a database never throw", "[fingerprint][p0f-database]") {
    const std::string original = small_database;
    std::uint32_t state = 2024;
    const auto next = [&state] {
        state = state * 1103515245u + 12345u;
        return state >> 16;
    };
    const std::string alphabet = ":,=*+-%?[]!@ \n0123456789abcdefgmstuwx";
    for (int round = 0; round < 500; ++round) {
        std::string mangled = original;
        for (int edit = 0; edit < 8; ++edit) {
            mangled[next() % mangled.size()] = alphabet[next() % alphabet.size()];
        }
        REQUIRE_NOTHROW(parse(mangled));
    }
}
