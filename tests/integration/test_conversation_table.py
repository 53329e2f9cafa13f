"""tshark -q -z mssck,conv on every lab capture: one row per conversation,
the right verdict, and a final row counting the trouble."""
import os
import unittest

from lab_fields import capture_path
from tshark_harness import TsharkTestCase

VERDICTS = {
    "healthy": "ok", "asymmetric-mss": "ok", "mss-clamp": "ok", "random-loss": "ok",
    "pmtud-v4": "ok", "pmtud-v6": "ok", "min-pmtu-fragments": "ok",
    "mss512": "MSS violation", "tso-sender": "offload artifacts only",
    "blackhole-v4": "black hole", "blackhole-v6": "black hole", "icmp-ignored": "black hole",
    "blackhole-v4-receiver": "stall", "mtu-probing-recovery": "black hole, recovered",
}


def conversation_table(tshark, name, extra=()):
    """(column names, rows as dicts) of the printed table."""
    out, _ = tshark.run(["-r", tshark.readable(capture_path(name)), "-q", "-z", "mssck,conv" + "".join(extra)])
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Stream |"))
    columns = [c.strip() for c in lines[header].split("|")[:-1]]
    rows = []
    for line in lines[header + 2:]:
        if line.startswith("====="):
            break
        rows.append(dict(zip(columns, [c.strip() for c in line.split("|")[:-1]])))
    return columns, rows


class ConversationTable(TsharkTestCase):
    def test_every_lab_capture_has_one_row_per_conversation_and_its_verdict(self):
        for name, verdict in VERDICTS.items():
            with self.subTest(capture=name):
                columns, rows = conversation_table(self.tshark, name)
                self.assertIn("Verdict", columns)
                conversations, total = rows[:-1], rows[-1]
                self.assertEqual(len(conversations), 1)
                self.assertTrue(conversations[0]["Verdict"].startswith(verdict), conversations[0]["Verdict"])
                self.assertEqual(total["Endpoint A"], "TOTAL: 1 conversations")
                troubled = "0 with trouble" if verdict == "ok" else "1 with trouble"
                self.assertEqual(total["Endpoint B"], troubled)
                self.assertEqual(total["Verdict"], "no trouble" if verdict == "ok" else f"1 {verdict}")

    def test_row_contents(self):
        _, rows = conversation_table(self.tshark, "mss512")
        row = rows[0]
        self.assertEqual((row["Endpoint A"], row["Endpoint B"]), ("192.0.2.2:40001", "198.51.100.2:5001"))
        self.assertEqual((row["MSS A"], row["MSS B"]), ("1460", "512"))
        self.assertTrue(row["OS A"].startswith("Linux") and row["OS B"].startswith("Linux"))
        self.assertEqual((row["Largest A>B"], row["Violations"], row["Offloads"]), ("524", "10", "0"))
        self.assertEqual(row["ICMP seen/honoured/ignored"], "10/0/0")
        self.assertIn("536-byte segments", row["Verdict"])
        _, rows = conversation_table(self.tshark, "tso-sender")
        self.assertEqual(rows[0]["Violations"], "0")
        self.assertEqual(rows[0]["Offloads"], "5")
        _, rows = conversation_table(self.tshark, "blackhole-v4")
        self.assertEqual(rows[0]["Black hole"], "A>B yes, no ICMP")
        self.assertEqual(rows[0]["PMTU A>B"], "152..1499")
        self.assertEqual(rows[0]["Resend run"], "6")

    def test_a_filter_limits_the_rows(self):
        _, rows = conversation_table(self.tshark, "mss512", extra=[",mssck.blackhole"])
        self.assertEqual(len(rows), 0)


if __name__ == "__main__":
    unittest.main()
