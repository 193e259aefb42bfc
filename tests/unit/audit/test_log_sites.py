"""Unit tests of one audit run over every site of a host (module_utils/audit/sites.py), without Ansible."""

import json
import os

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import AuditError
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.sites import (
    audit_sites,
    cursor_name,
    normalise_site,
    run,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import validate

UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"
NOW = "2026-11-27T03:00:00Z"


def line(ip, path, status=200, method="GET", second=0):
    return '%s - - [27/Nov/2026:10:00:%02d +0700] "%s %s HTTP/1.1" %d 512 "-" "%s"\n' % (
        ip, second, method, path, status, UA)


@pytest.fixture
def logs(tmp_path):
    a = tmp_path / "a.log"
    a.write_text(line("203.0.113.66", "/?id=1%27%20UNION%20SELECT%20a,b%20FROM%20users--")
                 + line("192.0.2.10", "/../../etc/passwd", 400) + line("192.0.2.20", "/"))
    b = tmp_path / "b.log"
    b.write_text("".join(line("198.51.100.23", p, 404, second=i) for i, p in enumerate(["/.env", "/.git/config"]))
                 + line("192.0.2.30", "/berita"))
    return str(a), str(b)


def params(**kw):
    base = {"paths": None, "sites": None, "format": "combined", "state_path": None, "state_dir": None, "since": None,
            "until": None, "subject": None, "host": None, "thresholds": {}, "detections": None, "allowlist": [],
            "verified_crawlers": None, "trusted_proxies": [], "login_paths": None, "scanner_agents": [],
            "json_keys": {}, "workers": 1, "incident_log": None, "unparsed_warn_share": 0.01, "block": None}
    base.update(kw)
    return base


def by_site(result):
    return {s["name"]: s for s in result["sites"]}


def test_every_site_in_one_run_and_errors_stay_with_their_site(logs, tmp_path):
    a, b = logs
    sites = [
        {"name": "pn-a", "url": "https://a.test/", "access_logs": [a], "audit_allowlist": ["192.0.2.10"]},
        {"name": "bad-format", "url": "https://bad.test/", "access_logs": [a], "access_log_format": "apache-x"},
        {"name": "no-logs", "url": "https://nologs.test/"},
        {"name": "typo", "paths": [a], "treshold": {}},
        {"name": "bad-threshold", "paths": [a], "thresholds": {"sqli": "many"}},
        {"name": "pn-b", "subject": "https://b.test/", "paths": b},
    ]
    res = audit_sites(sites, {"format": "combined", "allowlist": [], "thresholds": {}}, "web1", NOW)
    got = by_site(res)
    assert [s["name"] for s in res["sites"]] == [s["name"] for s in sites]
    assert got["pn-a"]["error"] is None and got["pn-a"]["summary"]["requests"] == 3
    assert [i["client"] for i in got["pn-a"]["incidents"]] == ["203.0.113.66"]  # 192.0.2.10: the site's allowlist
    assert got["pn-b"]["summary"]["requests"] == 3 and got["pn-b"]["incidents"][0]["client"] == "198.51.100.23"
    assert "unknown log format" in got["bad-format"]["error"]
    assert "unknown site key(s) treshold" in got["typo"]["error"]
    assert "whole numbers" in got["bad-threshold"]["error"]
    assert got["no-logs"]["error"] is None
    for f in res["findings"]:
        validate(f)
    status = {(f["subject"], f["check"]): f["status"] for f in res["findings"]}
    assert status[("https://a.test/", "audit.suspicious_activity")] == "critical"
    assert status[("https://b.test/", "audit.suspicious_activity")] == "warning"
    assert status[("https://bad.test/", "audit.log_files")] == "unknown"
    assert status[("https://nologs.test/", "audit.log_files")] == "unknown"
    assert status[("typo", "audit.log_files")] == "unknown"
    bad = [f for f in res["findings"] if f["subject"] == "https://bad.test/"][0]
    assert bad["summary"].startswith("The visitor audit of https://bad.test/ could not run: unknown log format")
    # Findings and metrics come back once, together; the sites carry the rest.
    assert {m["subject"] for m in res["metrics"]} == {"https://a.test/", "https://b.test/"}
    assert "incidents" not in res and all("findings" not in s and "metrics" not in s for s in res["sites"])


def test_host_wide_options_and_site_overrides(logs):
    a, b = logs
    defaults = {"format": "combined", "allowlist": ["203.0.113.0/24"], "thresholds": {"sensitive_file": 5}}
    res = by_site(audit_sites([
        {"name": "a", "paths": [a], "audit_allowlist": ["192.0.2.10"]},
        {"name": "b", "paths": [b], "audit_thresholds": {"sensitive_file": 2}},
        {"name": "b-host-threshold", "paths": [b]},
    ], defaults, "web1", NOW))
    assert res["a"]["incidents"] == []  # the host-wide AND the site's allowlist both apply
    assert [i["client"] for i in res["b"]["incidents"]] == ["198.51.100.23"]  # the site's threshold wins
    assert res["b-host-threshold"]["incidents"] == []  # the host-wide threshold: 2 probes < 5


def test_cursor_per_site_in_state_dir_and_check_mode(logs, tmp_path):
    a, b = logs
    state = tmp_path / "state"
    sites = [{"name": "pn a/1", "paths": [a]}, {"name": "pn-b", "paths": [b]}]
    p = params(sites=sites, state_dir=str(state))
    check = run(p, "web1", NOW, 0, check_mode=True)
    assert [s["summary"]["requests"] for s in check["sites"]] == [3, 3]
    assert not state.exists()  # check mode moves no cursor
    first = run(p, "web1", NOW, 0)
    assert [s["summary"]["requests"] for s in first["sites"]] == [3, 3]
    assert cursor_name("pn a/1") == "pn_a_1.cursor.json"
    assert sorted(os.listdir(state)) == sorted(["pn_a_1.cursor.json", "pn-b.cursor.json"])
    with open(a, "a") as handle:
        handle.write(line("192.0.2.99", "/new"))
    again = run(p, "web1", NOW, 0)
    assert [s["summary"]["requests"] for s in again["sites"]] == [1, 0]


def test_incident_log_names_each_site(logs, tmp_path):
    a, b = logs
    out = tmp_path / "incidents.jsonl"
    run(params(sites=[{"name": "a", "url": "https://a.test/", "paths": [a]},
                      {"name": "b", "url": "https://b.test/", "paths": [b]}], incident_log=str(out)), "web1", NOW, 0)
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert sorted((r["subject"], r["client"]) for r in records) == [("https://a.test/", "192.0.2.10"),
                                                                    ("https://a.test/", "203.0.113.66"),
                                                                    ("https://b.test/", "198.51.100.23")]


def test_single_site_call_unchanged(logs):
    a, _ = logs
    res = run(params(paths=[a]), "web1", NOW, 0)
    assert res["summary"]["requests"] == 3 and "sites" not in res
    assert {f["subject"] for f in res["findings"]} == {a}
    with pytest.raises(AuditError, match="unknown log format"):
        run(params(paths=[a], format="apache-x"), "web1", NOW, 0)
    with pytest.raises(AuditError, match="unknown threshold"):
        run(params(paths=[a], thresholds={"sqlii": 1}), "web1", NOW, 0)
    nologs = run(params(paths=[], subject="https://x.test/"), "web1", NOW, 0)
    assert [(f["check"], f["status"]) for f in nologs["findings"]] == [("audit.log_files", "unknown")]


def test_block_only_call(tmp_path):
    opts = {"clients": ["203.0.113.5"], "state_path": str(tmp_path / "b.json"),
            "nginx_include": str(tmp_path / "deny.conf"), "never_block": []}
    res = run(params(paths=[], block=opts), "web1", NOW, 1_000_000, diff=True)
    assert res["changed"] and res["findings"] == [] and res["block"]["added"] == ["203.0.113.5"]
    assert res["diff"]
    with pytest.raises(AuditError, match="block.state_path is required"):
        run(params(paths=[], block={"clients": []}), "web1", NOW, 0)


@pytest.mark.parametrize("site, message", [
    ("pn-a", "must be a mapping"),
    ({"name": "x", "paths": {"a": 1}}, "paths must be a list"),
    ({"name": "x", "url": "u", "subject": "s"}, "given twice"),
    ({"name": "x", "detections": ["sqli", "magic"]}, "unknown detection"),
    ({"name": "x", "thresholds": "high"}, "thresholds must be a mapping"),
])
def test_site_errors_are_one_line(site, message):
    with pytest.raises(AuditError, match=message):
        normalise_site(site)
