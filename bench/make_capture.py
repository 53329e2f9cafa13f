#!/usr/bin/env python3
"""Builds the benchmark capture from the project's own lab captures.

  bench/make_capture.py --out build/bench/merged.pcap [--min-packets N] [--min-conversations N]

The lab captures (testdata/*.pcap, one TCP conversation each, all between
the same two documentation addresses) are merged into one "unit"; the unit
is copied as often as needed to reach both minimums, each copy with its own
addresses (tcprewrite --seed=SEED+i randomises every IPv4/IPv6 address of
the copy), and the copies are merged in time order (mergecap), so thousands
of conversations run side by side, as on a busy link. ICMP errors keep
quoting the original addresses (tcprewrite does not rewrite quoted
headers): they stay ICMP frames for mssck but tie to no copy's conversation.

Nothing here is committed: the capture is made at run time, under build/.
A JSON file beside it records what it holds (packets, conversations, the
inputs' sizes and the seed) and lets a later run reuse it.
"""
import argparse
import concurrent.futures
import glob
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MERGE_BATCH = 200  # input files per mergecap call: stays far below the open-file limit


def run(args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def source_captures(source_dir):
    found = sorted(glob.glob(os.path.join(source_dir, "*.pcap")))
    if not found:
        sys.exit(f"make_capture: no *.pcap in {source_dir}; the lab makes them (tests/lab/mssck-lab)")
    return found


def fingerprint(paths, seed):
    digest = hashlib.sha256(str(seed).encode())
    for path in paths:
        digest.update(os.path.basename(path).encode())
        with open(path, "rb") as handle:
            digest.update(hashlib.sha256(handle.read()).digest())
    return digest.hexdigest()


def packet_count(path):
    out = run(["capinfos", "-c", "-M", "-T", "-r", path]).stdout.strip().splitlines()[-1]
    return int(out.split("\t")[-1])


def conversation_count(path):
    """Distinct tcp.stream values, as Wireshark numbers conversations."""
    with tempfile.TemporaryDirectory() as no_plugins:
        proc = subprocess.Popen(["tshark", "-n", "-r", path, "-T", "fields", "-e", "tcp.stream"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                env=dict(os.environ, WIRESHARK_PLUGIN_DIR=no_plugins))
        streams = set()
        for line in proc.stdout:
            line = line.strip()
            if line:
                streams.add(line)
        proc.wait()
    return len(streams)


def make_slice(capture, packets, work_dir):
    """The capture itself for "all", else its packets in range `packets`
    (editcap -r, "1-200000"), made once in work_dir and kept while newer
    than the capture."""
    if packets == "all":
        return capture
    path = os.path.join(work_dir, f"slice-{packets}.pcap")
    if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(capture):
        subprocess.run(["editcap", "-r", capture, path, packets], check=True)
        os.chmod(path, 0o644)
    return path


def build(out, sources, min_packets, min_conversations, seed, jobs, log):
    meta_path = out + ".json"
    key = fingerprint(sources, seed)
    if os.path.exists(out) and os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as handle:
            meta = json.load(handle)
        if (meta.get("key") == key and meta["packets"] >= min_packets and
                meta["conversations"] >= min_conversations):
            log(f"reusing {out}: {meta['packets']} packets, {meta['conversations']} conversations")
            return meta

    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    work = tempfile.mkdtemp(prefix="mssck-bench-", dir=os.path.dirname(os.path.abspath(out)))
    try:
        unit = os.path.join(work, "unit.pcap")
        run(["mergecap", "-F", "pcap", "-w", unit] + sources)
        unit_packets = packet_count(unit)
        unit_conversations = conversation_count(unit)
        copies = max(math.ceil(min_packets / unit_packets), math.ceil(min_conversations / unit_conversations), 1)
        log(f"unit: {len(sources)} lab captures, {unit_packets} packets, {unit_conversations} conversations; "
            f"{copies} copies, tcprewrite --seed={seed}..{seed + copies - 1}")

        def rewrite(i):
            copy = os.path.join(work, f"copy-{i:06d}.pcap")
            run(["tcprewrite", f"--seed={seed + i}", f"--infile={unit}", f"--outfile={copy}"])
            return copy

        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            copy_paths = list(pool.map(rewrite, range(copies)))

        def merge(batch_index):
            batch = copy_paths[batch_index:batch_index + MERGE_BATCH]
            merged = os.path.join(work, f"batch-{batch_index:06d}.pcap")
            run(["mergecap", "-F", "pcap", "-w", merged] + batch)
            for path in batch:
                os.remove(path)
            return merged

        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            batches = list(pool.map(merge, range(0, len(copy_paths), MERGE_BATCH)))
        partial = out + ".partial"
        run(["mergecap", "-F", "pcap", "-w", partial] + batches)
        os.replace(partial, out)
        os.chmod(out, 0o644)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    meta = {
        "key": key,
        "seed": seed,
        "copies": copies,
        "sources": [os.path.basename(path) for path in sources],
        "unit_packets": unit_packets,
        "unit_conversations": unit_conversations,
        "packets": packet_count(out),
        "bytes": os.path.getsize(out),
    }
    log(f"counting conversations in {out} ...")
    meta["conversations"] = conversation_count(out)
    with open(meta_path, "w", encoding="utf-8") as handle:
        json.dump(meta, handle, indent=1)
    log(f"built {out}: {meta['packets']} packets, {meta['conversations']} conversations, "
        f"{meta['bytes'] / 1e6:.0f} MB")
    if meta["packets"] < min_packets or meta["conversations"] < min_conversations:
        raise RuntimeError(f"capture too small: {meta} (address collisions between copies?)")
    return meta


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(REPO, "build", "bench", "merged.pcap"))
    parser.add_argument("--source-dir", default=os.path.join(REPO, "testdata"))
    parser.add_argument("--min-packets", type=int, default=1_000_000)
    parser.add_argument("--min-conversations", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    meta = build(args.out, source_captures(args.source_dir), args.min_packets, args.min_conversations,
                 args.seed, args.jobs, lambda text: print(text, file=sys.stderr, flush=True))
    print(json.dumps(meta, indent=1))


if __name__ == "__main__":
    main()
