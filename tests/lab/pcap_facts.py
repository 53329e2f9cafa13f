#!/usr/bin/env python3
"""Measure what a lab capture shows, with tshark, and check it against expectations.

Usage: pcap_facts.py CAPTURE --client ADDR --server ADDR [--expect KEY=VALUE ...]

Prints one line per fact ("key = value   meaning").  Each --expect is
KEY=VALUE (exact text), KEY>=N or KEY<=N (numbers); the exit status is 1 when
one of them does not hold, so the lab never files a capture that does not
show what its scenario claims.
"""

import argparse
import re
import subprocess
import sys

# How many of the last data segments show the size a sender ended up with.
TAIL = 5

FIELDS = [
    "frame.number", "ip.src", "ipv6.src", "tcp.flags.syn", "tcp.flags.ack",
    "tcp.flags.fin", "tcp.flags.reset", "tcp.seq", "tcp.ack", "tcp.len",
    "tcp.options.mss_val", "ip.flags.df",
    "icmp.type", "icmp.code", "icmp.mtu", "icmpv6.type", "icmpv6.mtu",
]


def read_packets(capture: str) -> list:
    # Relative sequence numbers whatever the user's Wireshark preferences say;
    # occurrence=f: the outer header's value where an ICMP error quotes one.
    command = ["tshark", "-n", "-r", capture,
               "-o", "tcp.analyze_sequence_numbers:TRUE",
               "-o", "tcp.relative_sequence_numbers:TRUE",
               "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f"]
    for field in FIELDS:
        command += ["-e", field]
    # tshark warns on stderr when run as root; only its fields matter here.
    output = subprocess.run(command, check=True, capture_output=True,
                            text=True).stdout
    packets = []
    for line in output.splitlines():
        values = line.split("\t")
        packets.append(dict(zip(FIELDS, values + [""] * len(FIELDS))))
    return packets


def flag(value: str) -> bool:
    return value in ("1", "True", "true")


def number(value: str) -> int:
    return int(value) if value else 0


def size_histogram(sizes: list) -> str:
    counts = {}
    for size in sizes:
        counts[size] = counts.get(size, 0) + 1
    return " ".join(f"{size}x{counts[size]}" for size in sorted(counts, reverse=True)) or "none"


def measure(packets: list, client: str, server: str) -> list:
    """Return (key, value, meaning) triples, in a fixed order."""
    ipv4 = ":" not in client
    mss = {"c2s": "none", "s2c": "none"}
    data = {"c2s": [], "s2c": []}
    retransmitted = {"c2s": 0, "s2c": 0}
    highest_ack = {"c2s": 0, "s2c": 0}   # acks sent in that direction
    highest_byte = {"c2s": 0, "s2c": 0}  # last data byte sent in that direction
    fin = {"c2s": "no", "s2c": "no"}
    df_cleared = []
    icmp_mtus = []
    icmp_sources = set()
    resets = 0

    for packet in packets:
        source = packet["ip.src"] or packet["ipv6.src"]
        is_icmp_error = (packet["icmp.type"] == "3" and packet["icmp.code"] == "4") \
            or packet["icmpv6.type"] == "2"
        if is_icmp_error:
            icmp_mtus.append(packet["icmp.mtu"] or packet["icmpv6.mtu"])
            icmp_sources.add(source)
            continue
        if packet["icmp.type"] or packet["icmpv6.type"] or not packet["tcp.seq"]:
            continue
        if source == client:
            direction = "c2s"
        elif source == server:
            direction = "s2c"
        else:
            continue
        if flag(packet["tcp.flags.syn"]) and packet["tcp.options.mss_val"]:
            mss[direction] = packet["tcp.options.mss_val"]
        if flag(packet["tcp.flags.fin"]):
            fin[direction] = "yes"
        if flag(packet["tcp.flags.reset"]):
            resets += 1
        if flag(packet["tcp.flags.ack"]):
            highest_ack[direction] = max(highest_ack[direction],
                                         number(packet["tcp.ack"]))
        length = number(packet["tcp.len"])
        if length:
            data[direction].append(length)
            first_byte = number(packet["tcp.seq"])
            # Counted here rather than by tshark's analysis, which calls
            # segments resent within microseconds "out-of-order".
            if first_byte <= highest_byte[direction]:
                retransmitted[direction] += 1
            highest_byte[direction] = max(highest_byte[direction],
                                          first_byte + length - 1)
            if ipv4 and not flag(packet["ip.flags.df"]):
                df_cleared.append(packet["frame.number"])

    def acked(direction: str) -> int:
        other = "s2c" if direction == "c2s" else "c2s"
        # Relative acks count the SYN as one byte; never report past what was sent.
        return max(0, min(highest_ack[other] - 1, highest_byte[direction]))

    facts = [("frames", len(packets), "packets in the capture (tcp + icmp errors)"),
             ("mss_client", mss["c2s"], "MSS option in the client's SYN"),
             ("mss_server", mss["s2c"], "MSS option in the server's SYN-ACK")]
    for direction, who in (("c2s", "client -> server"), ("s2c", "server -> client")):
        sizes = data[direction]
        facts += [
            (f"data_segments_{direction}", len(sizes), f"{who} segments carrying data"),
            (f"max_payload_{direction}", max(sizes, default=0),
             f"{who} largest TCP payload (bytes)"),
            (f"final_payload_{direction}", max(sizes[-TAIL:], default=0),
             f"{who} largest payload among its last {TAIL} data segments"),
            (f"payload_sizes_{direction}", size_histogram(sizes),
             f"{who} payload size x number of segments"),
            (f"retransmissions_{direction}", retransmitted[direction],
             f"{who} data segments re-sending bytes already seen"),
            (f"sent_{direction}", highest_byte[direction],
             f"{who} highest data byte seen (relative sequence)"),
            (f"acked_{direction}", acked(direction),
             f"{who} data bytes acknowledged by the peer"),
            (f"fin_{direction}", fin[direction], f"{who} FIN seen"),
        ]
    facts.append(("retransmissions", retransmitted["c2s"] + retransmitted["s2c"],
                  "data segments re-sending bytes already seen, both directions"))
    if ipv4:
        facts.append(("df_cleared_c2s", len(df_cleared),
                      "client -> server data segments without DF"))
        facts.append(("first_df_cleared_frame", df_cleared[0] if df_cleared else "none",
                      "frame of the first data segment without DF"))
    facts += [
        ("icmp_too_big", len(icmp_mtus),
         "ICMP frag-needed (type 3 code 4) / ICMPv6 Packet Too Big messages"),
        ("icmp_mtus", ",".join(sorted(set(icmp_mtus), key=int)) or "none",
         "distinct MTU values those messages carry"),
        ("icmp_sources", ",".join(sorted(icmp_sources)) or "none",
         "who sent them"),
        ("resets", resets, "TCP segments with RST"),
    ]
    return facts


def check(facts: list, expectations: list) -> list:
    values = {key: str(value) for key, value, _ in facts}
    failures = []
    for expectation in expectations:
        match = re.fullmatch(r"([a-z0-9_]+)(>=|<=|=)(.+)", expectation)
        if not match or match.group(1) not in values:
            failures.append(f"cannot check {expectation!r}")
            continue
        key, operator, wanted = match.groups()
        actual = values[key]
        if operator == "=":
            holds = actual == wanted
        elif not actual.isdigit():
            holds = False
        elif operator == ">=":
            holds = int(actual) >= int(wanted)
        else:
            holds = int(actual) <= int(wanted)
        if not holds:
            failures.append(f"expected {key}{operator}{wanted}, capture has {actual}")
    return failures


def main(argv: list) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capture")
    parser.add_argument("--client", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--expect", action="append", default=[])
    args = parser.parse_args(argv)

    facts = measure(read_packets(args.capture), args.client, args.server)
    for key, value, meaning in facts:
        print(f"{key:<24} = {str(value):<14} {meaning}")
    failures = check(facts, args.expect)
    for failure in failures:
        print(f"pcap_facts: {args.capture}: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
