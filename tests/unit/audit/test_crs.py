"""The optional CRS second opinion (plugins/module_utils/audit/crs.py) against the real engine.

scripts/setup installs both pieces (Debian modsecurity-crs, PyPI libmodsecurity from
requirements.txt), so these tests do not skip: a machine without them fails here, on purpose.
The "missing" cases point the module at an empty rules directory or hide the binding.
"""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import crs
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit

SQLI = b"GET /berita.php?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--%20- HTTP/1.1"
XSS = b"GET /cari?q=%22%3E%3Cscript%3Ealert(document.cookie)%3C/script%3E HTTP/1.1"
BENIGN = b"GET /perkara?no=123%2FPdt.G%2F2024%2FPN%20Jkt.Sel&tahun=2024 HTTP/1.1"
BROWSER = b"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def test_installed_by_setup():
    ok, reason = crs.available()
    assert ok, reason


def test_sqli_and_xss_get_rules_of_their_ranges_and_benign_gets_none():
    items = [(SQLI, BROWSER, b"-"), (XSS, BROWSER, b"https://pn-contoh.go.id/"), (BENIGN, BROWSER, b"-")]
    verdicts, stats = crs.second_opinion(items, paranoia=1)
    sqli, xss, benign = (verdicts[i] for i in items)
    assert sqli.rules and all(942000 <= r < 943000 for r in sqli.rules), sqli
    assert sqli.detections == ["sqli"] and sqli.alarm and sqli.score >= 5
    assert any(941000 <= r < 942000 for r in xss.rules), xss
    assert "xss" in xss.detections and xss.alarm
    assert benign == crs.Verdict([], 0, False, [])
    assert stats["requests"] == 3 and stats["skipped"] == 0 and stats["paranoia"] == 1
    assert stats["crs_version"].startswith("3.")


def test_the_paranoia_level_reaches_crs():
    # No User-Agent header: only paranoia 2 and above have the rule for it (920320).
    line = b"GET /index.html HTTP/1.1"
    assert crs.second_opinion([line], paranoia=1)[0][line].rules == []
    assert 920320 in crs.second_opinion([line], paranoia=2)[0][line].rules


def test_agent_and_referer_are_inspected():
    tool = (b"GET / HTTP/1.1", b"sqlmap/1.7.2#stable (https://sqlmap.org)", b"-")
    ref = (b"GET / HTTP/1.1", BROWSER, b"https://x.example/?q=1%27%20or%20%271%27=%271")
    verdicts, _ = crs.second_opinion([tool, ref])
    assert "scanner_agent" in verdicts[tool].detections
    assert "sqli" in verdicts[ref].detections


def test_items_of_every_shape_and_duplicates_sent_once():
    as_tuple = ("GET", "/cari?q=%22%3E%3Cscript%3Ealert(document.cookie)%3C/script%3E", BROWSER.decode(), "-")
    items = [XSS, XSS.decode(), (XSS, BROWSER, b"-"), as_tuple, XSS]
    verdicts, stats = crs.second_opinion(items)
    assert set(verdicts) == {XSS, XSS.decode(), (XSS, BROWSER, b"-"), as_tuple}
    # The bare line and its str form are one request; with an agent it is another.
    assert stats["requests"] == 2
    assert verdicts[XSS] == verdicts[XSS.decode()]
    assert verdicts[as_tuple] == verdicts[(XSS, BROWSER, b"-")]
    with pytest.raises(ValueError):
        crs.split_item((b"GET", b"/"))


def test_log_escaping_is_undone_before_replay():
    # nginx logs a raw quote as \x22 and a raw backslash as \x5C; Apache writes \" and \\.
    assert crs.unescape_log(b"/a?q=\\x22x\\x5Cx22") == b'/a?q="x\\x22'
    assert crs.unescape_log(b'/a?q=\\"x\\\\') == b'/a?q="x\\'
    assert crs.split_item(b"GET /a?q=\\x22 HTTP/1.1") == ("GET", '/a?q="', "", "")
    # A raw (not URL-encoded) quote breaking out into SQL, as sqlmap sends it and nginx logs it.
    line = b"GET /item?id=1\\x22%20or%20\\x221\\x22=\\x221 HTTP/1.1"
    assert "sqli" in crs.second_opinion([line])[0][line].detections
    # Binary noise is replayed as a GET of what is there, never an error.
    assert crs.split_item(b"\\x16\\x03\\x01") == ("GET", "\x16\x03\x01", "", "")


def test_time_is_bounded_by_max_requests():
    items = [b"GET /page/%d HTTP/1.1" % i for i in range(5)]
    verdicts, stats = crs.second_opinion(items, max_requests=2)
    assert len(verdicts) == 2 and stats["requests"] == 2 and stats["skipped"] == 3


def test_rule_ids_map_to_detections():
    assert crs.detection_of(942100) == "sqli"
    assert crs.detection_of(941160) == "xss"
    assert crs.detection_of(930120) == "path_traversal"
    assert crs.detection_of(930130) == "sensitive_file"
    assert crs.detection_of(931110) == "rfi"
    assert crs.detection_of(932160) == "command_injection"
    assert crs.detection_of(933160) == "php_injection"
    assert crs.detection_of(934100) == "nodejs_injection"
    assert crs.detection_of(944110) == "java_injection"
    assert crs.detection_of(913100) == "scanner_agent"
    assert crs.detection_of(921130) == "protocol_abuse"
    assert crs.detection_of(949110) is None


def _small_log(tmp_path):
    path = tmp_path / "access.log"
    path.write_bytes(
        b'203.0.113.9 - - [04/Dec/2026:05:00:00 +0000] "%s" 200 512 "-" "%s"\n' % (SQLI, BROWSER)
        + b'198.51.100.7 - - [04/Dec/2026:05:00:01 +0000] "%s" 200 2048 "-" "%s"\n' % (BENIGN, BROWSER))
    return str(path)


def test_missing_rules_say_why_and_the_audit_still_works(tmp_path, monkeypatch):
    empty = tmp_path / "rules"
    empty.mkdir()
    ok, reason = crs.available(rules_dir=str(empty))
    assert not ok and str(empty) in reason and "modsecurity-crs" in reason
    with pytest.raises(crs.CRSError):
        crs.second_opinion([SQLI], rules_dir=str(empty))
    # The audit, with the default location pointing at nothing, still finds the SQL injection.
    monkeypatch.setattr(crs, "RULES_DIR", str(empty))
    assert not crs.available()[0]
    result = audit([_small_log(tmp_path)])
    assert [(i["client"], "sqli" in i["detections"]) for i in result["incidents"]] == [("203.0.113.9", True)]


def test_missing_binding_says_why_and_the_audit_still_works(tmp_path, monkeypatch):
    monkeypatch.setattr(crs, "_modsec", None)
    monkeypatch.setattr(crs, "IMPORT_ERROR", "No module named 'libmodsecurity'")
    ok, reason = crs.available()
    assert not ok and "libmodsecurity" in reason
    result = audit([_small_log(tmp_path)])
    assert [i["client"] for i in result["incidents"]] == ["203.0.113.9"]


def test_the_audit_asks_crs_and_attaches_its_rule_ids(tmp_path):
    # The default audit path with CRS installed: the flagged request is sent once, CRS's SQLi rules
    # are attached to the incident, and the benign client stays out.
    result = audit([_small_log(tmp_path)])
    stage = result["summary"]["second_opinion"]
    assert stage["requests"] >= 1 and stage["skipped"] == 0 and stage["crs_version"].startswith("3.")
    (incident,) = result["incidents"]
    assert incident["client"] == "203.0.113.9"
    assert incident["second_opinion"] and all(942000 <= r < 943000 for r in incident["second_opinion"])
    # Off on request: nothing sent, same incidents.
    off = audit([_small_log(tmp_path)], second_opinion=False)
    assert "second_opinion" not in off["summary"]
    assert [i["client"] for i in off["incidents"]] == ["203.0.113.9"]
