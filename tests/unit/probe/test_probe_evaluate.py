"""Unit tests of how site_probe turns responses into findings (no network)."""

import datetime

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history import HistoryStore
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as sp
from ansible_collections.sitekeeper.website.plugins.module_utils.probe.http import Response

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
URL = "https://pn.example/"
PAGE = b"<html><head><title>PN Contoh</title></head><body><h1>Pengadilan Negeri Contoh</h1>" \
       b"<p>Jadwal sidang dan berita terbaru untuk masyarakat.</p></body></html>"


@pytest.fixture(scope="module")
def probe():
    return sp.Probe({"expect_https": True})


def _response(status=200, body=PAGE, url=URL, error=None, kind=None, headers=None, ms=120.0):
    response = Response(url)
    response.status, response.body, response.error, response.error_kind = status, body, error, kind
    response.headers = headers or {"content-type": "text/html; charset=utf-8"}
    response.timings = {"dns_ms": 1.0, "connect_ms": 1.0, "ttfb_ms": 50.0, "total_ms": ms}
    response.tls = {"verified": True, "error": None, "protocol": "TLSv1.3", "cipher": "x",
                    "not_after": "2027-01-01T00:00:00Z", "days_left": 35.0}
    return response


def _site(**extra):
    return sp.normalise_site(dict({"url": URL, "host": "web1"}, **extra), sp.DEFAULTS)


def _checks(findings):
    for finding in findings:
        fnd.validate(finding)
    return {f["check"]: f for f in findings}


def _feed(days):
    return {"feed:0:parsed": {"kind": "rss", "dates": [NOW - datetime.timedelta(days=days)]}}


@pytest.mark.parametrize("days,status", [(3, "ok"), (14, "warning"), (29.9, "warning"), (30, "critical")])
def test_freshness_thresholds(probe, days, status):
    result, findings, metrics = sp.evaluate(_site(), _response(), [200], _feed(days), probe, NOW)
    checks = _checks(findings)
    assert checks["freshness.content"]["status"] == status
    assert result["content_date_source"] == "feed"
    assert {"name": "content_age_days", "value": float(days)}.items() <= next(
        m for m in metrics if m["name"] == "content_age_days").items()


def test_per_site_thresholds_override(probe):
    _r, findings, _m = sp.evaluate(_site(stale_after_days=2, critical_after_days=4), _response(), [200],
                                   _feed(3), probe, NOW)
    assert _checks(findings)["freshness.content"]["status"] == "warning"


def test_newest_declared_source_wins_over_last_modified(probe):
    extras = dict(_feed(20), **{"sitemap:0:parsed": {"kind": "sitemap", "dates": [NOW - datetime.timedelta(days=10)]}})
    response = _response(headers={"last-modified": "Fri, 27 Nov 2026 09:00:00 GMT"})
    result, findings, _m = sp.evaluate(_site(), response, [200], extras, probe, NOW)
    assert result["content_date_source"] == "sitemap"
    assert result["content_age_days"] == 10.0
    sources = _checks(findings)["freshness.content"]["details"]["sources"]
    assert set(sources) == {"feed", "sitemap", "last_modified"}


def test_http_error_slow_and_unstable(probe):
    checks = _checks(sp.evaluate(_site(), _response(status=404), [404], {}, probe, NOW)[1])
    assert checks["availability.http"]["status"] == "critical"
    assert checks["freshness.content"]["status"] == "unknown"
    checks = _checks(sp.evaluate(_site(), _response(ms=4500.0), [200], _feed(1), probe, NOW)[1])
    assert checks["availability.http"]["status"] == "warning"
    assert "slow" in checks["availability.http"]["summary"]
    checks = _checks(sp.evaluate(_site(), _response(), ["timeout", 200], _feed(1), probe, NOW)[1])
    assert checks["availability.http"]["status"] == "warning"
    assert "2 attempts" in checks["availability.http"]["summary"]


def test_down_site_metrics_and_indonesian_text(probe):
    result, findings, metrics = sp.evaluate(
        _site(), _response(status=None, body=b"", error="connection refused by pn.example", kind="refused"),
        ["refused"] * 3, {}, probe, NOW)
    checks = _checks(findings)
    assert result["status"] == "critical"
    assert "ditolak" in checks["availability.http"]["details"]["summary_id"]
    assert checks["availability.http"]["suggested_actions"][0]["playbook"] == "troubleshoot"
    assert {m["name"]: m["value"] for m in metrics}["up"] == 0.0


def test_tls_and_https_findings(probe):
    response = _response()
    response.tls = dict(response.tls, days_left=5.0)
    checks = _checks(sp.evaluate(_site(), response, [200], _feed(1), probe, NOW)[1])
    assert checks["availability.tls"]["status"] == "warning"
    assert checks["availability.https"]["status"] == "ok"
    plain = _response(url="http://pn.example/")
    plain.tls = None
    checks = _checks(sp.evaluate(_site(url="http://pn.example/"), plain, [200], _feed(1), probe, NOW)[1])
    assert checks["availability.https"]["status"] == "warning"
    assert "availability.tls" not in checks


def test_cloaking_by_redirect_and_by_difference(probe):
    crawler = _response(url=URL)
    crawler.final_url = "https://casino.invalid/"
    extras = dict(_feed(1), crawler=crawler)
    checks = _checks(sp.evaluate(_site(), _response(), [200], extras, probe, NOW)[1])
    assert checks["integrity.cloaking"]["status"] == "critical"
    assert "casino.invalid" in checks["integrity.cloaking"]["summary"]
    other = _response(body=b"<html><body>Completely unrelated words about another topic entirely</body></html>")
    checks = _checks(sp.evaluate(_site(), _response(), [200], dict(_feed(1), crawler=other), probe, NOW)[1])
    assert checks["integrity.cloaking"]["status"] == "critical"
    assert checks["integrity.cloaking"]["details"]["similarity"] < 0.5
    failed = _response(status=None, error="timeout", kind="timeout")
    checks = _checks(sp.evaluate(_site(), _response(), [200], dict(_feed(1), crawler=failed), probe, NOW)[1])
    assert checks["integrity.cloaking"]["status"] == "unknown"


def test_custom_spam_terms():
    probe = sp.Probe({"spam_terms": ["obat kuat"], "extra_spam_terms": ["pinjol"]})
    body = PAGE.replace(b"</body>", b"<p>Pinjol cepat cair</p></body>")
    checks = _checks(sp.evaluate(_site(), _response(body=body), [200], _feed(1), probe, NOW)[1])
    assert checks["integrity.gambling_spam"]["status"] == "critical"
    assert checks["integrity.gambling_spam"]["details"]["terms"] == ["pinjol"]


def test_docroot_freshness(probe):
    old = (NOW - datetime.timedelta(days=40)).timestamp()
    site = _site(docroot="/var/www/pn", docroot_newest_mtime=str(old), docroot_newest_path="/var/www/pn/a.html")
    checks = _checks(sp.evaluate(site, _response(), [200], _feed(1), probe, NOW)[1])
    assert checks["freshness.docroot"]["status"] == "critical"
    assert checks["freshness.docroot"]["details"]["newest_file"] == "/var/www/pn/a.html"
    site = _site(docroot="/nope", docroot_error="the folder /nope does not exist")
    checks = _checks(sp.evaluate(site, _response(), [200], _feed(1), probe, NOW)[1])
    assert checks["freshness.docroot"]["status"] == "unknown"


def test_findings_and_metrics_keep_the_check_family_order(probe):
    """Reports list a site's findings in the order evaluate() writes them; the dispatcher must keep it."""
    old = (NOW - datetime.timedelta(days=2)).timestamp()
    site = _site(must_contain=["Jadwal sidang"], docroot="/var/www/pn", docroot_newest_mtime=str(old))
    extras = dict(_feed(1), crawler=_response())
    result, findings, metrics = sp.evaluate(site, _response(), [200], extras, probe, NOW)
    assert [f["check"] for f in findings] == [
        "availability.http", "availability.tls", "availability.https", "content.keywords", "integrity.defacement",
        "integrity.gambling_spam", "integrity.cloaking", "freshness.content", "freshness.docroot"]
    assert [m["name"] for m in metrics] == [
        "up", "response_ms", "ttfb_ms", "http_status", "tls_days_left", "content_age_days",
        "docroot_age_days", "body_bytes"]
    assert result["status"] == "ok" and result["cloaking_similarity"] == 1.0 and result["spam_terms"] == []
    down = _response(status=503)
    _r, findings, metrics = sp.evaluate(site, down, [503], extras, probe, NOW)
    assert [f["check"] for f in findings] == [
        "availability.http", "availability.tls", "availability.https", "freshness.content", "integrity.defacement",
        "integrity.gambling_spam", "integrity.cloaking", "content.keywords", "freshness.docroot"]
    assert [f["status"] for f in findings][3:8] == ["unknown"] * 5
    assert "body_bytes" not in [m["name"] for m in metrics]


@pytest.mark.parametrize("entry,words", [
    ("just a string", "must be a mapping"),
    ({"name": "x"}, "no 'url'"),
    ({"url": "gopher://x/"}, "not an http"),
    ({"url": "http://x:99999/"}, "bad port"),
    ({"url": URL, "must_contain": [1]}, "must_contain"),
    ({"url": URL, "must_not_contain": ["re:(bad"]}, "bad regular expression"),
    ({"url": URL, "stale_after_days": "soon"}, "stale_after_days"),
    ({"url": URL, "stale_after_days": 30, "critical_after_days": 10}, "must not be smaller"),
    ({"url": URL, "attempts": 0}, "attempts"),
])
def test_bad_site_entries(entry, words):
    with pytest.raises((sp.SiteError, ValueError), match=words.replace("(", r"\(")):
        sp.normalise_site(entry, sp.DEFAULTS)


def test_unknown_keys_of_other_activities_are_ignored():
    site = sp.normalise_site({"url": URL, "docroot": "/var/www", "access_logs": ["/x"], "backup": {}}, sp.DEFAULTS)
    assert site["docroot"] == "/var/www" and "access_logs" not in site


def test_history_index_reads_the_latest_hash(tmp_path):
    path = str(tmp_path / "h.sqlite")
    assert sp.history_index(path) == ({}, None)  # no file yet: no error
    older = fnd.make_finding(1, "freshness.content", "web1", URL, "ok", "s",
                             {"content_hash": "aaa", "content_first_seen": "2026-11-01T00:00:00Z"},
                             observed_at="2026-11-01T00:00:00Z")
    newer = fnd.make_finding(1, "freshness.content", "web1", URL, "ok", "s",
                             {"content_hash": "bbb", "content_first_seen": "2026-11-20T00:00:00Z"},
                             observed_at="2026-11-20T00:00:00Z")
    with HistoryStore(path) as store:
        store.record("r1", 1, [older])
        store.record("r2", 1, [newer])
    index, note = sp.history_index(path)
    assert note is None
    assert index[URL]["content_hash"] == "bbb"
    assert index[URL]["previous_observed_at"] == "2026-11-20T00:00:00Z"
    (tmp_path / "bad.sqlite").write_bytes(b"this is not a database" * 100)
    index, note = sp.history_index(str(tmp_path / "bad.sqlite"))
    assert index == {} and "history not used" in note


def test_history_index_skips_runs_without_a_hash(tmp_path):
    path = str(tmp_path / "h.sqlite")
    hashed = fnd.make_finding(1, "freshness.content", "web1", URL, "ok", "s",
                              {"content_hash": "aaa", "content_first_seen": "2026-11-01T00:00:00Z"},
                              observed_at="2026-11-01T00:00:00Z")
    down = fnd.make_finding(1, "freshness.content", "web1", URL, "unknown", "s", {"reason": "refused"},
                            observed_at="2026-11-02T00:00:00Z")
    with HistoryStore(path) as store:
        store.record("r1", 1, [hashed])
        store.record("r2", 1, [down])
    index, _note = sp.history_index(path)
    assert index[URL]["content_first_seen"] == "2026-11-01T00:00:00Z"


def test_parse_docroot_scan_lines():
    text = ("0\t0\t1764237600.1234567890 /var/www/pn/a b.html\n"
            "2\t2\tthe folder /nope does not exist\n"
            "3\t0\t\n"
            "4\t1\t\n"
            "garbage line\n")
    parsed = sp.parse_docroot_scan({"rc": 0, "stdout": text})
    assert parsed[0] == {"docroot_newest_mtime": "1764237600.1234567890",
                         "docroot_newest_path": "/var/www/pn/a b.html", "docroot_error": ""}
    assert parsed[2]["docroot_error"] == "the folder /nope does not exist"
    assert parsed[3] == {"docroot_newest_mtime": "", "docroot_newest_path": "", "docroot_error": ""}
    assert parsed[4]["docroot_error"] == "find failed"
    assert sorted(parsed) == [0, 2, 3, 4]
    assert sp.parse_docroot_scan(text) == parsed


def test_attach_docroot_scans_by_position_within_each_host():
    sites = [{"url": "http://a/", "host": "web1", "docroot": "/a"}, {"url": "http://b/", "host": "web1"},
             {"url": "http://c/", "host": "web2", "docroot": "/c"}, {"url": "http://d/", "host": "web3", "docroot": "/d"},
             {"url": "http://e/", "host": "web4", "docroot": "/e"}]
    scans = {"web1": {"rc": 0, "stdout": "0\t0\t1764237600 /a/i.html\n"},
             "web2": {"rc": 0, "stdout": "0\t2\tthe folder /c does not exist\n"},
             "web3": {"rc": 127, "stdout": "", "stderr": "/bin/bash: not found\n"},
             "web4": {"skipped": True, "changed": False}}
    out = sp.attach_docroot_scans(sites, scans)
    assert out[0]["docroot_newest_mtime"] == "1764237600" and out[0]["docroot_newest_path"] == "/a/i.html"
    assert out[1] == sites[1]
    assert out[2]["docroot_error"] == "the folder /c does not exist"
    assert out[3]["docroot_error"] == "/bin/bash: not found"
    assert out[4] == sites[4]
    assert "docroot_newest_mtime" not in sites[0]  # the input is not changed


def test_group_by_host_gives_every_site_host_an_entry():
    result = {"findings": [fnd.make_finding(activity=1, check="availability.http", host="web1", subject="http://a/",
                                            status="ok", summary="up")],
              "metrics": []}
    grouped = sp.group_by_host(result, [{"url": "http://a/", "host": "web1"}, {"url": "http://b/", "host": "web2"}])
    assert len(grouped["web1"]["findings"]) == 1
    assert grouped["web2"] == {"findings": [], "metrics": []}
