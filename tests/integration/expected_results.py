"""The per-capture expected results: what mssck shows on every frame.

Two files per capture in testdata/expected/:
  <name>.fields.tsv   the mssck field values of every frame that has any,
                      one row a frame, the first line naming the fields;
  <name>.findings.txt every expert info mssck raised: frame, severity, text.
"""
import os
import re

DEFAULT_FIELDS = [
    "frame.number", "tcp.stream", "tcp.len",
    "mssck.sender_mss", "mssck.peer_mss", "mssck.peer_mss.source", "mssck.peer_mss.frame",
    "mssck.limit", "mssck.excess",
    "mssck.violation", "mssck.offload", "mssck.assumed_limit_exceeded",
    "mssck.mss_changed", "mssck.mss_default",
    "mssck.os", "mssck.os.match", "mssck.os.distance", "mssck.link",
    "mssck.icmp.stream", "mssck.icmp.mtu", "mssck.icmp.frame", "mssck.pmtu.low", "mssck.pmtu.high",
    "mssck.finding", "mssck.hint",
]
KEY_FIELDS = 3  # frame.number, tcp.stream, tcp.len: context, not mssck output


def fields_table(tshark, capture, fields, two_pass):
    rows = tshark.fields(capture, fields, two_pass=two_pass)
    kept = [row for row in rows if any(cell for cell in row[KEY_FIELDS:])]
    return ["\t".join(fields)] + ["\t".join(row) for row in kept]


FRAME_LINE = re.compile(r"^Frame (\d+):")
EXPERT_LINE = re.compile(r"^\s+\[Expert Info \((\w+)/\w+\): (.*)\]$")


def findings_list(tshark, capture, two_pass):
    """Every mssck expert info, as 'frame<TAB>severity<TAB>message' lines."""
    lines, frame, in_mssck = [], None, False
    for line in tshark.mssck_tree(capture, two_pass=two_pass).splitlines():
        match = FRAME_LINE.match(line)
        if match:
            frame, in_mssck = match.group(1), False
            continue
        if not line.startswith(" "):
            in_mssck = line.startswith("MSS Check")
            continue
        expert = EXPERT_LINE.match(line)
        if in_mssck and expert:
            lines.append(f"{frame}\t{expert.group(1)}\t{expert.group(2)}")
    return lines


def expected_paths(expected_dir, capture):
    name = os.path.splitext(os.path.basename(capture))[0]
    return (os.path.join(expected_dir, name + ".fields.tsv"),
            os.path.join(expected_dir, name + ".findings.txt"))


def read_lines(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().splitlines()


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
