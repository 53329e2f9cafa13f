"""Shared pieces of the robustness checks and the benchmark.

Everything that runs tshark or sharkd goes through the integration tests'
tshark_harness.Tshark: as user nobody when root (Wireshark ignores personal
plugins as root), with a private HOME and WIRESHARK_PLUGIN_DIR pointing at
a folder that holds only the plugin under test. On top of it this module
adds: other Wireshark programs (sharkd), extra environment (the sanitizer
runtime for an ASan build of the plugin), a plugin folder that is empty
(the "without mssck" side of the benchmark), and the list of test captures.
"""
import concurrent.futures
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

from tshark_harness import NOBODY, TRUNCATED_CAPTURE, Tshark  # noqa: E402

TESTDATA = os.path.join(REPO, "testdata")
SHARED_CAPTURES = os.path.normpath(os.path.join(REPO, "..", "shared", "captures"))

LIBDIR = "/usr/lib/x86_64-linux-gnu"
SANITIZER_RUNTIME = [os.path.join(LIBDIR, "libasan.so.8"), os.path.join(LIBDIR, "libubsan.so.1")]
# abort_on_error: a report kills tshark (exit by SIGABRT), so it cannot go
# unnoticed; detect_leaks=0: tshark's own leaks are not ours (valgrind checks
# ours, see check_valgrind_leaks.py); halt_on_error for UBSan makes its
# reports fatal as well.
SANITIZER_ENV = {
    "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1:symbolize=1:detect_stack_use_after_return=0",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:abort_on_error=1",
}
# Sanitizer reports start with these; any of them on stderr is a failure.
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                     "SUMMARY: AddressSanitizer", "SUMMARY: UndefinedBehaviorSanitizer",
                     "ASan runtime does not come first")


def captures(include_shared=True):
    """The project's captures, and the shared third-party ones when present."""
    found = sorted(glob.glob(os.path.join(TESTDATA, "*.pcap")) + glob.glob(os.path.join(TESTDATA, "*.pcapng")))
    if include_shared and os.path.isdir(SHARED_CAPTURES):
        found += sorted(glob.glob(os.path.join(SHARED_CAPTURES, "*.pcap")) +
                        glob.glob(os.path.join(SHARED_CAPTURES, "*.pcapng")))
    return found


class Wireshark(Tshark):
    """A Tshark harness that can also run sharkd, add environment variables,
    and run with no plugin at all (plugin_path=None)."""

    def __init__(self, plugin_path, extra_env=None):
        without_plugin = plugin_path is None
        # The harness copies a plugin; without one it copies an empty file,
        # removed at once: the plugin folder is left empty.
        super().__init__(os.devnull if without_plugin else plugin_path)
        if without_plugin:
            os.remove(self.plugin_copy)
            self.plugin_copy = None
        self.extra_env = dict(extra_env or {})
        # tshark -G plugins runs every extcap helper; with the sanitizer
        # runtime preloaded some of them hang. No test needs extcap.
        self.extcap_dir = os.path.join(self.workdir, "extcap")
        os.makedirs(self.extcap_dir)
        os.chmod(self.extcap_dir, 0o755)

    def command_for(self, program, args, wrapper=()):
        prefix = []
        if os.geteuid() == 0:
            prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        env = ["env", f"HOME={self.home}", f"WIRESHARK_PLUGIN_DIR={self.plugin_dir}",
               f"WIRESHARK_EXTCAP_DIR={self.extcap_dir}", "LC_ALL=C.UTF-8"]
        env += [f"{key}={value}" for key, value in self.extra_env.items()]
        return prefix + env + list(wrapper) + [program] + list(args)

    def command(self, args):
        return self.command_for("tshark", args)

    def run_raw(self, args, timeout=300, program="tshark", wrapper=(), stdin=None):
        """Runs without judging: returns the CompletedProcess (bytes)."""
        return subprocess.run(self.command_for(program, args, wrapper), capture_output=True,
                              timeout=timeout, input=stdin)

    def writable_dir(self, name):
        """A folder user nobody may write into (valgrind logs, sharkd)."""
        path = os.path.join(self.workdir, name)
        os.makedirs(path, exist_ok=True)
        os.chmod(path, 0o777)
        return path

    def plugin_is_loaded(self):
        path = self.loaded_plugin_path()
        return path is not None and self.plugin_copy is not None and \
            os.path.realpath(path) == os.path.realpath(self.plugin_copy)


def sanitized_wireshark(plugin_path):
    """A harness for an ASan+UBSan build of the plugin inside the normal
    (uninstrumented) tshark: the runtime is preloaded."""
    missing = [lib for lib in SANITIZER_RUNTIME if not os.path.exists(lib)]
    if missing:
        raise RuntimeError(f"sanitizer runtime missing: {missing} (package gcc / libasan8 / libubsan1)")
    env = dict(SANITIZER_ENV)
    env["LD_PRELOAD"] = ":".join(SANITIZER_RUNTIME)
    return Wireshark(plugin_path, env)


def sanitizer_lines(stderr_text):
    return [line for line in stderr_text.splitlines() if any(marker in line for marker in SANITIZER_MARKERS)]


def dissector_bug_lines(stderr_text, stdout_text=""):
    """'Dissector bug' reports that mention mssck (tshark prints them on
    stderr, and in -V output as a [Dissector bug ...] or malformed item)."""
    found = []
    for line in (stderr_text + "\n" + stdout_text).splitlines():
        lowered = line.lower()
        if "dissector bug" in lowered and "mssck" in lowered:
            found.append(line.strip())
    return found


def is_cut_short(returncode, stderr_text):
    return returncode == 2 and TRUNCATED_CAPTURE in stderr_text


def mssck_fields(harness):
    """Every field mssck registers, from tshark -G fields."""
    out, _ = harness.run(["-G", "fields"])
    names = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) > 4 and parts[0] == "F" and parts[4] == "mssck":
            names.append(parts[2])
    return names


def check_each_capture(inputs, jobs, check, describe):
    """Runs check(capture) -> (problems, detail) for every capture on `jobs`
    threads; problems is a list, empty when the capture passed. A raised
    exception (a crash of tshark or sharkd) is a failure too. describe(name,
    problems, detail) prints the capture's line. Prints the totals and
    returns the exit status."""
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(check, capture): capture for capture in inputs}
        for future in concurrent.futures.as_completed(futures):
            name = os.path.basename(futures[future])
            try:
                problems, detail = future.result()
            except Exception as error:
                problems, detail = [f"{type(error).__name__}: {error}"], 0
            failed += 1 if problems else 0
            describe(name, problems, detail)
    print(f"{len(inputs) - failed} passed, {failed} failed")
    return 1 if failed else 0
