"""What each lab scenario must show, checked against tshark's own fields,
whatever the expected files say. The scenarios and their captures are
described in testdata/<name>.txt (made by tests/lab/mssck-lab)."""
import os
import unittest

from lab_fields import capture_path, frames
from tshark_harness import TsharkTestCase

SEGMENT_FIELDS = ["frame.number", "ip.src", "ipv6.src", "tcp.len", "tcp.hdr_len", "mssck.peer_mss",
                  "mssck.limit", "mssck.violation", "mssck.offload", "mssck.excess"]
LAB_CAPTURES = sorted(name[:-5] for name in os.listdir(os.path.dirname(capture_path("x")))
                      if name.endswith(".pcap"))


class LabScenarios(TsharkTestCase):
    def rows(self, name, fields=SEGMENT_FIELDS, display_filter=None):
        return frames(self.tshark, name, fields, display_filter=display_filter)

    def count(self, name, display_filter):
        return len(self.rows(name, ["frame.number"], display_filter))

    def test_lab_captures_are_there(self):
        for name in ["healthy", "asymmetric-mss", "mss512", "tso-sender", "mss-clamp"]:
            self.assertIn(name, LAB_CAPTURES)

    def test_mss512_every_oversized_segment_and_no_other_is_a_violation(self):
        rows = [row for row in self.rows("mss512") if row["tcp.len"] not in ("", "0")]
        self.assertTrue(rows)
        oversized = 0
        for row in rows:
            with self.subTest(frame=row["frame.number"]):
                # The limit from tshark's own fields: the peer's MSS less this segment's options.
                options = int(row["tcp.hdr_len"]) - 20
                if row["ip.src"] == "192.0.2.2":
                    self.assertEqual(row["mssck.peer_mss"], "512")
                    self.assertEqual(row["mssck.limit"], str(512 - options))
                above = int(row["tcp.len"]) > int(row["mssck.limit"])
                self.assertEqual(row["mssck.violation"] == "1", above)
                if above:
                    oversized += 1
                    self.assertEqual(row["ip.src"], "192.0.2.2")
                    self.assertEqual(row["mssck.peer_mss"], "512")
                    self.assertEqual(row["mssck.excess"], str(int(row["tcp.len"]) - 512 + options))
                self.assertEqual(row["mssck.offload"], "")
        self.assertEqual(oversized, 10)

    def test_mss512_violations_carry_a_hint_naming_the_floor_and_the_fix(self):
        rows = self.rows("mss512", ["mssck.hint"], "mssck.violation")
        self.assertEqual(len(rows), 10)
        for row in rows:
            hint = row["mssck.hint"]
            self.assertIn("536", hint)
            self.assertIn("tcp_min_snd_mss", hint)  # the Linux sender's floor, and how to lower it
            self.assertIn("576", hint)              # or raise the peer's MTU

    def test_statistics_without_any_mssck_field_named(self):
        # Nothing references an mssck field here, so the protocol item is
        # only made where a tap needs it; the counts must not change.
        capture = self.tshark.readable(capture_path("mss512"))
        out, _ = self.tshark.run(["-r", capture, "-q", "-z", "expert"])
        warnings = [line for line in out.splitlines() if "MSSCK" in line]
        self.assertEqual(len(warnings), 2, out)  # the violations (one row of 10) and the floor
        self.assertTrue(any(line.split()[0] == "10" and "exceed the 512-byte MSS" in line for line in warnings))
        out, _ = self.tshark.run(["-r", capture, "-q", "-z", "io,phs"])
        tcp_frames = sum(int(line.split("frames:")[1].split()[0]) for line in out.splitlines()
                         if line.strip().startswith("tcp "))
        mssck_frames = sum(int(line.split("frames:")[1].split()[0]) for line in out.splitlines()
                           if line.strip().startswith("mssck "))
        self.assertEqual(tcp_frames, 20, out)
        self.assertEqual(mssck_frames, 20, out)  # every TCP segment, findings or not
        # A filter on an expert info alone marks only its own protocol
        # (mssck_findings): the frames that have one still match, in one
        # pass and in two.
        for two_pass in (False, True):
            rows = frames(self.tshark, "mss512", ["frame.number"], two_pass=two_pass,
                          display_filter="mssck.violation")
            self.assertEqual([row["frame.number"] for row in rows],
                             ["8", "9", "10", "11", "12", "18", "19", "20", "21", "22"])

    def test_disabled_protocol_shows_nothing(self):
        # The post-dissector checks the protocol's enabled state itself
        # (plugin/postdissector.cpp): disabled, it adds no field and no
        # expert info, as the GUI's Enabled Protocols promises.
        capture = self.tshark.readable(capture_path("mss512"))
        out, _ = self.tshark.run(["-r", capture, "--disable-protocol", "mssck", "-T", "fields",
                                  "-e", "frame.number", "-e", "mssck.limit", "-e", "mssck.violation"])
        rows = [line.split("\t") for line in out.splitlines()]
        self.assertEqual(len(rows), 30)
        self.assertEqual([row[1:] for row in rows if any(row[1:])], [])
        out, _ = self.tshark.run(["-r", capture, "--disable-protocol", "mssck", "-q", "-z", "expert"])
        self.assertNotIn("MSSCK", out)

    def test_tso_capture_shows_offload_and_no_violation(self):
        self.assertEqual(self.count("tso-sender", "mssck.violation"), 0)
        self.assertGreater(self.count("tso-sender", "mssck.offload"), 0)
        # Every segment above the limit is offload: none is left unclassified.
        self.assertEqual(self.count("tso-sender", "tcp.len > mssck.limit && !mssck.offload"), 0)

    def test_healthy_and_asymmetric_captures_have_neither(self):
        for name in ["healthy", "asymmetric-mss", "mss-clamp", "random-loss"]:
            with self.subTest(capture=name):
                self.assertEqual(self.count(name, "mssck.violation || mssck.offload"), 0)
                self.assertGreater(self.count(name, "mssck.limit"), 10)

    def test_asymmetric_each_side_held_to_the_others_mss(self):
        rows = self.rows("asymmetric-mss", ["ip.src", "mssck.sender_mss", "mssck.peer_mss"], "tcp.len > 0")
        self.assertEqual({(r["ip.src"], r["mssck.sender_mss"], r["mssck.peer_mss"]) for r in rows},
                         {("192.0.2.2", "4312", "1460"), ("198.51.100.2", "1460", "4312")})

    def test_clamp_records_the_clamped_value(self):
        rows = self.rows("mss-clamp", ["ip.src", "mssck.peer_mss"], "tcp.len > 0 && ip.src == 192.0.2.2")
        self.assertTrue(rows)
        self.assertEqual({r["mssck.peer_mss"] for r in rows}, {"1360"})

    def test_both_ends_of_every_conversation_are_fingerprinted_as_linux(self):
        for name in LAB_CAPTURES:
            with self.subTest(capture=name):
                rows = self.rows(name, ["ip.src", "ipv6.src", "mssck.os", "mssck.os.match"], "tcp && !icmp && !icmpv6")
                by_host = {}
                for row in rows:
                    by_host.setdefault(row["ip.src"] or row["ipv6.src"], set()).add(row["mssck.os"])
                self.assertEqual(len(by_host), 2)
                for host, labels in by_host.items():
                    self.assertEqual(len(labels), 1, host)
                    self.assertTrue(labels.pop().startswith("Linux"), host)

    def test_limit_and_violation_alike_with_and_without_two_passes(self):
        for name in LAB_CAPTURES:
            with self.subTest(capture=name):
                fields = ["mssck.limit", "mssck.violation"]
                single = self.tshark.fields(capture_path(name), fields)
                double = self.tshark.fields(capture_path(name), fields, two_pass=True)
                self.assertEqual(single, double)


if __name__ == "__main__":
    unittest.main()
