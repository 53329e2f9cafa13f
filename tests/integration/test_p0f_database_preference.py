"""The p0f database preference: a malformed line is reported with its line
number and skipped, and tshark goes on with the rest (and the built-in
signatures); a missing file leaves the built-in signatures alone."""
import os
import subprocess
import unittest

from lab_fields import capture_path
from tshark_harness import TsharkTestCase

# A real Linux SYN signature, a broken one, and a label without a class.
DATABASE = """classes = win,unix,other
[tcp:request]
label = s:unix:Linux:test flavour
sig   = *:64:0:*:mss*44,7:mss,sok,ts,nop,ws:df,id+:0
sig   = *:64:0:*:this is not a signature
label = broken label
"""


class P0fDatabasePreference(TsharkTestCase):
    def run_with_database(self, path):
        command = self.tshark.command(["-r", self.tshark.readable(capture_path("healthy")),
                                       "-o", f"mssck.p0f_database:{path}", "-Y", "tcp.flags.syn == 1",
                                       "-T", "fields", "-e", "mssck.os", "-e", "mssck.os.match"])
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def test_a_malformed_line_is_reported_and_skipped(self):
        path = os.path.join(self.tshark.workdir, "broken.fp")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(DATABASE)
        os.chmod(path, 0o644)
        done = self.run_with_database(path)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("problems in the p0f database", done.stderr)
        self.assertIn("broken.fp:5:", done.stderr)
        self.assertIn("broken.fp:6:", done.stderr)
        rows = [line.split("\t") for line in done.stdout.splitlines()]
        # The client's SYN matches the good line; the server's SYN-ACK the built-in set.
        self.assertEqual(rows[0], ["Linux test flavour", "exact"])
        self.assertEqual(rows[1][1], "built-in")

    def test_a_missing_file_leaves_the_built_in_signatures(self):
        done = self.run_with_database(os.path.join(self.tshark.workdir, "no-such.fp"))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("no-such.fp", done.stderr)  # a file the user named is missing: say so
        rows = [line.split("\t") for line in done.stdout.splitlines()]
        self.assertEqual(len(rows), 2)
        self.assertEqual({row[1] for row in rows}, {"built-in"})


if __name__ == "__main__":
    unittest.main()
