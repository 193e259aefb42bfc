"""IIS W3C logs as a Windows host writes them, audited on the controller with the existing `iis` format.

The samples (tests/data/windows/u_ex*.log) have CRLF line ends, a header block per start, several
#Fields layouts, and a mid-file header change (the admin added fields in IIS Manager). The audit resumes
a file from its cursor (the Windows path appends new bytes to a controller mirror): the layout in force
at the cursor is the last #Fields before it, even when the change lies far back or right behind it.
"""

import os
import shutil

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import parser
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import make_parser
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.summary import build_findings
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import validate

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "windows")
DAY1 = os.path.join(DATA, "u_ex261203.log")
DAY2 = os.path.join(DATA, "u_ex261204.log")


def data_lines(path):
    with open(path, "rb") as handle:
        return [line for line in handle.read().split(b"\r\n") if line and not line.startswith(b"#")]


def split_at_second_header(path):
    raw = open(path, "rb").read()
    at = raw.index(b"#Software", 10)
    return raw[:at], raw[at:]


def test_every_line_of_both_layouts_is_parsed():
    rows, refused = make_parser("iis").parse_chunk(open(DAY1, "rb").read())
    assert refused == []
    assert len(rows) == len(data_lines(DAY1)) == 9
    # The first layout has no sc-bytes ("-"); the second has it and the cs-version.
    assert rows[0][5] == b"-" and rows[0][3] == b"GET / HTTP/1.1"
    assert rows[6][5] == b"18311" and rows[6][3] == b"GET / HTTP/2"
    # '+' in the user agent is a space; the query is joined to the stem.
    assert rows[0][7].startswith(b"Mozilla/5.0 (Windows NT 10.0;")
    assert rows[4][3].startswith(b"GET /perkara/cari?q=1'")


def test_a_third_layout_with_other_columns_in_another_order():
    rows, refused = make_parser("iis").parse_chunk(open(DAY2, "rb").read())
    assert refused == []
    assert [r[0] for r in rows] == [b"203.0.113.9", b"203.0.113.9"]
    assert rows[1][3] == b"GET /SIPP/detil_perkara?id=12 HTTP/1.1" and rows[1][5] == b"7310"
    assert rows[1][6] == b"https://sipp.pa-contoh.go.id/SIPP/list_perkara"


def test_audit_finds_the_attackers_of_both_layouts(tmp_path):
    result = parser.audit([DAY1, DAY2], fmt="iis", state_path=str(tmp_path / "state.json"))
    assert result["summary"]["requests"] == 11
    assert result["unparsed"]["count"] == 0
    by_client = {i["client"]: i for i in result["incidents"]}
    assert "sqli" in by_client["198.51.100.23"]["detections"]
    assert "path_traversal" in by_client["10.0.0.5"]["detections"]
    findings = build_findings(result, "web3", "https://pa-contoh.go.id/")
    for finding in findings:
        validate(finding)
    assert "critical" in {f["status"] for f in findings}


def audit_twice(tmp_path, first_part, appended):
    log = tmp_path / "u_ex261203.log"
    state = str(tmp_path / "state.json")
    log.write_bytes(first_part)
    before = parser.audit([str(log)], fmt="iis", state_path=state)
    with open(log, "ab") as handle:
        handle.write(appended)
    return before, parser.audit([str(log)], fmt="iis", state_path=state)


def test_resume_before_a_header_change_keeps_the_old_layout_until_the_new_header(tmp_path):
    # The cursor sits in the first layout; the new bytes hold one more old-layout line, then the new
    # header block and its lines. Before the fix the resumed read took a header *after* the cursor
    # and refused the old-layout line.
    first, second = split_at_second_header(DAY1)
    old_line = first.split(b"\r\n")[-2] + b"\r\n"
    before, after = audit_twice(tmp_path, first, old_line + second)
    assert before["summary"]["requests"] == 6
    assert after["unparsed"]["count"] == 0
    assert after["summary"]["requests"] == 1 + 3


def test_resume_after_a_header_change_far_back_uses_the_new_layout(tmp_path):
    # More than a megabyte of old-layout lines before the change: the header in force at the cursor
    # is the second one, well beyond the file's first block.
    first, second = split_at_second_header(DAY1)
    old_line = first.split(b"\r\n")[-2] + b"\r\n"
    body = first + old_line * 12000 + second
    new_line = second.split(b"\r\n")[-2] + b"\r\n"
    before, after = audit_twice(tmp_path, body, new_line)
    assert before["summary"]["requests"] == 6 + 12000 + 3
    assert after["unparsed"]["count"] == 0
    assert after["summary"]["requests"] == 1


def test_a_mirror_grown_in_two_fetches_reads_like_the_whole_file(tmp_path):
    raw = open(DAY1, "rb").read()
    cut = raw.index(b"\r\n", len(raw) // 2) + 2
    _before, after = audit_twice(tmp_path, raw[:cut], raw[cut:])
    whole = parser.audit([DAY1], fmt="iis")
    assert _before["summary"]["requests"] + after["summary"]["requests"] == whole["summary"]["requests"]
    assert after["unparsed"]["count"] == 0


def test_gzip_rotated_copy_is_read_too(tmp_path):
    import gzip
    target = tmp_path / "u_ex261203.log.gz"
    with open(DAY1, "rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    result = parser.audit([str(target)], fmt="iis")
    assert result["summary"]["requests"] == 9 and result["unparsed"]["count"] == 0
