"""mssck over the real third-party captures in ../shared/captures, when that
folder is there (skipped otherwise; the files are never copied into the
repository). Every capture: no crash, no dissector bug, and the same
output in single-pass and -2 mode. Some captures: exact facts, taken from
their PROVENANCE.tsv descriptions and checked by hand against tshark."""
import collections
import glob
import ipaddress
import os
import unittest

from tshark_harness import TsharkTestCase

SHARED = os.environ.get("MSSCK_SHARED_CAPTURES", "")
CONSISTENCY_FIELDS = ["frame.number", "mssck.sender_mss", "mssck.peer_mss", "mssck.limit", "mssck.excess",
                      "mssck.violation", "mssck.offload", "mssck.mss_changed", "mssck.mss_default"]


def capture(name):
    return os.path.join(SHARED, name)


def endpoint(address, port):
    return f"{ipaddress.ip_address(address.strip('[]'))}:{port}"


def wireshark_streams(tshark, path):
    """{tcp.stream: {endpoint, endpoint}} of the streams with segments of
    their own (not quoted in an ICMP error) from both sides, which are what
    mssck's table lists: the innermost IP header's addresses, as in a
    tunnel."""
    senders = {}
    rows = tshark.fields(path, ["frame.protocols", "tcp.stream", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
                                "tcp.srcport", "tcp.dstport"], display_filter="tcp && !icmp && !icmpv6")
    for protocols, stream, ip_src, ip_dst, ipv6_src, ipv6_dst, src_port, dst_port in rows:
        last = lambda values: values.split(",")[-1]  # noqa: E731
        layers = protocols.split(":")
        innermost_v6 = "ipv6" in layers and ("ip" not in layers or
                                             max(i for i, p in enumerate(layers) if p == "ipv6") >
                                             max(i for i, p in enumerate(layers) if p == "ip"))
        src, dst = (ipv6_src, ipv6_dst) if innermost_v6 else (ip_src, ip_dst)
        senders.setdefault(int(last(stream)), set()).add(endpoint(last(src), last(src_port)))
    return {stream: ends for stream, ends in senders.items() if len(ends) == 2}


def mssck_streams(tshark, path):
    """{stream: {endpoint A, endpoint B}} of mssck's conversation table."""
    out, _ = tshark.run(["-r", tshark.readable(path), "-q", "-z", "mssck,conv"])
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Stream |"))
    streams = {}
    for line in lines[header + 2:]:
        cells = [c.strip() for c in line.split("|")]
        if line.startswith("=====") or cells[1].startswith("TOTAL"):
            break
        streams[int(cells[0])] = {endpoint(*cell.rsplit(":", 1)) for cell in cells[1:3]}
    return streams


@unittest.skipUnless(os.path.isdir(SHARED), f"no shared captures at {SHARED!r}")
class SharedCaptures(TsharkTestCase):
    def rows(self, name, fields, display_filter=None, options=()):
        return self.tshark.fields(capture(name), fields, display_filter=display_filter, options=options)

    def count(self, name, display_filter, options=()):
        return len(self.rows(name, ["frame.number"], display_filter, options))

    def test_every_capture_reads_cleanly_and_alike_in_both_modes(self):
        captures = sorted(glob.glob(os.path.join(SHARED, "*.pcap*")))
        self.assertGreater(len(captures), 40)
        for path in captures:
            with self.subTest(capture=os.path.basename(path)):
                single = self.tshark.fields(path, CONSISTENCY_FIELDS)
                double = self.tshark.fields(path, CONSISTENCY_FIELDS, two_pass=True)
                self.assertEqual(single, double)

    def test_handshake_records_each_sides_mss(self):
        rows = self.rows("chrissanders_packets__tcp_handshake.pcapng",
                         ["frame.number", "mssck.sender_mss", "mssck.peer_mss", "mssck.peer_mss.frame"])
        self.assertEqual(rows, [["1", "1460", "", ""], ["2", "1406", "1460", "1"], ["3", "1460", "1406", "2"]])

    def test_gro_and_tso_segments_are_offload_not_violation(self):
        # PROVENANCE: segments above the peer's MSS, all far above the sender's own.
        for name, oversized in [("OISF_suricata-verify__tests_pgsql_pgsql-5000-query-results_input.pcap", 380),
                                ("packetpioneer_youtube__Lab1-GreerBombal_ItsNotTheNetwork.pcapng", 17),
                                ("OISF_suricata-verify__tests_tls_tls-certs-alert_input.pcap", 2),
                                ("OISF_suricata-verify__tests_file-match-crossed_http-multipart-post.pcap", 16),
                                ("ntop_nDPI__tests_cfgs_default_pcap_6in4tunnel.pcap", 2),
                                ("ntop_nDPI__tests_cfgs_default_pcap_ultrasurf.pcap", 11)]:
            with self.subTest(capture=name):
                self.assertEqual(self.count(name, "mssck.violation"), 0)
                self.assertEqual(self.count(name, "mssck.offload"), oversized)
                self.assertEqual(self.count(name, "mssck.offload && mssck.violation"), 0)

    def test_single_gso_frames_need_an_mss_to_judge(self):
        name = "the-tcpdump-group_tcpdump__tests_gso-ipv4.pcap"
        self.assertEqual(self.count(name, "mssck.limit"), 0)
        self.assertEqual(self.count(name, "mssck.offload || mssck.violation"), 0)
        # With an assumed MSS the 7240-byte segment is judged, as an artifact.
        rows = self.rows(name, ["tcp.len", "mssck.peer_mss.source", "mssck.offload", "mssck.offload.evidence"],
                         options=["mssck.assumed_mss:1460"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][0], "7240")
        self.assertTrue(rows[0][1].startswith("assumed"))
        self.assertEqual(rows[0][2], "1")
        self.assertIn("IP packet above 1500 bytes", rows[0][3])

    def test_tso_frame_with_ip_length_zero(self):
        rows = self.rows("dotpcap_packetnet__Test_CaptureFiles_ipv4_tso_frame.pcap",
                         ["tcp.len", "mssck.offload", "mssck.offload.evidence"],
                         options=["mssck.assumed_mss:1460"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][:2], ["5808", "1"])
        self.assertTrue(rows[0][2].startswith("IP total length 0,"), rows[0][2])

    def test_tcp_quoted_in_icmp_errors_is_not_a_segment(self):
        name = "OISF_suricata-verify__tests_bug-3616-smtp_input.pcap"
        self.assertEqual(self.count(name, "icmp.type == 3 && icmp.code == 4"), 4)
        # The ICMP frames get the ICMP's fields, never a segment's.
        self.assertEqual(self.count(name, "icmp && (mssck.sender_mss || mssck.limit || mssck.peer_mss)"), 0)
        self.assertEqual(self.count(name, "icmp && mssck.icmp.stream == 0"), 4)

    def test_icmp_too_big_is_tied_to_its_stream_and_segment(self):
        rows = self.rows("OISF_suricata-verify__tests_bug-3616-smtp_input.pcap",
                         ["frame.number", "mssck.icmp.stream", "mssck.icmp.mtu", "mssck.icmp.frame"], "icmp")
        self.assertEqual(rows, [["26", "0", "1492", "22"], ["28", "0", "1492", "23"],
                                ["29", "0", "1492", "24"], ["30", "0", "1492", "25"]])
        honoured = self.rows("OISF_suricata-verify__tests_bug-3616-smtp_input.pcap",
                             ["frame.number", "tcp.len"], "mssck.icmp.honored")
        self.assertEqual(honoured, [["27", "1452"]])
        # ICMPv6 Packet Too Big inside a 6in4 tunnel.
        rows = self.rows("ntop_nDPI__tests_cfgs_default_pcap_6in4tunnel.pcap",
                         ["frame.number", "mssck.icmp.stream", "mssck.icmp.mtu", "mssck.icmp.frame"], "icmpv6.type == 2")
        self.assertEqual(rows, [["45", "1", "1460", "36"]])

    def test_repeated_retransmission_of_a_full_segment_is_a_black_hole(self):
        rows = self.rows("OISF_suricata-verify__tests_ssh-hassh-incomplete_input.pcap",
                         ["frame.number", "mssck.icmp.missing", "mssck.pmtu.high"], "mssck.blackhole")
        # The head-of-line 1492-byte packet; a 580-byte one waits behind it.
        self.assertEqual(rows, [["12", "1", "1492"]])

    def test_a_segment_in_ip_fragments_gets_a_note(self):
        rows = self.rows("zeek_zeek__testing_btest_Traces_ipv4_fragmented-syn.pcap",
                         ["frame.number", "ip.frag_offset", "mssck.ip_fragmented"], "mssck.ip_fragmented")
        self.assertEqual(rows, [["2", "3", "1"]])

    def test_tunnels_give_the_inner_conversation(self):
        # 6in4: IPv6 TCP inside IPv4; the MSS values are the inner handshake's.
        rows = self.rows("ntop_nDPI__tests_cfgs_default_pcap_6in4tunnel.pcap",
                         ["tcp.stream", "mssck.sender_mss", "mssck.peer_mss"], display_filter="tcp.stream == 1")
        self.assertIn(["1", "1440", "1410"], rows)
        self.assertIn(["1", "1410", "1440"], rows)
        for name, values in [("ntop_nDPI__tests_cfgs_default_pcap_vxlan.pcap", {"1392", "1410"}),
                             ("arkime_arkime__tests_pcap_pppoe.pcap", {"1360", "1410"}),
                             ("OISF_suricata-verify__tests_bug-2576-02_temp1.pcap", {"1360"})]:
            with self.subTest(capture=name):
                seen = {row[0] for row in self.rows(name, ["mssck.sender_mss"], "mssck.sender_mss")}
                self.assertEqual(seen, values)

    def test_conversation_table_streams_are_wiresharks(self):
        # mssck takes each segment's tcp.stream from the TCP dissector's
        # conversation, remembered per flow (plugin/tcp_stream.cpp): every
        # stream with a segment has one row in its table, between the
        # endpoints Wireshark gives it. Tunnels, port reuse
        # (base64-decode-5885, gtp-iphone) and ICMP quotes included.
        for path in sorted(glob.glob(os.path.join(SHARED, "*.pcap*"))):
            with self.subTest(capture=os.path.basename(path)):
                self.assertEqual(mssck_streams(self.tshark, path), wireshark_streams(self.tshark, path))

    def test_no_violation_where_every_sender_kept_to_the_mss(self):
        # Captures whose PROVENANCE lists no segment above the peer's MSS.
        quiet = ["chrissanders_packets__tcp_handshake.pcapng", "arkime_arkime__tests_pcap_pppoe.pcap",
                 "ntop_nDPI__tests_cfgs_default_pcap_vxlan.pcap", "zeek_zeek__testing_btest_Traces_smtp.pcap",
                 "OISF_suricata-verify__tests_bug-4810_pppoe-session-http.pcap"]
        for name in quiet:
            with self.subTest(capture=name):
                self.assertEqual(self.count(name, "mssck.violation || mssck.offload"), 0)


if __name__ == "__main__":
    unittest.main()
