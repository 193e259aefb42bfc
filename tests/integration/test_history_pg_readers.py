"""The history's readers (the probe's content-hash memory, the report) work on a
PostgreSQL history as on the SQLite file."""

import os

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as site_probe
from ansible_collections.sitekeeper.website.plugins.module_utils.report import situation as report

pytestmark = pytest.mark.integration


@pytest.fixture
def pg_url(postgres_server, monkeypatch):
    monkeypatch.delenv(history.HISTORY_URL_ENV, raising=False)
    name = "sk_readers_%d" % os.getpid()
    postgres_server.execute("DROP DATABASE IF EXISTS %s" % name)
    postgres_server.execute("CREATE DATABASE %s" % name)
    return "postgresql://postgres@127.0.0.1:%d/%s" % (postgres_server.port, name)


def freshness(content_hash, when):
    return fnd.make_finding(1, site_probe.FRESHNESS_CHECK, "web1", "https://pn.test/", "ok", "Fresh.",
                            details={"content_hash": content_hash}, observed_at=when)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_probe_remembers_the_newest_content_hash(backend, pg_url, tmp_path):
    location = pg_url if backend == "postgresql" else str(tmp_path / "h.sqlite")
    with history.HistoryStore(location) as store:
        store.record("r1", 1, [freshness("old", "2026-11-01T00:00:00Z")])
        store.record("r2", 1, [freshness("new", "2026-11-20T00:00:00Z")])
    index, note = site_probe.history_index(location)
    assert note is None
    assert index["https://pn.test/"]["content_hash"] == "new"
    assert index["https://pn.test/"]["previous_observed_at"] == "2026-11-20T00:00:00Z"


def test_report_opens_a_postgresql_history(pg_url):
    with history.HistoryStore(pg_url) as store:
        store.record("r1", 1, [freshness("h", "2026-11-20T00:00:00Z")])
    warnings = []
    store = report._open_store(pg_url, warnings)
    try:
        assert store is not None and warnings == []
        assert [r["run_id"] for r in store.runs()] == ["r1"]
    finally:
        store.close()
