"""Path-MTU scenarios of the lab: what each capture must show, frame by
frame, whatever the expected files say (see testdata/<name>.txt)."""
import os
import unittest

from lab_fields import capture_path, frames
from tshark_harness import TsharkTestCase

FINDINGS = ["mssck.blackhole", "mssck.icmp.missing", "mssck.blackhole.cleared", "mssck.blackhole.recovered",
            "mssck.icmp.honored", "mssck.icmp.ignored", "mssck.mss_floor", "mssck.stall"]


class PmtuScenarios(TsharkTestCase):
    def flagged(self, name):
        """{finding: [frame numbers]} for every mssck finding in the capture."""
        fields = ["frame.number"] + FINDINGS
        found = {finding: [] for finding in FINDINGS}
        for row in frames(self.tshark, name, fields, display_filter=" || ".join(FINDINGS)):
            for finding in FINDINGS:
                if row[finding]:
                    found[finding].append(int(row["frame.number"]))
        return found

    def icmp_frames(self, name):
        fields = ["frame.number", "mssck.icmp.stream", "mssck.icmp.mtu", "mssck.icmp.frame", "tcp.seq"]
        return frames(self.tshark, name, fields, display_filter="icmp.type == 3 || icmpv6.type == 2")

    def test_black_hole_at_the_sender(self):
        for name, low in [("blackhole-v4", "152"), ("blackhole-v6", "172")]:
            with self.subTest(capture=name):
                found = self.flagged(name)
                self.assertEqual(found["mssck.blackhole"], [20])
                self.assertEqual(found["mssck.icmp.missing"], [20])
                self.assertEqual(found["mssck.icmp.honored"] + found["mssck.icmp.ignored"], [])
                row = frames(self.tshark, name, ["mssck.pmtu.low", "mssck.pmtu.high"], display_filter="frame.number == 20")
                self.assertEqual(row, [{"mssck.pmtu.low": low, "mssck.pmtu.high": "1500"}])
                self.assertEqual(self.icmp_frames(name), [])

    def test_unread_expert_infos_still_set_severity_and_expert_column(self):
        # With no tree, expert tap or expert field named, mssck adds its
        # expert infos without items or messages (tree_writer.cpp): what is
        # left must still hold. Frame 20 carries the black hole (an error)
        # and the missing ICMP (a warning) after TCP's retransmission (a
        # warning): the Expert column shows mssck's highest.
        capture = self.tshark.readable(capture_path("blackhole-v4"))
        out, _ = self.tshark.run(["-r", capture, "-Y", "frame.number == 20",
                                  "-o", 'gui.column.format:"No.","%m","Expert","%a"'])
        self.assertEqual(out.split(), ["20", "Error"])
        # A filter on epan's own expert fields only names _ws.expert: the
        # items and their messages are there.
        rows = frames(self.tshark, "blackhole-v4", ["frame.number", "_ws.expert.message"],
                      display_filter="_ws.expert.severity == error")
        self.assertEqual([row["frame.number"] for row in rows], ["20"])
        self.assertIn("Suspected PMTUD black hole: 192.0.2.2 has sent the 1448-byte segment", rows[0]["_ws.expert.message"])

    def test_working_pmtud_ties_every_icmp_and_sees_it_honoured(self):
        for name in ["pmtud-v4", "pmtud-v6"]:
            with self.subTest(capture=name):
                icmps = self.icmp_frames(name)
                self.assertEqual(len(icmps), 10)
                seq_of_frame = {row["frame.number"]: row["tcp.seq_raw"] for row in frames(
                    self.tshark, name, ["frame.number", "tcp.seq_raw"], display_filter="tcp.len > 0")}
                for icmp in icmps:
                    self.assertEqual(icmp["mssck.icmp.stream"], "0")
                    self.assertEqual(icmp["mssck.icmp.mtu"], "1400")
                    # The quoted header's sequence number is the quoted frame's.
                    self.assertEqual(seq_of_frame[icmp["mssck.icmp.frame"]], icmp["tcp.seq"])
                found = self.flagged(name)
                self.assertEqual(found["mssck.icmp.honored"], [28])
                self.assertEqual(found["mssck.icmp.ignored"] + found["mssck.blackhole"], [])

    def test_icmp_that_reaches_the_sender_and_is_not_acted_on(self):
        found = self.flagged("icmp-ignored")
        self.assertEqual(found["mssck.icmp.ignored"][0], 30)
        self.assertEqual(found["mssck.icmp.honored"], [])
        self.assertEqual(found["mssck.icmp.missing"], [])  # the router did report the problem

    def test_linux_answers_an_mtu_under_min_pmtu_by_clearing_df(self):
        found = self.flagged("min-pmtu-fragments")
        self.assertEqual(found["mssck.icmp.honored"], [28])
        self.assertEqual(found["mssck.blackhole"], [])
        message = frames(self.tshark, "min-pmtu-fragments", ["_ws.expert.message"], display_filter="frame.number == 28")
        self.assertIn("552-byte packets without DF", message[0]["_ws.expert.message"])

    def test_black_hole_detection_recovers(self):
        found = self.flagged("mtu-probing-recovery")
        self.assertEqual(found["mssck.blackhole"], [20])
        self.assertEqual(found["mssck.blackhole.recovered"], [31])
        self.assertEqual(found["mssck.blackhole.cleared"], [])

    def test_random_loss_is_no_black_hole(self):
        found = self.flagged("random-loss")
        ended = found["mssck.blackhole.cleared"] + found["mssck.blackhole.recovered"]
        self.assertEqual(len(found["mssck.blackhole"]), len(ended))
        self.assertEqual(self.icmp_frames("random-loss"), [])

    def test_receiver_side_cannot_prove_a_black_hole_but_sees_the_stall(self):
        found = self.flagged("blackhole-v4-receiver")
        self.assertEqual(found["mssck.blackhole"], [])
        # The client's RST comes at sequence 16029: bytes 101..16028 never arrived.
        self.assertEqual(found["mssck.stall"], [8])
        finding = frames(self.tshark, "blackhole-v4-receiver", ["mssck.finding"], display_filter="frame.number == 8")
        self.assertEqual(finding, [{"mssck.finding": "stall: 15928 bytes never arrived"}])

    def test_the_sender_side_sees_no_stall(self):
        for name in ["blackhole-v4", "blackhole-v6", "mss512", "icmp-ignored"]:
            with self.subTest(capture=name):
                self.assertEqual(self.flagged(name)["mssck.stall"], [])

    def test_mss512_names_the_floor_and_ties_its_icmp(self):
        found = self.flagged("mss512")
        self.assertEqual(found["mssck.mss_floor"], [9])
        icmps = self.icmp_frames("mss512")
        self.assertEqual(len(icmps), 10)
        self.assertEqual({row["mssck.icmp.mtu"] for row in icmps}, {"552"})


if __name__ == "__main__":
    unittest.main()
