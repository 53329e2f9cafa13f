// Reading single p0f v3 "sig =" and "label =" values into typed records.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "expert/fingerprint/p0f_label_text.h"
#include "expert/fingerprint/tcp_signature_text.h"

using namespace mssck::fingerprint;

namespace {

TcpSignature parsed(const std::string& text) {
    const TcpSignatureParse result = parse_tcp_signature(text);
    INFO(text << " -> " << result.error);
    REQUIRE(result.signature.has_value());
    return *result.signature;
}

std::string error_of(const std::string& text) {
    const TcpSignatureParse result = parse_tcp_signature(text);
    INFO(text);
    REQUIRE_FALSE(result.signature.has_value());
    REQUIRE_FALSE(result.error.empty());
    return result.error;
}

// A valid signature with one field replaced.
std::string with_field(int index, const std::string& value) {
    std::vector<std::string> fields = {"*", "64", "0", "*", "mss*20,10", "mss,sok,ts,nop,ws",
                                       "df,id+", "0"};
    fields[index] = value;
    std::string text;
    for (const auto& field : fields) text += (text.empty() ? "" : ":") + field;
    return text;
}

}  // namespace

TEST_CASE("a typical p0f signature is read into typed fields", "[fingerprint][p0f-text]") {
    const TcpSignature signature = parsed("*:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+:0");
    CHECK(signature.ip_version == IpVersionRule::any);
    CHECK(signature.initial_ttl == 64);
    CHECK_FALSE(signature.randomized_ttl);
    CHECK(signature.ip_options_length == 0);
    CHECK_FALSE(signature.mss.has_value());
    CHECK(signature.window == WindowSpec{WindowRule::mss_multiple, 20});
    CHECK(signature.window_scale == 10);
    CHECK(signature.options.kinds == std::vector<std::uint8_t>{2, 4, 8, 1, 3});
    CHECK(signature.options.eol_padding == 0);
    CHECK(signature.quirks == QuirkSet{Quirk::dont_fragment, Quirk::nonzero_ip_id});
    CHECK(signature.payload == PayloadRule::zero);
}

TEST_CASE("IP version field: 4, 6 or *", "[fingerprint][p0f-text]") {
    CHECK(parsed(with_field(0, "4")).ip_version == IpVersionRule::v4_only);
    CHECK(parsed("6:64:0:*:mss*20,10:mss,sok,ts,nop,ws:flow:0").ip_version == IpVersionRule::v6_only);
    CHECK(parsed(with_field(0, "*")).ip_version == IpVersionRule::any);
    CHECK_THAT(error_of(with_field(0, "5")), Catch::Contains("IP version"));
}

TEST_CASE("initial TTL field: plain, randomized and observed+distance", "[fingerprint][p0f-text]") {
    CHECK(parsed(with_field(1, "128")).initial_ttl == 128);

    const TcpSignature random = parsed(with_field(1, "64-"));
    CHECK(random.initial_ttl == 64);
    CHECK(random.randomized_ttl);

    // The form p0f itself suggests for new signatures: 54 seen, 10 hops.
    const TcpSignature summed = parsed(with_field(1, "54+10"));
    CHECK(summed.initial_ttl == 64);
    CHECK_FALSE(summed.randomized_ttl);

    CHECK(parsed(with_field(1, "1")).initial_ttl == 1);
    CHECK(parsed(with_field(1, "255")).initial_ttl == 255);
    CHECK_THAT(error_of(with_field(1, "0")), Catch::Contains("initial TTL"));
    CHECK_THAT(error_of(with_field(1, "256")), Catch::Contains("initial TTL"));
    CHECK_THAT(error_of(with_field(1, "250+10")), Catch::Contains("at most 255"));
    CHECK_THAT(error_of(with_field(1, "54+?")), Catch::Contains("unknown distance"));
    CHECK_THAT(error_of(with_field(1, "-")), Catch::Contains("initial TTL"));
    CHECK_THAT(error_of(with_field(1, "sixty")), Catch::Contains("initial TTL"));
}

TEST_CASE("IP options length and MSS fields", "[fingerprint][p0f-text]") {
    CHECK(parsed(with_field(2, "4")).ip_options_length == 4);
    CHECK_THAT(error_of(with_field(2, "256")), Catch::Contains("IP options length"));
    CHECK_THAT(error_of(with_field(2, "*")), Catch::Contains("IP options length"));

    CHECK(parsed(with_field(3, "1460")).mss == 1460);
    CHECK(parsed(with_field(3, "0")).mss == 0);
    CHECK_FALSE(parsed(with_field(3, "*")).mss.has_value());
    CHECK_THAT(error_of(with_field(3, "65536")), Catch::Contains("MSS"));
    CHECK_THAT(error_of(with_field(3, "")), Catch::Contains("MSS"));
}

TEST_CASE("window size forms: number, *, %N, mss*N, mtu*N", "[fingerprint][p0f-text]") {
    CHECK(parsed(with_field(4, "8192,8")).window == WindowSpec{WindowRule::exact, 8192});
    CHECK(parsed(with_field(4, "0,0")).window == WindowSpec{WindowRule::exact, 0});
    CHECK(parsed(with_field(4, "*,*")).window.rule == WindowRule::any);
    CHECK(parsed(with_field(4, "%8192,0")).window == WindowSpec{WindowRule::modulo, 8192});
    CHECK(parsed(with_field(4, "mss*44,7")).window == WindowSpec{WindowRule::mss_multiple, 44});
    CHECK(parsed(with_field(4, "mtu*2,0")).window == WindowSpec{WindowRule::mtu_multiple, 2});
    CHECK(parsed(with_field(4, "mss*1000,0")).window.value == 1000);

    CHECK_THAT(error_of(with_field(4, "%1,0")), Catch::Contains("window size"));
    CHECK_THAT(error_of(with_field(4, "mss*0,0")), Catch::Contains("window size"));
    CHECK_THAT(error_of(with_field(4, "mss*1001,0")), Catch::Contains("window size"));
    CHECK_THAT(error_of(with_field(4, "65536,0")), Catch::Contains("window size"));
    CHECK_THAT(error_of(with_field(4, "mss20,0")), Catch::Contains("window size"));
    CHECK_THAT(error_of(with_field(4, "8192")), Catch::Contains("wsize,scale"));
    CHECK_THAT(error_of(with_field(4, "8192,8,8")), Catch::Contains("wsize,scale"));
}

TEST_CASE("window scale: number or *", "[fingerprint][p0f-text]") {
    CHECK(parsed(with_field(4, "*,14")).window_scale == 14);
    CHECK(parsed(with_field(4, "*,255")).window_scale == 255);
    CHECK_FALSE(parsed(with_field(4, "*,*")).window_scale.has_value());
    CHECK_THAT(error_of(with_field(4, "*,256")), Catch::Contains("window scale"));
    CHECK_THAT(error_of(with_field(4, "*,")), Catch::Contains("window scale"));
}

TEST_CASE("option layout tokens", "[fingerprint][p0f-text]") {
    const TcpSignature every = parsed(with_field(5, "mss,nop,ws,sok,sack,ts,?30,eol+3"));
    CHECK(every.options.kinds == std::vector<std::uint8_t>{2, 1, 3, 4, 5, 8, 30, 0});
    CHECK(every.options.eol_padding == 3);
    CHECK(to_p0f_text(every.options) == "mss,nop,ws,sok,sack,ts,?30,eol+3");

    const TcpSignature none = parsed(with_field(5, ""));
    CHECK(none.options.kinds.empty());

    CHECK(parsed(with_field(5, "sok,ts,ws,eol+0")).options.eol_padding == 0);

    CHECK_THAT(error_of(with_field(5, "eol+1,mss")), Catch::Contains("EOL must be the last"));
    CHECK_THAT(error_of(with_field(5, "eol")), Catch::Contains("unrecognized TCP option"));
    CHECK_THAT(error_of(with_field(5, "eol+256")), Catch::Contains("EOL padding"));
    CHECK_THAT(error_of(with_field(5, "mss,,ws")), Catch::Contains("unrecognized TCP option ''"));
    CHECK_THAT(error_of(with_field(5, "mss,wscale")), Catch::Contains("'wscale'"));
    CHECK_THAT(error_of(with_field(5, "?256")), Catch::Contains("?N"));
    CHECK_THAT(error_of(with_field(5, "?")), Catch::Contains("?N"));

    std::string too_many = "nop";
    for (int i = 1; i < 25; ++i) too_many += ",nop";
    CHECK_THAT(error_of(with_field(5, too_many)), Catch::Contains("at most 24"));
}

TEST_CASE("every quirk token is understood", "[fingerprint][p0f-text]") {
    const TcpSignature signature = parsed(with_field(
        6, "df,id+,id-,ecn,0+,flow,seq-,ack+,ack-,uptr+,urgf+,pushf+,ts1-,ts2+,opt+,exws,bad"));
    for (unsigned i = 0; i < quirk_count; ++i) {
        CHECK(signature.quirks.contains(static_cast<Quirk>(i)));
    }
    CHECK(to_p0f_text(signature.quirks) ==
          "df,id+,id-,ecn,0+,flow,seq-,ack+,ack-,uptr+,urgf+,pushf+,ts1-,ts2+,opt+,exws,bad");
    CHECK(parsed(with_field(6, "")).quirks.empty());
}

TEST_CASE("quirks that cannot occur in the signature's IP version are rejected",
          "[fingerprint][p0f-text]") {
    CHECK_THAT(error_of("6:64:0:*:*,*:mss:df:0"), Catch::Contains("IPv6"));
    CHECK_THAT(error_of("6:64:0:*:*,*:mss:id-:0"), Catch::Contains("IPv6"));
    CHECK_THAT(error_of("6:64:0:*:*,*:mss:0+:0"), Catch::Contains("IPv6"));
    CHECK_THAT(error_of("4:64:0:*:*,*:mss:flow:0"), Catch::Contains("IPv4"));
    // For both versions, each quirk applies to the version that has it.
    CHECK(parsed("*:64:0:*:*,*:mss:df,id+,flow:0").quirks.contains(Quirk::flow_label));
    CHECK_THAT(error_of(with_field(6, "df,bogus")), Catch::Contains("'bogus'"));
    CHECK_THAT(error_of(with_field(6, "df,")), Catch::Contains("unrecognized quirk"));
}

TEST_CASE("payload class: 0, + or *", "[fingerprint][p0f-text]") {
    CHECK(parsed(with_field(7, "0")).payload == PayloadRule::zero);
    CHECK(parsed(with_field(7, "+")).payload == PayloadRule::nonzero);
    CHECK(parsed(with_field(7, "*")).payload == PayloadRule::any);
    CHECK_THAT(error_of(with_field(7, "1")), Catch::Contains("payload class"));
}

TEST_CASE("a signature needs exactly eight fields", "[fingerprint][p0f-text]") {
    CHECK_THAT(error_of("*:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+"), Catch::Contains("found 7"));
    CHECK_THAT(error_of("*:64:0:*:mss*20,10:mss:df:0:0"), Catch::Contains("found 9"));
    CHECK_THAT(error_of(""), Catch::Contains("found 1"));
}

TEST_CASE("signatures print back in p0f's form", "[fingerprint][p0f-text]") {
    for (const char* text : {"*:64:0:*:mss*20,10:mss,sok,ts,nop,ws:df,id+:0",
                             "4:128:0:1460:mtu*2,0:mss,nop,ws::0",
                             "*:64-:0:1460:3,10:ws,nop,mss,sok,nop,nop:ecn,uptr+:0",
                             "6:64:4:*:%512,*::flow:*", "*:192:0:1331:1337,5:mss,ws,nop,eol+15::+"}) {
        CHECK(to_p0f_text(parsed(text)) == text);
    }
}

TEST_CASE("labels are read into type, class, name and flavor", "[fingerprint][p0f-text]") {
    const std::vector<std::string> classes = {"win", "unix", "other"};

    const LabelParse linux_label = parse_tcp_label("s:unix:Linux:3.11 and newer", classes);
    REQUIRE(linux_label.label);
    CHECK_FALSE(linux_label.label->generic);
    CHECK(linux_label.label->os_class == "unix");
    CHECK(linux_label.label->name == "Linux");
    CHECK(linux_label.label->flavor == "3.11 and newer");
    CHECK(linux_label.label->display_name() == "Linux 3.11 and newer");

    const LabelParse mac = parse_tcp_label("g:UNIX:Mac OS X:", classes);
    REQUIRE(mac.label);
    CHECK(mac.label->generic);
    CHECK(mac.label->flavor.empty());
    CHECK(mac.label->display_name() == "Mac OS X");

    const LabelParse nmap = parse_tcp_label("s:!:NMap:SYN scan", classes);
    REQUIRE(nmap.label);
    CHECK(nmap.label->is_application());

    // Everything after the name belongs to the flavor, colons included.
    const LabelParse colon = parse_tcp_label("s:other:Thing:v1:beta", classes);
    REQUIRE(colon.label);
    CHECK(colon.label->flavor == "v1:beta");
}

TEST_CASE("malformed labels are rejected with a reason", "[fingerprint][p0f-text]") {
    const std::vector<std::string> classes = {"win", "unix"};
    CHECK_THAT(parse_tcp_label("x:unix:Linux:2.6", classes).error, Catch::Contains("'s:'"));
    CHECK_THAT(parse_tcp_label("s:beos:BeOS:5", classes).error, Catch::Contains("not listed"));
    CHECK_THAT(parse_tcp_label("s:unix", classes).error, Catch::Contains("type:class:name:flavor"));
    CHECK_THAT(parse_tcp_label("s:unix:Linux", classes).error, Catch::Contains("type:class:name:flavor"));
    CHECK_THAT(parse_tcp_label("s:unix::2.6", classes).error, Catch::Contains("label name"));
    CHECK_THAT(parse_tcp_label("s:unix:Lin*ux:2.6", classes).error, Catch::Contains("label name"));
    CHECK_THAT(parse_tcp_label("s:!x:Tool:1", classes).error, Catch::Contains("label class"));
}

TEST_CASE("class and sys lists", "[fingerprint][p0f-text]") {
    const NameListParse classes = parse_class_list("win,unix, other");
    REQUIRE(classes.names);
    CHECK(*classes.names == std::vector<std::string>{"win", "unix", "other"});
    CHECK_FALSE(parse_class_list("win,,unix").names);
    CHECK_FALSE(parse_class_list("win,un-ix").names);

    const NameListParse systems = parse_system_list("Windows,@unix,Mac OS X", *classes.names);
    REQUIRE(systems.names);
    CHECK(*systems.names == std::vector<std::string>{"Windows", "@unix", "Mac OS X"});
    CHECK_THAT(parse_system_list("@beos", *classes.names).error, Catch::Contains("not listed"));
    CHECK_FALSE(parse_system_list("", *classes.names).names);
}
