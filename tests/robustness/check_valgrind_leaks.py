#!/usr/bin/env python3
"""No memory mssck loses: valgrind memcheck over tshark with the plugin.

  check_valgrind_leaks.py --plugin build/mssck.so [--capture testdata/X.pcap] [--two-pass]

Runs `tshark -n -V -r CAPTURE` (with -2 when asked) under
`valgrind --leak-check=full` as user nobody when root, with only the plugin
under test in WIRESHARK_PLUGIN_DIR. tshark and GLib have leaks of their own
(and valgrind lists thousands of blocks for them), so a leak counts only
when a frame of its allocation stack is mssck's: a function in the mssck or
mssck_plugin namespaces, or a source file of plugin/ or expert/. Fails on
any "definitely lost" block of mssck's, or on any invalid read or write,
use of uninitialised values or invalid free whose stack is mssck's.
Takes about a minute for a lab capture (tshark's start under valgrind is
most of it). The full valgrind log is kept for reading (--log).
"""
import argparse
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from robustness_common import REPO, TESTDATA, Wireshark  # noqa: E402

RECORD_START = re.compile(r"^==\d+== (\S.*)$")
FRAME = re.compile(r"^==\d+==\s+(at|by) 0x")
ERROR_KINDS = ("Invalid read", "Invalid write", "Conditional jump", "Use of uninitialised", "Invalid free",
               "Mismatched free", "Syscall param")


def is_ours(frame_line):
    return ("mssck" in frame_line or os.path.join(REPO, "plugin") in frame_line
            or os.path.join(REPO, "expert") in frame_line)


def records(log_text):
    """(headline, [stack lines]) for every valgrind record of the log."""
    current = None
    for line in log_text.splitlines():
        if FRAME.match(line):
            if current is not None:
                current[1].append(line)
            continue
        match = RECORD_START.match(line)
        if match:
            if current is not None:
                yield current
            current = (match.group(1), [])
        elif current is not None:
            yield current
            current = None
    if current is not None:
        yield current


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--capture", default=os.path.join(TESTDATA, "pmtud-v4.pcap"))
    parser.add_argument("--two-pass", action="store_true")
    parser.add_argument("--log", default=None, help="where to keep valgrind's log")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (scripts/install-deps): skipped")
        return 77
    if not os.path.exists(args.capture):
        print(f"no capture {args.capture}: skipped")
        return 77

    with Wireshark(args.plugin, {"G_SLICE": "always-malloc", "G_DEBUG": "gc-friendly"}) as harness:
        if not harness.plugin_is_loaded():
            print(f"tshark did not load the plugin under test ({harness.loaded_plugin_path()!r})")
            return 1
        logs = harness.writable_dir("valgrind")
        log_path = os.path.join(logs, "memcheck.log")
        wrapper = ["valgrind", "--leak-check=full", "--show-leak-kinds=definite", "--errors-for-leak-kinds=none",
                   "--num-callers=50", "--fullpath-after=", f"--log-file={log_path}"]
        tshark_args = ["-n", "-V", "-r", harness.readable(args.capture)] + (["-2"] if args.two_pass else [])
        done = harness.run_raw(tshark_args, timeout=1200, wrapper=wrapper)
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            log_text = handle.read()
        if args.log:
            os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
            shutil.copyfile(log_path, args.log)

    if done.returncode != 0:
        print(f"tshark under valgrind exited {done.returncode}: {done.stderr.decode()[-2000:]}")
        return 1
    mentions_mssck = sum(1 for line in done.stdout.decode("utf-8", "replace").splitlines()
                         if line.startswith("MSS Check"))
    ours, definitely_lost_total, error_total = [], 0, 0
    for headline, stack in records(log_text):
        leak = "definitely lost in loss record" in headline
        error = headline.startswith(ERROR_KINDS)
        if not (leak or error):
            continue
        definitely_lost_total += leak
        error_total += error
        if any(is_ours(line) for line in stack):
            ours.append(headline + "\n" + "\n".join(stack))
    summary = [line for line in log_text.splitlines() if "definitely lost:" in line or "ERROR SUMMARY" in line]
    shown = " ".join(os.path.basename(arg) if arg.startswith("/") else arg for arg in tshark_args)
    print(f"valgrind memcheck: tshark {shown}: {mentions_mssck} frames with an MSS Check tree")
    for line in summary:
        print("  " + line.split("== ", 1)[-1])
    print(f"  {definitely_lost_total} definitely-lost records and {error_total} errors in all (tshark's own "
          f"included); {len(ours)} with an mssck frame in their stack")
    for record in ours[:10]:
        print(record)
    if mentions_mssck == 0:
        print("FAILED: mssck showed nothing, so nothing of it was checked")
        return 1
    print("1 passed, 0 failed" if not ours else "0 passed, 1 failed")
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main())
