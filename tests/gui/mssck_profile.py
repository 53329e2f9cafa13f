"""The "MSS Check" configuration profile in a private Wireshark home.

Builds on tests/integration/tshark_harness.py: its Tshark object already
holds a private HOME (owned by user nobody when the tests run as root) and a
plugin folder with only the plugin under test. install_profile() copies
profiles/MSS Check/ into that HOME's ~/.config/wireshark/profiles/, where
both tshark -C and wireshark -C find it.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import tshark_harness  # noqa: E402  (the path is set just above)

PROFILE_NAME = "MSS Check"
PROFILE_SOURCE = os.path.join(REPO, "profiles", PROFILE_NAME)
TESTDATA = os.environ.get("MSSCK_TESTDATA", os.path.join(REPO, "testdata"))
DEFAULT_COLORFILTERS = "/usr/share/wireshark/colorfilters"

# The mssck colouring rules, worst finding first, as profiles/MSS Check/colorfilters
# has them: (rule name, the expert info that selects it).
MSSCK_RULES = [
    ("MSS Check: black hole, no ICMP", "mssck.icmp.missing"),
    ("MSS Check: black hole", "mssck.blackhole"),
    ("MSS Check: ICMP ignored", "mssck.icmp.ignored"),
    ("MSS Check: MSS violation", "mssck.violation"),
    ("MSS Check: stall", "mssck.stall"),
    ("MSS Check: offload artifact", "mssck.offload"),
]


def config_dir(tshark):
    return os.path.join(tshark.home, ".config", "wireshark")


def install_profile(tshark, source=PROFILE_SOURCE, recent_common=None):
    """Copies the profile into the harness's private HOME; returns its path.
    recent_common, when given, is written as ~/.config/wireshark/recent_common
    (window geometry for the GUI test)."""
    profiles = os.path.join(config_dir(tshark), "profiles")
    target = os.path.join(profiles, PROFILE_NAME)
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(profiles, exist_ok=True)
    shutil.copytree(source, target)
    if recent_common is not None:
        with open(os.path.join(config_dir(tshark), "recent_common"), "w") as out:
            out.write(recent_common)
    give_to_tshark_user(tshark.home)
    return target


def give_to_tshark_user(path):
    """Readable by all; owned by nobody when root, as the harness runs
    tshark and wireshark as nobody then (Wireshark writes its recent files
    into the profile)."""
    for root, dirs, files in os.walk(path):
        for name in dirs + [""]:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
        if os.geteuid() == 0:
            for name in dirs + files + [""]:
                os.chown(os.path.join(root, name), tshark_harness.NOBODY, tshark_harness.NOBODY)


def unprivileged_prefix():
    """setpriv to user nobody when root (Wireshark ignores personal plugins as root)."""
    if os.geteuid() == 0:
        n = tshark_harness.NOBODY
        return ["setpriv", f"--reuid={n}", f"--regid={n}", "--clear-groups"]
    return []


def check_plugin_is_the_copy(tshark):
    """The plugin tshark loads from this environment is the copy under test."""
    loaded = tshark.loaded_plugin_path()
    if loaded is None:
        raise AssertionError("tshark did not load mssck.so (tshark -G plugins does not list it)")
    if os.path.realpath(loaded) != os.path.realpath(tshark.plugin_copy):
        raise AssertionError(f"tshark loaded {loaded}, not the plugin under test {tshark.plugin_copy}")
    return loaded


def read_colorfilters(path):
    """The rules of a colorfilters file: [(disabled, name, filter, bg, fg)], colours
    as 16-bit (r, g, b); Wireshark's format is @name@filter@[bg r,g,b][fg r,g,b]."""
    rules = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            disabled = line.startswith("!")
            body = line[1:] if disabled else line
            if not body.startswith("@"):
                raise ValueError(f"{path}: not a colouring rule: {line}")
            _, name, dfilter, colours = body.split("@", 3)
            if not (colours.startswith("[") and colours.endswith("]") and "][" in colours):
                raise ValueError(f"{path}: bad colours in: {line}")
            bg, fg = (tuple(int(v) for v in part.split(",")) for part in colours[1:-1].split("]["))
            rules.append((disabled, name, dfilter, bg, fg))
    return rules


def contrast_ratio(a, b):
    """WCAG 2 contrast ratio of two 16-bit (r, g, b) colours."""
    def luminance(colour):
        channels = []
        for v in colour:
            c = v / 65535
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
