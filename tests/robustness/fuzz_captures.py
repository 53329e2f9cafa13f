#!/usr/bin/env python3
"""Capture fuzzing in the manner of Wireshark's tools/fuzz-test.sh, against
an ASan+UBSan build of mssck loaded into the normal tshark.

  fuzz_captures.py --plugin build-asan/mssck.so [--duration 75] [--seed N] [--jobs 2]

Every test capture (testdata/*.pcap, and ../shared/captures/* when present)
is mutated, in turn and in a seeded order, one of two ways:

  errors      editcap -E 0.02 --seed S     (each byte changed with probability 2%)
  truncation  editcap -s N                 (every packet cut to N bytes, N random)

and each mutant is read twice by tshark with the sanitized plugin:
`tshark -n -V -r X` (single pass) and `tshark -n -2 -V -r X` (two passes).
A case fails on: an exit code other than 0 (or 2 for a capture cut short),
which includes the abort a sanitizer report causes; any sanitizer report
on stderr; any "Dissector bug" or "Malformed Packet" that names mssck.

The run is bounded by --duration (no new case starts after it). The master
seed is printed first and every case prints its own seed: a failure prints
the editcap and tshark commands that reproduce it, and the mutant is kept
in --keep-dir. Exit status 0 only when no case failed.
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from robustness_common import (captures, dissector_bug_lines, is_cut_short, sanitized_wireshark,  # noqa: E402
                               sanitizer_lines)

ERROR_PROBABILITY = "0.02"
READS = (["-n", "-V"], ["-n", "-2", "-V"])


def malformed_mssck_lines(stdout_text):
    return [line.strip() for line in stdout_text.splitlines()
            if "malformed packet" in line.lower() and "mssck" in line.lower()]


class Fuzzer:
    def __init__(self, harness, work, keep_dir, log):
        self.harness = harness
        self.work = work
        self.keep_dir = keep_dir
        self.log = log
        self.failures = []
        self.lock = threading.Lock()

    def mutate(self, case_id, capture, kind, seed):
        out = os.path.join(self.work, f"case-{case_id}{os.path.splitext(capture)[1] or '.pcap'}")
        rng = random.Random(seed)
        if kind == "errors":
            args = ["editcap", "-E", ERROR_PROBABILITY, "--seed", str(seed), capture, out]
        else:
            args = ["editcap", "-s", str(rng.randint(1, 200)), capture, out]
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            return None, args  # editcap refuses some inputs; not mssck's business
        os.chmod(out, 0o644)
        return out, args

    def run_case(self, case_id, capture, kind, seed):
        mutant, editcap = self.mutate(case_id, capture, kind, seed)
        if mutant is None:
            return "skipped"
        problems = []
        for read in READS:
            args = read + ["-r", mutant]
            done = self.harness.run_raw(args, timeout=120)
            err = done.stderr.decode("utf-8", "replace")
            out = done.stdout.decode("utf-8", "replace")
            if done.returncode != 0 and not is_cut_short(done.returncode, err):
                problems.append(f"tshark {' '.join(read)} exited {done.returncode}")
            problems += [f"sanitizer: {line}" for line in sanitizer_lines(err)]
            problems += [f"dissector bug: {line}" for line in dissector_bug_lines(err, out)]
            problems += [f"malformed: {line}" for line in malformed_mssck_lines(out)]
            if problems:
                self.record_failure(case_id, capture, kind, seed, editcap, mutant, read, problems, err)
                return "FAILED"
        os.remove(mutant)
        return "ok"

    def record_failure(self, case_id, capture, kind, seed, editcap, mutant, read, problems, err):
        os.makedirs(self.keep_dir, exist_ok=True)
        kept = os.path.join(self.keep_dir, os.path.basename(mutant))
        shutil.copyfile(mutant, kept)
        with open(kept + ".stderr.txt", "w", encoding="utf-8") as handle:
            handle.write(err)
        editcap_again = list(editcap[:-1]) + [kept]
        text = [f"FAILED case {case_id}: {os.path.basename(capture)} {kind} seed {seed}"]
        text += [f"    {problem}" for problem in problems[:10]]
        text += [f"  mutant kept: {kept} (stderr beside it)",
                 f"  remake it:   {' '.join(editcap_again)}",
                 f"  reproduce:   {os.path.abspath(__file__)} --plugin SANITIZED_MSSCK_SO --replay {kept}",
                 f"  failing read: tshark {' '.join(read)} -r MUTANT"]
        with self.lock:
            self.failures.append("\n".join(text))
            self.log("\n".join(text))


def replay(plugin, mutant):
    """Reads a kept mutant the way a case does and prints what went wrong."""
    with sanitized_wireshark(plugin) as harness:
        path = harness.readable(os.path.abspath(mutant))
        failed = False
        for read in READS:
            done = harness.run_raw(read + ["-r", path], timeout=120)
            err = done.stderr.decode("utf-8", "replace")
            out = done.stdout.decode("utf-8", "replace")
            problems = sanitizer_lines(err) + dissector_bug_lines(err, out) + malformed_mssck_lines(out)
            ok = (done.returncode == 0 or is_cut_short(done.returncode, err)) and not problems
            failed |= not ok
            print(f"tshark {' '.join(read)} -r {mutant}: exit {done.returncode}, {'ok' if ok else 'FAILED'}")
            if not ok:
                print(err[-6000:])
        return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plugin", required=True, help="the sanitized mssck.so (build-sanitized)")
    parser.add_argument("--duration", type=float, default=75.0, help="seconds after which no case starts")
    parser.add_argument("--seed", type=int, default=None, help="master seed (default: from the clock)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--max-cases", type=int, default=0, help="stop after this many cases (0: no limit)")
    parser.add_argument("--keep-dir", default=os.path.join(tempfile.gettempdir(), "mssck-fuzz-failures"))
    parser.add_argument("--no-shared", action="store_true", help="only testdata/, not ../shared/captures")
    parser.add_argument("--capture", action="append", help="fuzz only these captures")
    parser.add_argument("--replay", metavar="MUTANT",
                        help="read this (kept) mutant as a case does, no mutation, and report")
    args = parser.parse_args()
    if args.replay:
        return replay(args.plugin, args.replay)

    master = args.seed if args.seed is not None else int(time.time())
    log = lambda text: print(text, flush=True)  # noqa: E731
    log(f"fuzz_captures: master seed {master} (rerun with --seed {master}); duration {args.duration:.0f}s")
    inputs = args.capture or captures(include_shared=not args.no_shared)
    if not inputs:
        log("no captures to fuzz")
        return 1
    rng = random.Random(master)

    started = time.monotonic()
    counts = {"ok": 0, "skipped": 0, "FAILED": 0}
    with sanitized_wireshark(args.plugin) as harness:
        if not harness.plugin_is_loaded():
            log(f"tshark did not load the sanitized plugin under test ({harness.loaded_plugin_path()!r})")
            return 1
        work = harness.writable_dir("mutants")
        fuzzer = Fuzzer(harness, work, args.keep_dir, log)

        def cases():
            case_id = 0
            while True:
                order = list(inputs)
                rng.shuffle(order)
                for capture in order:
                    case_id += 1
                    yield case_id, capture, rng.choice(("errors", "truncation")), rng.randrange(1, 2**31)

        def out_of_time(case_id):
            return time.monotonic() - started > args.duration or (args.max_cases and case_id > args.max_cases)

        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            pending = set()
            generator = cases()
            while True:
                while len(pending) < args.jobs:
                    case_id, capture, kind, seed = next(generator)
                    if out_of_time(case_id):
                        break
                    log(f"case {case_id}: {os.path.basename(capture)} {kind} seed {seed}")
                    pending.add(pool.submit(fuzzer.run_case, case_id, capture, kind, seed))
                if not pending:
                    break
                done, pending = concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    counts[future.result()] += 1
                if out_of_time(0) and not pending:
                    break

    elapsed = time.monotonic() - started
    log(f"fuzz_captures: {counts['ok'] + counts['FAILED']} cases in {elapsed:.0f}s over {len(inputs)} captures "
        f"({counts['skipped']} skipped by editcap), master seed {master}")
    log(f"{counts['ok']} passed, {counts['FAILED']} failed")
    return 1 if counts["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
