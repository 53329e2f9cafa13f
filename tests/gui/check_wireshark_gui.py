#!/usr/bin/env python3
"""gui.screenshot: the real Wireshark (Qt) with the plugin and the profile.

Starts a private X server (Xvfb), then Wireshark as user nobody when root
(Wireshark ignores personal plugins as root), with a private HOME holding
the "MSS Check" profile and WIRESHARK_PLUGIN_DIR holding only the plugin
under test, on testdata/mss512.pcap with the display filter mssck.violation.
It waits until the window shows the violations, takes a screenshot, and
fails unless:
  - tshark in the same environment loads the plugin under test, and with the
    same profile prints the mssck column values of the violations;
  - the screenshot is not blank and shows rows in the profile's violation
    colour: Wireshark could only colour them if its display filter and
    colouring rule mssck.violation matched, that is, with the plugin loaded;
  - Wireshark logged no plugin trouble;
  - with -z mssck,conv, Wireshark opens the MSS Check Conversations table.
Everything it started is stopped by process group, also on timeout.

--docs DIR also writes the documentation screenshots (needs xdotool):
DIR/mss512-violations.png with the MSS Check subtree of the selected packet
expanded, and DIR/mss-check-conversations.png, the table dialog.
"""
import argparse
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time

import mssck_profile
from mssck_profile import PROFILE_NAME, TESTDATA

SCREEN = (1600, 900)                  # the test's screen, and the main window on it
DOCS_SCREEN = (2400, 900)             # --docs: wide enough for every column of the table dialog
VIOLATION_BG = (255, 224, 102)        # the "MSS Check: MSS violation" rule's background, 8-bit
EXPERT_WARNING_BG = (247, 242, 83)    # Wireshark's highlight of a warning item in the details
MIN_ROW_HEIGHT = 10                   # pixels of a packet list row, at any readable font size
TABLE_TITLE = "MSS Check Conversations"
STDERR_TROUBLE = re.compile(r"plugin|mssck|dissector bug|assert|critical|couldn't|could not|"
                            r"not a valid|invalid", re.IGNORECASE)


def recent_common(screen):
    """~/.config/wireshark/recent_common: the main window fills SCREEN at the top
    left (there is no window manager), the table dialog spans the screen's width."""
    return f"""gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: {SCREEN[0]}
gui.geometry_main_height: {SCREEN[1]}
gui.geometry_main_maximized: FALSE
gui.geom.{TABLE_TITLE}.x: 20
gui.geom.{TABLE_TITLE}.y: 120
gui.geom.{TABLE_TITLE}.width: {screen[0] - 40}
gui.geom.{TABLE_TITLE}.height: 220
gui.geom.{TABLE_TITLE}.maximized: FALSE
"""


class Failure(Exception):
    pass


class Deadline:
    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def left(self):
        return self.end - time.monotonic()

    def check(self, what):
        if self.left() <= 0:
            raise Failure(f"timed out waiting for {what}")


def need(program, package):
    path = shutil.which(program)
    if path is None:
        raise Failure(f"{program} not found: install the Debian package {package} (scripts/install-deps)")
    return path


def stop(process, name):
    """Stops a process this script started, with its process group."""
    if process is None or process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 3), (signal.SIGKILL, 3)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
    print(f"warning: {name} (pid {process.pid}) did not stop", file=sys.stderr)


class XServer:
    """A private Xvfb; -displayfd picks a free display number."""

    def __init__(self, workdir, deadline, screen):
        xvfb = need("Xvfb", "xvfb")
        read_end, write_end = os.pipe()
        self.log = open(os.path.join(workdir, "xvfb.log"), "w")
        self.process = subprocess.Popen(
            [xvfb, "-displayfd", str(write_end), "-screen", "0", f"{screen[0]}x{screen[1]}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_end,), stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            start_new_session=True)
        os.close(write_end)
        number = b""
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], max(0.1, min(10, deadline.left())))
            if not ready:
                raise Failure("Xvfb did not report its display number")
            chunk = os.read(read_end, 16)
            if not chunk:
                raise Failure(f"Xvfb exited; see {self.log.name}")
            number += chunk
        os.close(read_end)
        self.display = ":" + number.decode().strip()

    def close(self):
        stop(self.process, "Xvfb")
        self.log.close()

    def env(self):
        return dict(os.environ, DISPLAY=self.display)

    def windows(self):
        """Top-level windows: [(name, x, y, width, height)]."""
        out = subprocess.run([need("xwininfo", "x11-utils"), "-root", "-children"], env=self.env(),
                             capture_output=True, text=True, timeout=10).stdout
        found = []
        for match in re.finditer(r'^\s+0x[0-9a-f]+ "(.*)": \(.*\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)', out, re.M):
            name, w, h, x, y = match.groups()
            found.append((name, int(x), int(y), int(w), int(h)))
        return found

    def screenshot(self):
        """The whole screen: (width, height, RGB bytes)."""
        data = subprocess.run([need("import", "imagemagick"), "-window", "root", "-depth", "8", "ppm:-"],
                              env=self.env(), capture_output=True, timeout=20, check=True).stdout
        return parse_ppm(data)


def parse_ppm(data):
    """A binary PPM (P6, 8-bit) as (width, height, RGB bytes)."""
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or int(fields[3]) != 255:
        raise Failure(f"unexpected screenshot format {fields}")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height * 3]
    return width, height, pixels


def pixel_rows(shot, colour, min_share=0.3):
    """Rows of pixels (y) in which at least min_share of the pixels have colour."""
    width, height, pixels = shot
    pattern = re.compile(re.escape(bytes(colour)))
    counts = {}
    for match in pattern.finditer(pixels):
        if match.start() % 3 == 0:
            y = match.start() // 3 // width
            counts[y] = counts.get(y, 0) + 1
    return sorted(y for y, n in counts.items() if n >= min_share * width)


def colour_box(shot, colour, region):
    """Bounding box (x0, y0, x1, y1) of colour inside region (x0, y0, x1, y1), or None."""
    width, _, pixels = shot
    rx0, ry0, rx1, ry1 = region
    xs, ys = [], []
    target = bytes(colour)
    for y in range(ry0, ry1):
        row = pixels[(y * width + rx0) * 3:(y * width + rx1) * 3]
        for match in re.finditer(re.escape(target), row):
            if match.start() % 3 == 0:
                xs.append(rx0 + match.start() // 3)
                ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def distinct_colours(shot, step=7):
    _, _, pixels = shot
    return len({pixels[i:i + 3] for i in range(0, len(pixels) - 2, 3 * step)})


def write_png(shot, path, crop=None, colours=None):
    """Writes the screenshot as PNG through ImageMagick: cropped to (x, y, w, h),
    and reduced to a palette of `colours` to keep a committed image small."""
    width, height, pixels = shot
    ppm = b"P6\n%d %d\n255\n" % (width, height) + pixels
    args = [need("convert", "imagemagick"), "ppm:-"]
    if crop:
        args += ["-crop", "%dx%d+%d+%d" % (crop[2], crop[3], crop[0], crop[1]), "+repage"]
    args += ["-strip"]
    if colours:
        args += ["-dither", "None", "-colors", str(colours), "png8:" + path]
    else:
        args += ["png:" + path]
    subprocess.run(args, input=ppm, check=True, timeout=30)


def readable_copy(tshark, capture):
    """A copy that user nobody can read, under its own name (the window title)."""
    folder = os.path.join(tshark.workdir, "captures")
    os.makedirs(folder, exist_ok=True)
    os.chmod(folder, 0o755)
    copy = os.path.join(folder, os.path.basename(capture))
    shutil.copyfile(capture, copy)
    os.chmod(copy, 0o644)
    return copy


class Wireshark:
    """The wireshark binary as the harness runs tshark: as nobody when root,
    with the harness's private HOME and plugin folder."""

    def __init__(self, tshark, x, args, log_name):
        wireshark = need("wireshark", "wireshark-qt")
        runtime = os.path.join(tshark.workdir, "runtime")
        os.makedirs(runtime, exist_ok=True)
        os.chmod(runtime, 0o700)
        if os.geteuid() == 0:
            os.chown(runtime, mssck_profile.tshark_harness.NOBODY, mssck_profile.tshark_harness.NOBODY)
        self.log_path = os.path.join(tshark.workdir, log_name)
        self.log = open(self.log_path, "w")
        env = ["env", "-i", "PATH=/usr/bin:/bin", f"DISPLAY={x.display}", f"HOME={tshark.home}",
               f"WIRESHARK_PLUGIN_DIR={tshark.plugin_dir}", "LC_ALL=C.UTF-8", "TZ=UTC",
               f"XDG_RUNTIME_DIR={runtime}", "QT_QPA_PLATFORM=xcb", "NO_AT_BRIDGE=1"]
        command = mssck_profile.unprivileged_prefix() + env + [wireshark] + list(args)
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True,
                                        cwd=tshark.workdir)

    def check_running(self):
        if self.process.poll() is not None:
            raise Failure(f"wireshark exited with {self.process.returncode}:\n{self.output()}")

    def output(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def close(self):
        stop(self.process, "wireshark")
        self.log.close()


def wait_for_window(x, wireshark, deadline, predicate, what):
    while True:
        wireshark.check_running()
        for window in x.windows():
            if predicate(window):
                return window
        deadline.check(what)
        time.sleep(0.25)


def wait_for_violation_rows(x, wireshark, deadline, expected_rows):
    """Screenshots until the packet list shows the violations in their colour,
    the same rows in two screenshots in a row (drawing has finished)."""
    previous = None
    while True:
        wireshark.check_running()
        shot = x.screenshot()
        rows = pixel_rows(shot, VIOLATION_BG)
        if rows and rows == previous:
            return shot, rows
        previous = rows
        if deadline.left() <= 0:
            raise Failure(f"no stable screenshot with the {expected_rows} violation rows in their colour "
                          f"(found {len(rows)} pixel rows of it); Wireshark said:\n{wireshark.output()}")
        time.sleep(0.5)


def check_log(wireshark):
    trouble = [line for line in wireshark.output().splitlines() if STDERR_TROUBLE.search(line)]
    if trouble:
        raise Failure("Wireshark logged trouble:\n" + "\n".join(trouble))


def expand_mssck_subtree(x, shot):
    """Docs only: clicks the MSS Check item (Wireshark highlights it as a
    warning) in the packet details and expands it with its subtrees."""
    xdotool = need("xdotool", "xdotool")
    width, height, _ = shot
    box = colour_box(shot, EXPERT_WARNING_BG, (0, height // 2, width // 2, height))
    if box is None:
        raise Failure("no highlighted MSS Check item in the packet details")
    cx, cy = box[0] + 40, (box[1] + box[3]) // 2
    env = x.env()
    subprocess.run([xdotool, "mousemove", str(cx), str(cy), "click", "1"], env=env, check=True, timeout=10)
    time.sleep(0.5)
    subprocess.run([xdotool, "key", "shift+Right"], env=env, check=True, timeout=10)
    subprocess.run([xdotool, "mousemove", str(width - 5), str(height - 5)], env=env, check=True, timeout=10)
    time.sleep(1.5)
    return x.screenshot()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plugin", required=True, help="the built mssck.so")
    parser.add_argument("--capture", default=os.path.join(TESTDATA, "mss512.pcap"))
    parser.add_argument("--filter", default="mssck.violation")
    parser.add_argument("--screenshot", help="where to keep the screenshot (PNG)")
    parser.add_argument("--docs", metavar="DIR", help="also write the documentation screenshots into DIR")
    parser.add_argument("--timeout", type=float, default=60, help="seconds for the whole check")
    args = parser.parse_args()

    deadline = Deadline(args.timeout)
    started = time.monotonic()
    tshark = mssck_profile.tshark_harness.Tshark(args.plugin)
    x = wireshark = None
    try:
        screen = DOCS_SCREEN if args.docs else SCREEN
        mssck_profile.install_profile(tshark, recent_common=recent_common(screen))
        capture = readable_copy(tshark, args.capture)

        # tshark in the same environment: the plugin under test, and the values
        # the profile's columns show.
        loaded = mssck_profile.check_plugin_is_the_copy(tshark)
        out, err = tshark.run(["-C", PROFILE_NAME, "-r", capture, "-Y", args.filter,
                               "-T", "fields", "-e", "frame.number", "-e", "mssck.peer_mss",
                               "-e", "mssck.limit", "-e", "mssck.finding"], timeout=max(5, deadline.left()))
        mssck_profile.tshark_harness.check_stderr(err)
        rows = [line.split("\t") for line in out.splitlines()]
        if not rows or not all(all(row) for row in rows):
            raise Failure(f"tshark with the profile: {args.filter} frames without mssck values:\n{out}")
        print(f"tshark loads {loaded}; {len(rows)} frames match {args.filter}, e.g. {rows[0]}")

        x = XServer(tshark.workdir, deadline, screen)
        wireshark = Wireshark(tshark, x, ["-C", PROFILE_NAME, "-r", capture, "-Y", args.filter], "wireshark.log")
        name = os.path.basename(capture)
        window = wait_for_window(x, wireshark, deadline,
                                 lambda w: w[0] == name and w[3] >= SCREEN[0] // 2, f"the {name} window")
        print(f"Wireshark window {window} on display {x.display} after {time.monotonic() - started:.1f} s")
        shot, colour_rows = wait_for_violation_rows(x, wireshark, deadline, len(rows))
        colours = distinct_colours(shot)
        if colours < 20:
            raise Failure(f"the screenshot looks blank ({colours} colours)")
        # Every frame that matches is a row in the violation colour, but the
        # selected one (the selection colour); rows touch, and a row of text is
        # at least MIN_ROW_HEIGHT pixels high.
        if len(colour_rows) < (len(rows) - 1) * MIN_ROW_HEIGHT:
            raise Failure(f"{len(colour_rows)} lines of pixels in the violation colour: too few for "
                          f"the {len(rows) - 1} unselected rows of the {len(rows)} frames that match {args.filter}")
        check_log(wireshark)
        print(f"screenshot: {colours}+ colours, {len(colour_rows)} lines of pixels in the violation colour")
        if args.screenshot:
            write_png(shot, args.screenshot, crop=window[1:])
            print(f"screenshot saved as {args.screenshot}")
        if args.docs:
            docs_shot = expand_mssck_subtree(x, shot)
            path = os.path.join(args.docs, "mss512-violations.png")
            write_png(docs_shot, path, crop=window[1:], colours=64)
            print(f"wrote {path} ({os.path.getsize(path)} bytes)")
        wireshark.close()

        # The conversation table: -z mssck,conv opens it over the main window.
        wireshark = Wireshark(tshark, x, ["-C", PROFILE_NAME, "-r", capture, "-z", "mssck,conv"],
                              "wireshark-table.log")
        table = wait_for_window(x, wireshark, deadline, lambda w: TABLE_TITLE in w[0],
                                f"the {TABLE_TITLE} dialog")
        print(f"table dialog {table}")
        time.sleep(1.5)
        check_log(wireshark)
        if args.docs:
            _, tx, ty, tw, th = table
            path = os.path.join(args.docs, "mss-check-conversations.png")
            write_png(x.screenshot(), path, crop=(tx, ty, tw, th), colours=64)
            print(f"wrote {path} ({os.path.getsize(path)} bytes)")
        print(f"gui.screenshot passed in {time.monotonic() - started:.1f} s")
        return 0
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        if wireshark is not None:
            print(f"Wireshark's output:\n{wireshark.output()}", file=sys.stderr)
        if x is not None and args.screenshot:
            try:
                write_png(x.screenshot(), args.screenshot)
                print(f"the screen at the failure: {args.screenshot}", file=sys.stderr)
            except (subprocess.SubprocessError, OSError, Failure) as error:
                print(f"no screenshot of the failure: {error}", file=sys.stderr)
        return 1
    finally:
        if wireshark is not None:
            wireshark.close()
        if x is not None:
            x.close()
        tshark.close()


if __name__ == "__main__":
    sys.exit(main())
