#!/usr/bin/env python3
"""The plugin under test is the one tshark loads, and it registers the
protocol, its fields and one expert info per catalog entry."""
import argparse
import os
import re
import sys

from tshark_harness import Tshark

# The catalog's keys, read from its source so the test follows it.
CATALOG_KEY = re.compile(r'\{FindingId::\w+, "(\w+)"')
FIELDS = ["mssck.sender_mss", "mssck.sender_mss.source", "mssck.sender_mss.frame", "mssck.peer_mss",
          "mssck.peer_mss.source", "mssck.peer_mss.frame", "mssck.limit", "mssck.option_bytes",
          "mssck.excess", "mssck.offload.evidence"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--catalog", required=True, help="expert/finding_catalog.cpp")
    args = parser.parse_args()
    with open(args.catalog, encoding="utf-8") as handle:
        keys = CATALOG_KEY.findall(handle.read())

    problems = []
    with Tshark(args.plugin) as tshark:
        loaded = tshark.loaded_plugin_path()
        if loaded is None or os.path.realpath(loaded) != os.path.realpath(tshark.plugin_copy):
            problems.append(f"tshark loaded {loaded!r}, not the plugin under test {tshark.plugin_copy}")
        protocols, _ = tshark.run(["-G", "protocols"])
        if "MSS Check\tMSSCK\tmssck" not in protocols.splitlines():
            problems.append("tshark -G protocols does not list mssck")
        fields, _ = tshark.run(["-G", "fields"])
        registered = {line.split("\t")[2]: line.split("\t")[3] for line in fields.splitlines()
                      if line.startswith("F\t") and "\tmssck." in line}
        for field in FIELDS:
            if field not in registered:
                problems.append(f"field {field} is not registered")
        if not keys:
            problems.append(f"no catalog keys found in {args.catalog}")
        for key in keys:
            if registered.get(f"mssck.{key}") != "FT_NONE":
                problems.append(f"expert info mssck.{key} is not registered")

    for problem in problems:
        print("FAIL: " + problem)
    print(f"plugin loads: {len(FIELDS)} fields and {len(keys)} expert infos checked, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
