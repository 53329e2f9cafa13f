"""Per-frame rows of a lab capture as dictionaries, for scenario tests."""
import os

from tshark_harness import Tshark

TESTDATA = os.environ.get("MSSCK_TESTDATA", os.path.join(os.path.dirname(__file__), "..", "..", "testdata"))


def capture_path(name):
    return os.path.join(TESTDATA, name + ".pcap")


def frames(tshark, name, fields, two_pass=False, display_filter=None):
    rows = tshark.fields(capture_path(name), fields, two_pass=two_pass, display_filter=display_filter)
    return [dict(zip(fields, row)) for row in rows]
