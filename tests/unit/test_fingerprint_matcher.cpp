// p0f v3's matching rules (fp_tcp.c), on small hand-written databases.

#include <catch2/catch.hpp>

#include <string>

#include "expert/fingerprint/p0f_database.h"
#include "expert/fingerprint/tcp_signature_matcher.h"

using namespace mssck::fingerprint;

namespace {

P0fDatabase database_of(const std::string& signatures) {
    const P0fDatabaseLoad load =
        P0fDatabase::parse_text("classes = win,unix,other\n[tcp:request]\n" + signatures, "m.fp");
    for (const auto& diagnostic : load.diagnostics) FAIL(diagnostic.to_string());
    return load.database;
}

// A Linux-like SYN: 4:64+0:0:1460:mss*20,7:mss,sok,ts,nop,ws:df,id+:0
ObservedSignature linux_syn() {
    ObservedSignature observed;
    observed.ip_version = IpVersion::v4;
    observed.ttl = 64;
    observed.mss = 1460;
    observed.window = 29200;
    observed.window_scale = 7;
    observed.options.kinds = {2, 4, 8, 1, 3};
    observed.quirks = {Quirk::dont_fragment, Quirk::nonzero_ip_id};
    observed.own_timestamp = 12345;
    observed.total_header_length = 60;
    return observed;
}

std::string matched_name(const TcpMatch& match) {
    return match.matched() ? match.record->label.display_name() : "none";
}

TcpMatch match(const ObservedSignature& observed, const P0fDatabase& database) {
    return match_tcp_signature(observed, database.syn_signatures());
}

}  // namespace

TEST_CASE("a specific exact match beats earlier generic and fuzzy ones", "[fingerprint][matcher]") {
    const P0fDatabase database = database_of(
        "label = g:unix:Linux:generic\n"
        "sig = *:64:0:*:*,*:mss,sok,ts,nop,ws:df,id+:0\n"
        "label = s:unix:Linux:fuzzy only\n"  // TTL 64 is above 32
        "sig = *:32:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n"
        "label = s:unix:Linux:specific\n"
        "sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n");
    const TcpMatch result = match(linux_syn(), database);
    CHECK(matched_name(result) == "Linux specific");
    CHECK_FALSE(result.fuzzy);
    CHECK_FALSE(result.generic());
    CHECK(result.distance == 0);
}

TEST_CASE("the first exact generic match beats any fuzzy match", "[fingerprint][matcher]") {
    const P0fDatabase database = database_of(
        "label = s:unix:Linux:fuzzy\n"
        "sig = *:32:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n"
        "label = g:unix:Linux:first generic\n"
        "sig = *:64:0:*:*,7:mss,sok,ts,nop,ws:df,id+:0\n"
        "label = g:unix:Linux:second generic\n"
        "sig = *:64:0:*:*,*:mss,sok,ts,nop,ws:df,id+:0\n");
    const TcpMatch result = match(linux_syn(), database);
    CHECK(matched_name(result) == "Linux first generic");
    CHECK(result.generic());
    CHECK_FALSE(result.fuzzy);
}

TEST_CASE("fuzzy matches tolerate only p0f's quirk changes", "[fingerprint][matcher]") {
    const P0fDatabase database = database_of(
        "label = s:unix:Linux:x\n"
        "sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n");
    ObservedSignature observed = linux_syn();

    SECTION("df and id+ may vanish") {
        observed.quirks = {};
        CHECK(match(observed, database).fuzzy);
    }
    SECTION("id- and ecn may appear") {
        observed.quirks = {Quirk::nonzero_ip_id, Quirk::zero_ip_id, Quirk::ecn};
        CHECK(match(observed, database).fuzzy);
    }
    SECTION("any other quirk appearing rules the signature out") {
        observed.quirks.insert(Quirk::push_flag);
        CHECK_FALSE(match(observed, database).matched());
    }
    SECTION("any other quirk vanishing rules it out too") {
        const P0fDatabase with_ts1 = database_of(
            "label = s:win:Windows:XP\n"
            "sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+,ts1-:0\n");
        CHECK_FALSE(match(observed, with_ts1).matched());
    }
}

TEST_CASE("TTLs out of range only match fuzzily, with a guessed distance", "[fingerprint][matcher]") {
    const P0fDatabase database = database_of(
        "label = s:unix:Linux:x\n"
        "sig = *:64:0:*:*,7:mss,sok,ts,nop,ws:df,id+:0\n");
    ObservedSignature observed = linux_syn();

    observed.ttl = 29;  // 35 hops: still exact
    TcpMatch result = match(observed, database);
    CHECK_FALSE(result.fuzzy);
    CHECK(result.distance == 35);

    observed.ttl = 28;  // 36 hops: too far; p0f guesses 32 - 28
    result = match(observed, database);
    CHECK(result.fuzzy);
    CHECK(result.distance == 4);

    observed.ttl = 100;  // above the initial TTL
    result = match(observed, database);
    CHECK(result.fuzzy);
    CHECK(result.distance == 28);
}

TEST_CASE("randomized TTLs give an upper bound and never fuzz", "[fingerprint][matcher]") {
    const P0fDatabase database = database_of(
        "label = s:!:NMap:SYN scan\n"
        "sys = @unix,@win\n"
        "sig = *:64-:0:1460:1024,0:mss::0\n");
    ObservedSignature scan;
    scan.ttl = 20;
    scan.mss = 1460;
    scan.window = 1024;
    scan.options.kinds = {2};
    scan.quirks = {Quirk::zero_ip_id};  // not in the signature: no fuzzy for tools

    CHECK_FALSE(match(scan, database).matched());
    scan.quirks = {};
    TcpMatch result = match(scan, database);
    CHECK(matched_name(result) == "NMap SYN scan");
    CHECK(result.distance == 44);  // more than 35, but exact: TTL is random
    CHECK(result.distance_is_upper_bound);

    scan.ttl = 65;
    CHECK_FALSE(match(scan, database).matched());
}

TEST_CASE("signatures for both IP versions drop the other version's quirks", "[fingerprint][matcher]") {
    const P0fDatabase database = database_of(
        "label = s:unix:Linux:both\n"
        "sig = *:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+,flow:0\n");
    ObservedSignature v4 = linux_syn();
    CHECK_FALSE(match(v4, database).fuzzy);
    CHECK(match(v4, database).matched());

    ObservedSignature v6 = linux_syn();
    v6.ip_version = IpVersion::v6;
    v6.mss = 1440;
    v6.window = 28800;
    v6.quirks = {Quirk::flow_label};
    CHECK(match(v6, database).matched());
    CHECK_FALSE(match(v6, database).fuzzy);

    v6.quirks = {};  // no flow label: 'flow' vanishing is not tolerated
    CHECK_FALSE(match(v6, database).matched());
}

TEST_CASE("version-specific signatures are not tried on the other version", "[fingerprint][matcher]") {
    const P0fDatabase database = database_of(
        "label = s:unix:Linux:v4\n"
        "sig = 4:64:0:*:mss*20,7:mss,sok,ts,nop,ws:df,id+:0\n"
        "label = s:unix:Linux:v6\n"
        "sig = 6:64:0:*:mss*20,7:mss,sok,ts,nop,ws::0\n");
    ObservedSignature v6 = linux_syn();
    v6.ip_version = IpVersion::v6;
    v6.quirks = {};
    CHECK(matched_name(match(v6, database)) == "Linux v6");
    CHECK(matched_name(match(linux_syn(), database)) == "Linux v4");
}

TEST_CASE("window rules", "[fingerprint][matcher]") {
    ObservedSignature observed = linux_syn();
    const auto matches = [&](const std::string& window) {
        return match(observed, database_of("label = s:unix:X:\nsig = *:64:0:*:" + window +
                                           ",7:mss,sok,ts,nop,ws:df,id+:0\n"))
            .matched();
    };
    CHECK(matches("29200"));
    CHECK_FALSE(matches("29201"));
    CHECK(matches("*"));
    CHECK(matches("%7300"));
    CHECK_FALSE(matches("%7301"));
    CHECK(matches("mss*20"));
    CHECK_FALSE(matches("mss*10"));
    CHECK_FALSE(matches("mtu*20"));

    observed.window = 3000;  // 2 x (MSS + 40)
    CHECK(matches("mtu*2"));
    CHECK_FALSE(matches("mss*2"));
}

TEST_CASE("fixed fields must agree exactly", "[fingerprint][matcher]") {
    const ObservedSignature observed = linux_syn();
    const auto matches = [&](const std::string& signature) {
        return match(observed, database_of("label = s:unix:X:\nsig = " + signature + "\n")).matched();
    };
    CHECK(matches("*:64:0:1460:29200,7:mss,sok,ts,nop,ws:df,id+:0"));
    CHECK_FALSE(matches("*:64:0:1400:29200,7:mss,sok,ts,nop,ws:df,id+:0"));  // MSS
    CHECK_FALSE(matches("*:64:0:*:29200,8:mss,sok,ts,nop,ws:df,id+:0"));     // scale
    CHECK_FALSE(matches("*:64:4:*:29200,7:mss,sok,ts,nop,ws:df,id+:0"));     // IP options
    CHECK_FALSE(matches("*:64:0:*:29200,7:mss,sok,ts,ws:df,id+:0"));         // layout
    CHECK_FALSE(matches("*:64:0:*:29200,7:mss,sok,ts,nop,ws,eol+0:df,id+:0"));
    CHECK_FALSE(matches("*:64:0:*:29200,7:mss,sok,ts,nop,ws:df,id+:+"));     // payload
    CHECK(matches("*:64:0:*:29200,7:mss,sok,ts,nop,ws:df,id+:*"));

    ObservedSignature padded = observed;
    padded.options.kinds.push_back(0);
    padded.options.eol_padding = 2;
    CHECK(match(padded, database_of("label = s:unix:X:\nsig = *:64:0:*:*,*:mss,sok,ts,nop,ws,eol+2:df,id+:0\n"))
              .matched());
    CHECK_FALSE(match(padded, database_of("label = s:unix:X:\nsig = *:64:0:*:*,*:mss,sok,ts,nop,ws,eol+1:df,id+:0\n"))
                    .matched());
}

TEST_CASE("no match still reports a guessed distance", "[fingerprint][matcher]") {
    ObservedSignature observed = linux_syn();
    observed.ttl = 118;
    const TcpMatch result = match(observed, database_of("label = s:win:Windows:XP\nsig = *:128:0:*:*,*:mss::0\n"));
    CHECK_FALSE(result.matched());
    CHECK(result.distance == 10);
    CHECK(match_tcp_signature(observed, {}).distance == 10);
}
