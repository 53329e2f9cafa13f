"""export.formats: mssck fields exported for scripts and search engines.

Runs the real tshark (through tests/integration/tshark_harness.py) on
testdata/mss512.pcap and checks:
  - -T ek (Elasticsearch / OpenSearch bulk lines) against the recorded
    expected/mss512.ek.ndjson, and that two runs print the same lines: the
    "timestamp" of each document is the frame's time in ms, and the index
    name of each action line ("packets-YYYY-MM-DD") is the frame's date in
    the local time zone, so the test pins TZ=UTC; with another zone only the
    index names change;
  - the bulk lines are what a bulk API takes once "_type" is dropped (the
    README's sed), and every field is in docs/mssck-index-template.json with
    a type that fits Wireshark's type for it;
  - -T fields as CSV, -T json -e and -T json -J mssck parse and carry the
    same mssck values as the bulk lines.

No search engine runs here: the bulk lines are compared with the recorded file.
Regenerate that file after a change of behaviour with
    MSSCK_PLUGIN=build/mssck.so python3 tests/export/check_export_formats.py --update
and read the diff before committing it.
"""
import csv
import datetime
import io
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import tshark_harness  # noqa: E402

TESTDATA = os.environ.get("MSSCK_TESTDATA", os.path.join(REPO, "testdata"))
CAPTURE = os.path.join(TESTDATA, "mss512.pcap")
EXPECTED_EK = os.path.join(HERE, "expected", "mss512.ek.ndjson")
TEMPLATE = os.path.join(REPO, "docs", "mssck-index-template.json")

# The recorded bulk lines: these fields of every frame with an mssck tree.
EK_FIELDS = ["frame.number", "mssck.peer_mss", "mssck.limit", "mssck.violation", "mssck.finding", "mssck.os"]
EK_FILTER = "mssck"
# The fields of the README's example pipeline (all must be in the template).
README_FIELDS = ["frame.number", "tcp.stream", "ip.src", "ip.dst", "mssck.peer_mss", "mssck.limit",
                 "mssck.violation", "mssck.blackhole", "mssck.icmp.missing", "mssck.icmp.ignored",
                 "mssck.finding", "mssck.os"]
# The README drops the "_type" that Elasticsearch 8 and OpenSearch 2 refuse.
README_SED = 's/,"_type":"doc"//'
# Wireshark field types and the index template types that hold them.
TEMPLATE_TYPES = {
    "FT_UINT8": {"short", "integer", "long"}, "FT_UINT16": {"integer", "long"},
    "FT_UINT32": {"long"}, "FT_FRAMENUM": {"long"}, "FT_STRING": {"keyword", "text"},
    "FT_NONE": {"short", "byte", "integer", "keyword"}, "FT_IPv4": {"ip"}, "FT_IPv6": {"ip"},
    "FT_BOOLEAN": {"boolean", "short"},
}


def ek_key(field):
    """-T ek names a field by its filter name with dots made underscores."""
    return field.replace(".", "_")


def parse_ndjson(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def bulk_pairs(lines):
    """Splits bulk lines into (action, document) pairs, checking their shape."""
    if len(lines) % 2:
        raise AssertionError(f"{len(lines)} bulk lines: not action/document pairs")
    return list(zip(lines[0::2], lines[1::2]))


class ExportFormats(tshark_harness.TsharkTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        os.environ["TZ"] = "UTC"
        cls.capture = cls.tshark.readable(CAPTURE)
        cls.ek_text = ek_lines(cls.tshark, cls.capture)
        cls.ek = parse_ndjson(cls.ek_text)
        cls.documents = {doc["layers"]["frame_number"][0]: doc for _, doc in bulk_pairs(cls.ek)}

    def tshark_out(self, args):
        out, err = self.tshark.run(args)
        tshark_harness.check_stderr(err)
        return out

    def test_plugin_under_test_is_loaded(self):
        self.assertEqual(os.path.realpath(self.tshark.loaded_plugin_path() or ""),
                         os.path.realpath(self.tshark.plugin_copy))

    def test_ek_lines_match_the_recorded_file(self):
        with open(EXPECTED_EK, encoding="utf-8") as f:
            expected = parse_ndjson(f.read())
        self.assertTrue(expected, f"{EXPECTED_EK} is empty")
        if self.ek != expected:
            import difflib
            diff = difflib.unified_diff([json.dumps(x, sort_keys=True) for x in expected],
                                        [json.dumps(x, sort_keys=True) for x in self.ek],
                                        "expected", "tshark", lineterm="", n=1)
            self.fail("bulk lines differ from the recorded file (--update regenerates it):\n"
                      + "\n".join(list(diff)[:60]))

    def test_ek_lines_are_the_same_every_run(self):
        self.assertEqual(ek_lines(self.tshark, self.capture), self.ek_text)

    def test_ek_timestamps_and_index_names_come_from_frame_times(self):
        out = self.tshark_out(["-r", self.capture, "-Y", EK_FILTER, "-T", "fields",
                               "-e", "frame.number", "-e", "frame.time_epoch"])
        epoch = dict(line.split("\t") for line in out.splitlines())
        self.assertEqual(set(epoch), set(self.documents))
        for action, document in bulk_pairs(self.ek):
            number = document["layers"]["frame_number"][0]
            seconds, _, fraction = epoch[number].partition(".")
            self.assertEqual(document["timestamp"], seconds + (fraction + "000")[:3], f"frame {number}")
            day = datetime.datetime.fromtimestamp(int(seconds), datetime.timezone.utc).strftime("%Y-%m-%d")
            self.assertEqual(action, {"index": {"_index": f"packets-{day}", "_type": "doc"}}, f"frame {number}")
        # In a zone where the frames fall on another day only the index names change.
        os.environ["TZ"] = "Pacific/Kiritimati"  # UTC+14
        try:
            elsewhere = parse_ndjson(ek_lines(self.tshark, self.capture))
        finally:
            os.environ["TZ"] = "UTC"
        self.assertEqual([doc for _, doc in bulk_pairs(elsewhere)], [doc for _, doc in bulk_pairs(self.ek)])
        self.assertNotEqual(elsewhere[0], self.ek[0], "the index name should follow the local date")

    def test_ek_lines_fit_the_bulk_api_and_the_index_template(self):
        with open(TEMPLATE, encoding="utf-8") as f:
            template = json.load(f)
        properties = template["template"]["mappings"]["properties"]
        self.assertEqual(properties["timestamp"], {"type": "date", "format": "epoch_millis"})
        layers = properties["layers"]["properties"]
        field_types = wireshark_field_types(self.tshark)
        for field in sorted(set(EK_FIELDS + README_FIELDS)):
            self.assertIn(ek_key(field), layers, f"{field} is not in {TEMPLATE}")
        for key, mapping in layers.items():
            field = next((f for f in field_types if ek_key(f) == key), None)
            self.assertIsNotNone(field, f"{TEMPLATE}: {key} is no Wireshark field")
            self.assertIn(mapping["type"], TEMPLATE_TYPES[field_types[field]], f"{key} ({field_types[field]})")
        # The README's pipeline, without curl: the fields exist, and the sed leaves
        # action lines with the index alone.
        args = ["-r", self.capture, "-Y", EK_FILTER, "-T", "ek"] + [a for f in README_FIELDS for a in ("-e", f)]
        out = self.tshark_out(args)
        bulk = subprocess.run(["sed", README_SED], input=out, capture_output=True, text=True, check=True).stdout
        pairs = bulk_pairs(parse_ndjson(bulk))
        self.assertEqual(len(pairs), len(self.documents))
        for action, document in pairs:
            self.assertEqual(list(action), ["index"])
            self.assertEqual(list(action["index"]), ["_index"])
            self.assertEqual(set(document), {"timestamp", "layers"})
            for key, values in document["layers"].items():
                self.assertIn(key, layers)
                self.assertTrue(isinstance(values, list) and all(isinstance(v, str) for v in values), key)
        self.assertTrue(any("mssck_violation" in doc["layers"] for _, doc in pairs))

    def test_violations_carry_their_values(self):
        violations = [doc["layers"] for doc in self.documents.values() if "mssck_violation" in doc["layers"]]
        self.assertGreaterEqual(len(violations), 1)
        for layers in violations:
            self.assertEqual(layers["mssck_peer_mss"], ["512"], layers)
            self.assertEqual(layers["mssck_limit"], ["500"], layers)
            self.assertTrue(layers["mssck_finding"][0], layers)
            self.assertTrue(layers["mssck_os"][0], layers)

    def ek_values(self):
        """{frame number: {field: first value}} from the bulk lines."""
        return {number: {field: doc["layers"][ek_key(field)][0]
                         for field in EK_FIELDS if ek_key(field) in doc["layers"]}
                for number, doc in self.documents.items()}

    def test_csv_carries_the_same_values(self):
        out = self.tshark_out(["-r", self.capture, "-Y", EK_FILTER, "-T", "fields", "-E", "header=y",
                               "-E", "separator=,", "-E", "quote=d", "-E", "occurrence=f"]
                              + [a for f in EK_FIELDS for a in ("-e", f)])
        rows = list(csv.DictReader(io.StringIO(out)))
        self.assertEqual(list(rows[0]), EK_FIELDS)
        from_csv = {row["frame.number"]: {f: v for f, v in row.items() if v != ""} for row in rows}
        self.assertEqual(from_csv, self.ek_values())

    def test_json_with_fields_carries_the_same_values(self):
        out = self.tshark_out(["-r", self.capture, "-Y", EK_FILTER, "-T", "json"]
                              + [a for f in EK_FIELDS for a in ("-e", f)])
        packets = json.loads(out)
        from_json = {}
        for packet in packets:
            layers = packet["_source"]["layers"]
            from_json[layers["frame.number"][0]] = {f: v[0] for f, v in layers.items()}
        self.assertEqual(from_json, self.ek_values())

    def test_json_mssck_tree_carries_the_same_values(self):
        out = self.tshark_out(["-r", self.capture, "-Y", "mssck.violation", "-T", "json",
                               "-J", "frame mssck", "--no-duplicate-keys"])
        packets = json.loads(out)
        self.assertEqual(len(packets), sum("mssck_violation" in d["layers"] for d in self.documents.values()))
        expected = self.ek_values()
        for packet in packets:
            layers = packet["_source"]["layers"]
            number = layers["frame"]["frame.number"]
            tree = layers["mssck"]
            for field in ("mssck.peer_mss", "mssck.limit", "mssck.finding", "mssck.os"):
                self.assertEqual(tree[field], expected[number][field], f"frame {number} {field}")
            experts = tree["_ws.expert"]
            experts = experts if isinstance(experts, list) else [experts]
            violation = [e for e in experts if "mssck.violation" in e]
            self.assertEqual(len(violation), 1, f"frame {number}: {experts}")
            self.assertTrue(violation[0]["_ws.expert.message"], f"frame {number}")


def ek_lines(tshark, capture):
    out, err = tshark.run(["-r", capture, "-Y", EK_FILTER, "-T", "ek"] + [a for f in EK_FIELDS for a in ("-e", f)])
    tshark_harness.check_stderr(err)
    return out


def wireshark_field_types(tshark):
    """{filter name: FT_ type} of every field tshark knows."""
    out, _ = tshark.run(["-G", "fields"])
    types = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[0] == "F" and len(parts) > 3:
            types[parts[2]] = parts[3]
    return types


def update():
    os.environ["TZ"] = "UTC"
    with tshark_harness.Tshark(os.environ.get("MSSCK_PLUGIN", os.path.join(REPO, "build", "mssck.so"))) as tshark:
        text = ek_lines(tshark, tshark.readable(CAPTURE))
    parse_ndjson(text)
    os.makedirs(os.path.dirname(EXPECTED_EK), exist_ok=True)
    with open(EXPECTED_EK, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {EXPECTED_EK} ({len(text.splitlines())} lines)")


if __name__ == "__main__":
    if "--update" in sys.argv:
        update()
    else:
        unittest.main()
