#!/usr/bin/env python3
"""tshark and tshark -2 show the same mssck output, field for field.

  check_pass_consistency.py --plugin build/mssck.so [CAPTURE...]

For every test capture (testdata/*.pcap, and ../shared/captures/* when
present), every field mssck registers (read from `tshark -G fields`, so a
new field is covered the day it is added: values, sources, frames, limits,
fingerprints, path-MTU numbers and one field per expert info) is printed
for every frame with -T fields, once in single-pass mode and once with -2,
and the two tables must be identical. No dissector bug and no complaint
mentioning mssck may appear on stderr (tshark_harness.check_stderr).
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from robustness_common import Wireshark, captures, check_each_capture, mssck_fields  # noqa: E402


def compare(harness, capture, fields):
    single = harness.fields(capture, ["frame.number"] + fields)
    double = harness.fields(capture, ["frame.number"] + fields, two_pass=True)
    if single == double:
        filled = sum(1 for row in single if any(cell for cell in row[1:]))
        return [], filled
    for one, two in zip(single, double):
        if one != two:
            differing = [f"{name}: {a!r} / {b!r}" for name, a, b in zip(["frame.number"] + fields, one, two)
                         if a != b]
            return [f"frame {one[0]}: single pass / -2: " + "; ".join(differing)], 0
    return [f"{len(single)} rows in single pass, {len(double)} with -2"], 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("captures", nargs="*")
    args = parser.parse_args()

    with Wireshark(args.plugin) as harness:
        if not harness.plugin_is_loaded():
            print(f"tshark did not load the plugin under test ({harness.loaded_plugin_path()!r})")
            return 1
        fields = mssck_fields(harness)
        print(f"{len(fields)} mssck fields: {' '.join(fields)}", flush=True)
        if len(fields) < 10:
            print("too few mssck fields registered")
            return 1

        def describe(name, problems, filled):
            if problems:
                print(f"FAILED {name}: {problems[0]}")
            else:
                print(f"ok     {name}: {filled} frames with mssck fields, identical with -2")

        return check_each_capture(args.captures or captures(), args.jobs,
                                  lambda capture: compare(harness, capture, fields), describe)


if __name__ == "__main__":
    sys.exit(main())
