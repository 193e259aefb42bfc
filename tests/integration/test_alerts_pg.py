"""The alerts' state, outages and uptime figures in a shared PostgreSQL history (as several
controllers or AWX jobs use it): confirmation across runs, recovery, and the report's reading."""

import datetime
import itertools
import os

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.alerts.run import run_alerts
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from ansible_collections.sitekeeper.website.plugins.module_utils.report import uptime

pytestmark = pytest.mark.integration
_COUNTER = itertools.count()
URL = "http://pn.example/"
T0 = datetime.datetime(2026, 11, 3, 1, 0, tzinfo=datetime.timezone.utc)


@pytest.fixture
def pg_url(postgres_server, monkeypatch):
    monkeypatch.delenv(history.HISTORY_URL_ENV, raising=False)
    name = "sk_alerts_%d_%d" % (os.getpid(), next(_COUNTER))
    postgres_server.execute("CREATE DATABASE %s" % name)
    return "postgresql://postgres@127.0.0.1:%d/%s" % (postgres_server.port, name)


def test_down_recovered_and_uptime_in_postgresql(pg_url, tmp_path):
    settings = {"recipients": {"box": "outbox://"}, "routes": [{"name": "a", "to": ["box"]}],
                "outbox_dir": str(tmp_path / "outbox"), "language": "en", "availability_target": 99.99}
    kinds = []
    for minute, status in ((0, "critical"), (5, "critical"), (45, "ok")):
        moment = T0 + datetime.timedelta(minutes=minute)
        finding = {"activity": 1, "check": "availability.http", "host": "web1", "subject": URL, "status": status,
                   "summary": status, "details": {}, "evidence": [], "suggested_actions": [],
                   "observed_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ")}
        result = run_alerts([finding], settings, pg_url, sites=[{"name": "pn", "url": URL}], now=moment)
        kinds += [e["kind"] for e in result["events"]]
    assert kinds == ["problem", "recovered"]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 2
    with history.HistoryStore(pg_url, readonly=True) as store:
        section = uptime.uptime(store, "2026-11-01T00:00:00Z", "2026-11-10T00:00:00Z", datetime.timezone.utc,
                                datetime.datetime(2026, 11, 10, tzinfo=datetime.timezone.utc))
    (row,) = section["rows"]
    assert (row["downtime_min"], row["outages"], row["target_pct"], row["missed"]) == (45.0, 1, 99.99, True)
