"""gui.profile: the "MSS Check" configuration profile, read by the real tshark.

tshark -C reads a profile's preferences and colorfilters the way Wireshark
does, so this checks, without a display: the packet list columns the profile
sets (-T psml prints their titles and values), the colouring rule every
frame of the lab captures gets (--color and frame.coloring_rule.name), that
Wireshark's default rules follow the mssck ones unchanged, that the colours
are readable, and that the column widths in the profile's recent file line
up with its columns.
"""
import os
import unittest
import xml.etree.ElementTree as ElementTree

import mssck_profile
from mssck_profile import MSSCK_RULES, PROFILE_NAME, TESTDATA

EXPECTED_COLUMNS = ["No.", "Time", "Source", "Destination", "Protocol", "Length",
                    "Peer MSS", "Limit", "Sender OS", "MSS Check finding", "Info"]
EXPERT_FIELDS = [field for _, field in MSSCK_RULES]
# Captures whose findings exercise every mssck colouring rule between them.
CAPTURES = ["mss512", "blackhole-v4", "icmp-ignored", "tso-sender", "blackhole-v4-receiver", "healthy"]


class ProfileTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tshark = mssck_profile.tshark_harness.Tshark(os.environ.get("MSSCK_PLUGIN", ""))
        cls.profile = mssck_profile.install_profile(cls.tshark)

    @classmethod
    def tearDownClass(cls):
        cls.tshark.close()

    def capture(self, name):
        return self.tshark.readable(os.path.join(TESTDATA, f"{name}.pcap"))

    def psml(self, capture, profile=True, display_filter="mssck.violation"):
        args = (["-C", PROFILE_NAME] if profile else []) + ["-r", self.capture(capture), "-T", "psml",
                                                           "-Y", display_filter]
        out, err = self.tshark.run(args)
        mssck_profile.tshark_harness.check_stderr(err)
        root = ElementTree.fromstring(out)
        titles = [s.text for s in root.find("structure")]
        rows = [[s.text or "" for s in packet] for packet in root.findall("packet")]
        return titles, rows

    def test_plugin_under_test_is_loaded(self):
        mssck_profile.check_plugin_is_the_copy(self.tshark)

    def test_columns_show_mssck_values(self):
        titles, rows = self.psml("mss512")
        self.assertEqual(titles, EXPECTED_COLUMNS)
        self.assertGreaterEqual(len(rows), 1, "no mssck.violation frame in mss512.pcap")
        column = {title: i for i, title in enumerate(titles)}
        for row in rows:
            self.assertEqual(row[column["Peer MSS"]], "512", row)
            self.assertEqual(row[column["Limit"]], "500", row)
            self.assertTrue(row[column["Sender OS"]], f"no sender OS in {row}")
            self.assertTrue(row[column["MSS Check finding"]], f"no finding in {row}")
        # The same values as -e mssck.finding: the column shows the field.
        findings = [r[0] for r in self.tshark.fields(self.capture("mss512"), ["mssck.finding"],
                                                      display_filter="mssck.violation")]
        self.assertEqual([row[column["MSS Check finding"]] for row in rows], findings)

    def test_without_the_profile_the_columns_are_the_defaults(self):
        titles, _ = self.psml("mss512", profile=False)
        self.assertNotIn("Peer MSS", titles)

    def expected_rule(self, row):
        """The rule the first matching mssck rule gives, or None for Wireshark's own."""
        for (name, _), value in zip(MSSCK_RULES, row):
            if value:
                return name
        return None

    def test_colouring_rules_on_the_lab_captures(self):
        used = set()
        for capture in CAPTURES:
            out, err = self.tshark.run(["--color", "-C", PROFILE_NAME, "-r", self.capture(capture),
                                        "-T", "fields", "-E", "occurrence=f",
                                        "-e", "frame.number", "-e", "frame.coloring_rule.name"]
                                       + [a for field in EXPERT_FIELDS for a in ("-e", field)])
            mssck_profile.tshark_harness.check_stderr(err)
            lines = out.splitlines()
            self.assertTrue(lines, f"{capture}: no frames")
            for line in lines:
                number, rule, *experts = line.split("\t")
                expected = self.expected_rule(experts)
                if expected is None:
                    self.assertFalse(rule.startswith("MSS Check"),
                                     f"{capture} frame {number}: {rule!r} without its finding")
                    self.assertTrue(rule, f"{capture} frame {number}: no colouring rule at all")
                else:
                    self.assertEqual(rule, expected, f"{capture} frame {number}")
                used.add(rule)
        self.assertEqual({name for name, _ in MSSCK_RULES} - used, set(),
                         "mssck colouring rules no lab capture exercises")

    def test_rules_are_the_mssck_ones_then_the_defaults(self):
        rules = mssck_profile.read_colorfilters(os.path.join(self.profile, "colorfilters"))
        names = [name for _, name, _, _, _ in rules]
        self.assertEqual(names[:len(MSSCK_RULES)], [name for name, _ in MSSCK_RULES])
        for (disabled, name, dfilter, _, _), (_, field) in zip(rules, MSSCK_RULES):
            self.assertFalse(disabled, name)
            self.assertEqual(dfilter, field, name)
        defaults = mssck_profile.read_colorfilters(mssck_profile.DEFAULT_COLORFILTERS)
        self.assertEqual(rules[len(MSSCK_RULES):], defaults,
                         "the rules after the mssck ones must be Wireshark's defaults, unchanged")

    def test_colours_are_readable(self):
        rules = mssck_profile.read_colorfilters(os.path.join(self.profile, "colorfilters"))
        for _, name, _, bg, fg in rules[:len(MSSCK_RULES)]:
            ratio = mssck_profile.contrast_ratio(bg, fg)
            self.assertGreaterEqual(ratio, 4.5, f"{name}: contrast {ratio:.1f} is below WCAG AA")
        backgrounds = [bg for _, _, _, bg, _ in rules[:len(MSSCK_RULES)]]
        self.assertEqual(len(set(backgrounds)), len(backgrounds), "two mssck rules share a background")

    def test_recent_column_widths_match_the_columns(self):
        with open(os.path.join(self.profile, "preferences"), encoding="utf-8") as f:
            text = f.read()
        formats = self.list_pref(text, "gui.column.format")[1::2]
        with open(os.path.join(self.profile, "recent"), encoding="utf-8") as f:
            widths = self.list_pref(f.read(), "column.width")
        # recent names a custom column without its occurrence and display flags.
        expected = [fmt.rsplit(":", 2)[0] if fmt.startswith("%Cus:") else fmt for fmt in formats]
        self.assertEqual(widths[0::2], expected)
        for width in widths[1::2]:
            self.assertTrue(width.lstrip("-").isdigit(), width)

    @staticmethod
    def list_pref(text, key):
        """A Wireshark list preference: the quoted or bare items after 'key:'."""
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith(key + ":"))
        value = lines[start][len(key) + 1:]
        for line in lines[start + 1:]:
            if not line[:1].isspace():
                break
            value += line
        return [item.strip().strip('"') for item in value.split(",") if item.strip()]


if __name__ == "__main__":
    unittest.main()
