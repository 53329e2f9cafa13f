#!/usr/bin/env python3
"""Runs tshark with mssck over one capture and compares every frame's
mssck fields and expert infos with the expected files, once in single-pass
mode and once with -2; both must match.

  check_capture.py --plugin build/mssck.so --capture testdata/X.pcap \
                   --expected-dir testdata/expected [--update]

--update rewrites the expected files from what tshark shows now: review
the diff before committing it, it is the test's reference.
"""
import argparse
import difflib
import os
import sys

from expected_results import (DEFAULT_FIELDS, expected_paths, fields_table, findings_list,
                              read_lines, write_lines)
from tshark_harness import Tshark


def report_difference(what, expected, actual):
    diff = difflib.unified_diff(expected, actual, "expected", "actual", lineterm="", n=1)
    print(f"MISMATCH in {what}:")
    for line in list(diff)[:60]:
        print("  " + line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--capture", required=True)
    parser.add_argument("--expected-dir", required=True)
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()

    fields_path, findings_path = expected_paths(args.expected_dir, args.capture)
    with Tshark(args.plugin) as tshark:
        if args.update:
            os.makedirs(args.expected_dir, exist_ok=True)
            write_lines(fields_path, fields_table(tshark, args.capture, DEFAULT_FIELDS, two_pass=False))
            write_lines(findings_path, findings_list(tshark, args.capture, two_pass=False))
            print(f"wrote {fields_path} and {findings_path}")
            return 0

        expected_fields = read_lines(fields_path)
        expected_findings = read_lines(findings_path)
        fields = expected_fields[0].split("\t")
        failures = 0
        for two_pass in (False, True):
            mode = "tshark -2" if two_pass else "tshark (single pass)"
            actual_fields = fields_table(tshark, args.capture, fields, two_pass)
            if actual_fields != expected_fields:
                report_difference(f"{mode} fields of {args.capture}", expected_fields, actual_fields)
                failures += 1
            actual_findings = findings_list(tshark, args.capture, two_pass)
            if actual_findings != expected_findings:
                report_difference(f"{mode} expert infos of {args.capture}", expected_findings, actual_findings)
                failures += 1
        rows = len(expected_fields) - 1
        print(f"{os.path.basename(args.capture)}: {rows} frames with mssck fields, "
              f"{len(expected_findings)} expert infos, {'FAILED' if failures else 'match'} in both modes")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
