"""Runs the real tshark with the mssck plugin under test.

Wireshark refuses personal plugins when it runs as root, and CI runs as
root: there tshark runs as user nobody (setpriv). Either way it gets a
private HOME (no user preferences) and WIRESHARK_PLUGIN_DIR pointing at a
folder holding only the plugin under test, and `loaded_plugin_path` lets a
test check that this copy, not an installed one, is what tshark loaded.
"""
import os
import shutil
import subprocess
import tempfile
import unittest

NOBODY = 65534
TRUNCATED_CAPTURE = "appears to have been cut short in the middle of a packet"
WIRESHARK_ABI = "4.0"


class Tshark:
    def __init__(self, plugin_path):
        self.workdir = tempfile.mkdtemp(prefix="mssck-tshark-")
        os.chmod(self.workdir, 0o755)
        self.home = os.path.join(self.workdir, "home")
        self.plugin_dir = os.path.join(self.workdir, "plugins")
        epan_dir = os.path.join(self.plugin_dir, WIRESHARK_ABI, "epan")
        os.makedirs(epan_dir)
        os.makedirs(self.home)
        self.plugin_copy = os.path.join(epan_dir, "mssck.so")
        shutil.copyfile(plugin_path, self.plugin_copy)
        for root, dirs, files in os.walk(self.workdir):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
            for name in files:
                os.chmod(os.path.join(root, name), 0o644)
        if os.geteuid() == 0:
            os.chown(self.home, NOBODY, NOBODY)
        self._captures = {}

    def close(self):
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def command(self, args):
        prefix = []
        if os.geteuid() == 0:
            prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        env = ["env", f"HOME={self.home}", f"WIRESHARK_PLUGIN_DIR={self.plugin_dir}", "LC_ALL=C.UTF-8"]
        return prefix + env + ["tshark"] + list(args)

    def run(self, args, timeout=300):
        """Runs tshark; returns (stdout, stderr), raising on a non-zero exit
        other than tshark's 2 for a capture whose last packet is cut short,
        which real captures often are."""
        done = subprocess.run(self.command(args), capture_output=True, text=True, timeout=timeout)
        cut_short = done.returncode == 2 and TRUNCATED_CAPTURE in done.stderr
        if done.returncode != 0 and not cut_short:
            raise RuntimeError(f"tshark {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
        return done.stdout, done.stderr

    def readable(self, capture):
        """A copy of the capture that user nobody can read."""
        if capture not in self._captures:
            copy = os.path.join(self.workdir, f"{len(self._captures)}-{os.path.basename(capture)}")
            shutil.copyfile(capture, copy)
            os.chmod(copy, 0o644)
            self._captures[capture] = copy
        return self._captures[capture]

    def loaded_plugin_path(self):
        out, _ = self.run(["-G", "plugins"])
        for line in out.splitlines():
            parts = [p.strip() for p in line.split("\t")]
            if parts and parts[0] == "mssck.so":
                return parts[-1]
        return None

    def fields(self, capture, fields, two_pass=False, display_filter=None, options=()):
        """Per-frame field values: a list of rows, each a list of strings."""
        args = ["-r", self.readable(capture), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"]
        if two_pass:
            args.append("-2")
        if display_filter:
            args += ["-Y", display_filter]
        for option in options:
            args += ["-o", option]
        for field in fields:
            args += ["-e", field]
        out, err = self.run(args)
        check_stderr(err)
        return [line.split("\t") for line in out.splitlines()]

    def mssck_tree(self, capture, two_pass=False, display_filter=None):
        args = ["-r", self.readable(capture), "-V", "-O", "mssck"]
        if two_pass:
            args.append("-2")
        if display_filter:
            args += ["-Y", display_filter]
        out, err = self.run(args)
        check_stderr(err)
        return out


def check_stderr(err):
    """tshark reports dissector exceptions and plugin trouble on stderr."""
    for line in err.splitlines():
        if TRUNCATED_CAPTURE in line:
            continue
        lowered = line.lower()
        if "dissector bug" in lowered or "mssck" in lowered or "assert" in lowered:
            raise RuntimeError(f"tshark complained: {line}")


class TsharkTestCase(unittest.TestCase):
    """A test case class with one Tshark for the plugin in $MSSCK_PLUGIN."""

    @classmethod
    def setUpClass(cls):
        cls.tshark = Tshark(os.environ.get("MSSCK_PLUGIN", ""))

    @classmethod
    def tearDownClass(cls):
        cls.tshark.close()
