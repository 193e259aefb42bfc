"""The PostgreSQL history backend against a real PostgreSQL server on loopback.

The backend-neutral tests (recording, filters, compliance, incidents, two
writers) run against both backends in tests/unit/core/test_history.py; these are the
parts only a shared database has: one setting choosing it, concurrent
migrations, crashes, versions, messages without passwords, and the report's
own queries running unchanged on PostgreSQL.
"""

import datetime
import multiprocessing
import os

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history, history_pg
from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as report_model

pytestmark = pytest.mark.integration
_COUNTER = iter(range(1, 1000000))


@pytest.fixture
def pg_url(postgres_server, monkeypatch):
    monkeypatch.delenv(history.HISTORY_URL_ENV, raising=False)
    name = "sk_pg_%d_%d" % (os.getpid(), next(_COUNTER))
    postgres_server.execute("CREATE DATABASE %s" % name)
    return "postgresql://postgres@127.0.0.1:%d/%s" % (postgres_server.port, name)


def finding(activity=1, check="availability.http_status", host="web1", subject="https://pn.test/",
            status="ok", when="2026-11-20T08:00:00Z"):
    return fnd.make_finding(activity, check, host, subject, status, "Something was checked.", observed_at=when)


def test_the_environment_url_wins_over_a_file_path(pg_url, tmp_path, monkeypatch):
    monkeypatch.setenv(history.HISTORY_URL_ENV, pg_url)
    path = tmp_path / "h.sqlite"
    result = history.record_activity(1, [finding()], [], ["web1"], "r1", None, str(path))
    assert not path.exists()
    assert result["history_path"] == pg_url
    monkeypatch.delenv(history.HISTORY_URL_ENV)
    with history.HistoryStore(pg_url, readonly=True) as store:
        assert store.backend == "postgresql"
        assert [r["run_id"] for r in store.runs()] == ["r1"]


def test_a_bad_environment_url_is_one_clear_error(monkeypatch):
    monkeypatch.setenv(history.HISTORY_URL_ENV, "mysql://root:hunter2@db/x")
    with pytest.raises(history.HistoryError) as caught:
        history.HistoryStore("/tmp/x.sqlite")
    assert "must be a postgresql:// URL" in str(caught.value) and "hunter2" not in str(caught.value)


def test_schema_versions_are_kept_in_a_table(pg_url, postgres_server):
    history.HistoryStore(pg_url).open().close()
    database = pg_url.rsplit("/", 1)[1]
    versions = postgres_server.execute("SELECT version FROM sitekeeper_schema ORDER BY version", database)
    assert versions.split() == [str(v + 1) for v in range(len(history.MIGRATIONS))]
    tables = postgres_server.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", database)
    assert {"runs", "findings", "metrics", "incidents"} <= set(tables.split())


def _open(url, queue):
    try:
        with history.HistoryStore(url) as store:
            queue.put(store.schema_version())
    except Exception as exc:  # noqa: BLE001 reported to the parent
        queue.put(repr(exc))


def test_controllers_opening_a_new_database_at_once_migrate_it_once(pg_url, postgres_server):
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_open, args=(pg_url, queue)) for _ in range(4)]
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=60) for _ in procs]
    for proc in procs:
        proc.join(30)
    assert results == [len(history.MIGRATIONS)] * 4
    database = pg_url.rsplit("/", 1)[1]
    assert postgres_server.execute("SELECT count(*) FROM sitekeeper_schema", database).strip() == str(
        len(history.MIGRATIONS))


def test_a_newer_schema_is_refused(pg_url):
    with history.HistoryStore(pg_url) as store:
        store._conn.execute("INSERT INTO sitekeeper_schema (version) VALUES (99)")
    with pytest.raises(history.HistoryError, match="newer than this Sitekeeper knows"):
        history.HistoryStore(pg_url).open()


def test_readonly_on_an_empty_database_says_what_to_do(pg_url):
    with pytest.raises(history.HistoryError, match="run any activity once"):
        history.HistoryStore(pg_url, readonly=True).open()


def test_readonly_store_cannot_write(pg_url):
    history.HistoryStore(pg_url).open().close()
    with history.HistoryStore(pg_url, readonly=True) as store:
        with pytest.raises(history.HistoryError, match="read-only"):
            store.record("r1", 1, [finding()])


def test_an_unreachable_server_is_one_line_without_the_password(postgres_server, monkeypatch):
    monkeypatch.delenv(history.HISTORY_URL_ENV, raising=False)
    url = "postgresql://sk:s3cretpw@127.0.0.1:%d/nodb" % postgres_server.port
    with pytest.raises(history.HistoryError) as caught:
        history.HistoryStore(url).open()
    message = str(caught.value)
    assert "cannot be reached" in message and "s3cretpw" not in message and "\n" not in message
    assert history_pg.safe_url(url) in message


def test_the_report_model_reads_a_postgresql_history(pg_url):
    now = datetime.datetime(2026, 11, 27, 1, tzinfo=datetime.timezone.utc)
    with history.HistoryStore(pg_url) as store:
        store.record("r1", 1, [finding(status="critical", when="2026-11-26T20:00:00Z")],
                     metrics=[{"subject": "https://pn.test/", "name": "response_ms", "value": 120,
                               "observed_at": "2026-11-26T20:00:00Z"}], finished_at="2026-11-26T20:00:00Z")
        store.record("r1", 2, [finding(2, "backup.age", when="2026-11-26T21:00:00Z")],
                     finished_at="2026-11-26T21:00:00Z")
    with history.HistoryStore(pg_url, readonly=True) as store:
        model = report_model.build_model(store, [], now=now, language="en", period="days", days=7)
    text = repr(model)
    assert "availability.http_status" in text and "critical" in text
    done = {row["activity"]: row for row in model["compliance"]}
    assert done[1]["within_standard"] is True and done[3]["within_standard"] is False
