"""playbooks/monitor.yml end to end, through ansible-runner as the CLI and AWX run it:
a real nginx court site (stale news, spam only for crawlers), a refused site, and a web
host without sites; the findings and metrics must land in the history store."""

from __future__ import annotations

import datetime
import email.utils
import json
import sqlite3
import sys

import pytest
import yaml

from tests.harness.services import closed_port

pytestmark = pytest.mark.integration


def _write_site(root) -> None:
    now = datetime.datetime.now(datetime.timezone.utc)
    page = (
        '<html><head><meta charset="utf-8"><title>PN Contoh</title>'
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
        "<body><h1>Pengadilan Negeri Contoh</h1><p>Jadwal sidang dan berita.</p>%s</body></html>"
    )
    (root / "index.html").write_text(page % "")
    (root / "crawler.html").write_text(page % '<div style="display:none"><a href="https://x.invalid/">slot gacor</a></div>')
    (root / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><item><pubDate>%s</pubDate></item></channel></rss>'
        % email.utils.format_datetime(now - datetime.timedelta(days=21))
    )
    for path in root.iterdir():
        path.chmod(0o644)


@pytest.fixture
def refused_url():
    """A site address that refuses connections: its port is bound, never listening, for the whole test."""
    with closed_port() as port:
        yield "http://127.0.0.1:%d/" % port


def test_monitor_playbook_records_findings_and_metrics(tmp_path, nginx_factory, playbook_runner, data_dir,
                                                       refused_url):
    tmp_path.chmod(0o755)
    root = tmp_path / "site"
    root.mkdir()
    root.chmod(0o755)
    _write_site(root)
    server = nginx_factory(
        "server { listen 127.0.0.1:{port}; root %s; "
        'location = / { if ($http_user_agent ~* "googlebot") { rewrite ^ /crawler.html last; } '
        "try_files /index.html =404; } }" % root
    )
    refused = refused_url
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    inventory = {
        "all": {
            "vars": {"site_monitor_expect_https": False, "site_monitor_attempts": 2,
                     "site_monitor_retry_backoff": 0.2, "site_monitor_timeout": 5,
                     "sitekeeper_run_id": "it-monitor"},
            "children": {"webservers": {"hosts": {
                "web1": dict(local, sitekeeper_sites=[
                    {"name": "pn", "url": server.url, "docroot": str(root), "must_contain": ["Pengadilan Negeri"]},
                    {"name": "gone", "url": refused, "docroot": str(tmp_path / "missing")},
                ]),
                "web2": dict(local, sitekeeper_sites=[]),
            }}},
        }
    }
    inventory_path = tmp_path / "hosts.yml"
    inventory_path.write_text(yaml.safe_dump(inventory))
    runner = playbook_runner("playbooks/monitor.yml", str(inventory_path), data_dir=data_dir)
    assert runner.status == "successful", runner.stdout.read()[-3000:]
    probe = [e for e in runner.events if e.get("event") == "runner_on_ok"
             and e["event_data"].get("task", "").startswith("Probe every site")]
    assert len(probe) == 1  # one probe for all hosts' sites
    db = sqlite3.connect(str(data_dir / "history.sqlite"))
    rows = db.execute("SELECT host, subject, check_id, status, details FROM findings WHERE run_id = 'it-monitor'").fetchall()
    found = {(host, subject, check): status for host, subject, check, status, _d in rows}
    assert found[("web1", server.url, "availability.http")] == "ok"
    assert found[("web1", server.url, "freshness.content")] == "warning"
    assert found[("web1", server.url, "integrity.cloaking")] == "critical"
    assert found[("web1", server.url, "content.keywords")] == "ok"
    assert found[("web1", server.url, "freshness.docroot")] == "ok"
    assert found[("web1", refused, "availability.http")] == "critical"
    assert found[("web1", refused, "freshness.docroot")] == "unknown"
    assert found[("web2", "web2", "availability.site_config")] == "unknown"
    details = {(h, s, c): json.loads(d) for h, s, c, _st, d in rows}
    assert details[("web1", server.url, "freshness.content")]["content_hash"]
    metrics = db.execute("SELECT subject, name, value FROM metrics WHERE run_id = 'it-monitor'").fetchall()
    values = {(subject, name): value for subject, name, value in metrics}
    assert values[(server.url, "up")] == 1.0
    assert values[(refused, "up")] == 0.0
    assert values[(server.url, "response_ms")] > 0
    outcome = db.execute("SELECT outcome FROM runs WHERE run_id = 'it-monitor' AND activity = 1").fetchone()
    assert outcome == ("completed",)


def test_monitor_playbook_bad_site_entry_does_not_stop_the_run(tmp_path, playbook_runner, data_dir, refused_url):
    inventory = {"all": {"vars": {"sitekeeper_run_id": "it-bad", "site_monitor_check_docroot": False},
                         "children": {"webservers": {"hosts": {"web1": {
                             "ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                             "sitekeeper_sites": [{"name": "typo", "url": "htp://pn.example"},
                                                  {"name": "refused", "url": refused_url}],
                         }}}}}}
    inventory_path = tmp_path / "hosts.yml"
    inventory_path.write_text(yaml.safe_dump(inventory))
    runner = playbook_runner("playbooks/monitor.yml", str(inventory_path), data_dir=data_dir,
                             extravars={"site_monitor_attempts": 1})
    assert runner.status == "successful", runner.stdout.read()[-3000:]
    db = sqlite3.connect(str(data_dir / "history.sqlite"))
    rows = dict(db.execute("SELECT check_id || ' ' || subject, status FROM findings WHERE run_id = 'it-bad'").fetchall())
    assert rows["availability.site_config htp://pn.example"] == "unknown"
    assert any(key.startswith("availability.http http://127.0.0.1") and value == "critical"
               for key, value in rows.items())
