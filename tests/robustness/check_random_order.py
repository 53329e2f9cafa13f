#!/usr/bin/env python3
"""Re-dissection in any order shows what the first pass showed.

  check_random_order.py --plugin build/mssck.so [--seed N] [--max-frames 400] [CAPTURE...]

The Wireshark GUI dissects every frame once in order when it loads a file,
then again whenever the user clicks one, in any order. sharkd does the same
(`sharkd -`, JSON-RPC on stdin: "load", then "frame" with "proto": true).
For every test capture (testdata/*.pcap, and ../shared/captures/* when
present) this compares, frame by frame, the mssck subtree that:

  1. tshark shows in single-pass mode (`tshark -V -O mssck`): the first pass
     itself, where the analysis runs;
  2. sharkd shows when the frames are requested in a seeded random order;
  3. sharkd shows when they are then requested again in frame order.

sharkd's tree (labels, "g" for generated items) is rendered as tshark -V
prints it, so the three are compared as text. Large captures are checked on
a seeded sample of --max-frames frames (the whole capture is still loaded
and analysed). sharkd, like tshark, runs as nobody when root, with only the
plugin under test in WIRESHARK_PLUGIN_DIR.
"""
import argparse
import json
import os
import random
import re
import queue
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from robustness_common import Wireshark, captures, check_each_capture  # noqa: E402

FRAME_LINE = re.compile(r"^Frame (\d+):")
REPLY_TIMEOUT = 60


def first_pass_trees(harness, path):
    """frame number -> the mssck subtree as tshark -V prints it (single pass)."""
    trees, frame, block = {}, None, None
    out, _ = harness.run(["-n", "-V", "-O", "mssck", "-r", path])
    for line in out.splitlines():
        match = FRAME_LINE.match(line)
        if match:
            frame, block = int(match.group(1)), None
            continue
        if not line.startswith(" "):
            block = None
            if line.startswith("MSS Check"):
                block = [line]
                trees[frame] = block
            continue
        if block is not None:
            block.append(line)
    return {number: "\n".join(lines) for number, lines in trees.items()}


def render(node, depth=0):
    label = node.get("l", "")
    if node.get("g"):
        label = f"[{label}]"
    lines = ["    " * depth + label]
    for child in node.get("n", []):
        lines += render(child, depth + 1)
    return lines


class Sharkd:
    def __init__(self, harness):
        self.proc = subprocess.Popen(harness.command_for("sharkd", ["-"]), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.next_id = 0
        # A reader thread, so a reply that never comes is a timeout, not a hang.
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def send(self, method, params):
        self.next_id += 1
        request = {"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params}
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self.next_id

    def load(self, path):
        """Loads the capture; returns its frame count. sharkd 4.0 sends no
        reply to "load" when the capture's last packet is cut short (it only
        complains on stderr), so a "status" request follows it and its reply
        is the one waited for."""
        self.send("load", {"file": path})
        status = self.call("status", {})
        return int(status.get("frames", 0))

    def call(self, method, params):
        wanted = self.send(method, params)
        while True:
            try:
                line = self.lines.get(timeout=REPLY_TIMEOUT)
            except queue.Empty:
                raise RuntimeError(f"sharkd sent no reply in {REPLY_TIMEOUT}s to {method} {params}") from None
            if not line:
                raise RuntimeError(f"sharkd ended (exit {self.proc.poll()}) during {method} {params}")
            try:
                reply = json.loads(line)
            except ValueError:
                continue  # not a reply (sharkd chatter)
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise RuntimeError(f"sharkd {method} {params}: {reply['error']}")
                return reply["result"]

    def mssck_tree(self, frame):
        result = self.call("frame", {"frame": frame, "proto": True})
        blocks = [node for node in result.get("tree", []) if node.get("f") == "mssck"]
        if not blocks:
            return None
        return "\n".join(line for block in blocks for line in render(block))

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def frame_count(path):
    out = subprocess.run(["capinfos", "-c", "-M", "-T", "-r", path], capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1].split("\t")[-1])


def check_capture(plugin, capture, seed, max_frames):
    problems = []
    with Wireshark(plugin) as harness:
        path = harness.readable(capture)
        expected = first_pass_trees(harness, path)
        frames = list(range(1, frame_count(path) + 1))
        rng = random.Random(f"{seed}:{os.path.basename(capture)}")
        if len(frames) > max_frames:
            frames = sorted(rng.sample(frames, max_frames))
        shuffled = list(frames)
        rng.shuffle(shuffled)
        sharkd = Sharkd(harness)
        try:
            loaded = sharkd.load(path)
            if loaded < (frames[-1] if frames else 0):
                return [f"sharkd loaded {loaded} frames, tshark read {frames[-1]}"], 0
            random_order = {frame: sharkd.mssck_tree(frame) for frame in shuffled}
            in_order = {frame: sharkd.mssck_tree(frame) for frame in frames}
        finally:
            sharkd.close()
    for frame in frames:
        first = expected.get(frame)
        if random_order[frame] != first:
            problems.append(f"frame {frame}: random order differs from the first pass:\n"
                            f"--- tshark (first pass)\n{first}\n--- sharkd (random order)\n{random_order[frame]}")
        elif in_order[frame] != first:
            problems.append(f"frame {frame}: in-order re-dissection differs from the first pass:\n"
                            f"--- tshark (first pass)\n{first}\n--- sharkd (in order)\n{in_order[frame]}")
    with_tree = sum(1 for frame in frames if expected.get(frame))
    return problems, with_tree


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--seed", type=int, default=None, help="default: from the clock, printed")
    parser.add_argument("--max-frames", type=int, default=400, help="frames checked per capture, at most")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("captures", nargs="*")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
    print(f"check_random_order: seed {seed} (rerun with --seed {seed})", flush=True)

    with Wireshark(args.plugin) as harness:
        if not harness.plugin_is_loaded():
            print(f"tshark did not load the plugin under test ({harness.loaded_plugin_path()!r})")
            return 1

    def describe(name, problems, with_tree):
        if problems:
            print(f"FAILED {name}: {len(problems)} frames differ")
            for problem in problems[:5]:
                print("  " + problem.replace("\n", "\n  "))
        else:
            print(f"ok     {name}: {with_tree} frames with an mssck tree, same in every order")

    return check_each_capture(args.captures or captures(), args.jobs,
                              lambda capture: check_capture(args.plugin, capture, seed, args.max_frames), describe)


if __name__ == "__main__":
    sys.exit(main())
