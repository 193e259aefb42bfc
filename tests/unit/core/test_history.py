"""The SQLite history store (plugins/module_utils/core/history.py), without Ansible."""

import datetime
import multiprocessing
import os
import sqlite3

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history


def finding(activity=1, check="availability.http_status", host="web1", subject="https://pn.test/",
            status="ok", when="2026-11-20T08:00:00Z"):
    return fnd.make_finding(activity, check, host, subject, status, "Something was checked.", observed_at=when)


_DB_COUNTER = iter(range(1, 1000000))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def location(request, tmp_path, monkeypatch):
    """A fresh, empty history location: a SQLite file, or a new database on a real
    PostgreSQL server on loopback (the same tests run against both backends)."""
    monkeypatch.delenv(history.HISTORY_URL_ENV, raising=False)
    if request.param == "sqlite":
        return str(tmp_path / "h.sqlite")
    server = request.getfixturevalue("postgres_server")
    name = "sk_history_%d_%d" % (os.getpid(), next(_DB_COUNTER))
    server.execute("CREATE DATABASE %s" % name)
    return "postgresql://postgres@127.0.0.1:%d/%s" % (server.port, name)


@pytest.fixture
def store(location):
    with history.HistoryStore(location) as opened:
        yield opened


def test_new_store_is_migrated_to_the_latest_schema(store):
    assert store.schema_version() == len(history.MIGRATIONS)


def test_new_file_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path):
    with history.HistoryStore(str(tmp_path / "h.sqlite")) as store:
        assert store.schema_version() == len(history.MIGRATIONS)
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"


def test_recording_the_same_run_twice_replaces_it(store):
    store.record("r1", 1, [finding(), finding(subject="https://b.test/")])
    store.record("r1", 1, [finding(status="critical")])
    rows = store.findings(run_id="r1")
    assert [r["status"] for r in rows] == ["critical"]
    assert store.runs()[0]["worst_status"] == "critical"


def test_outcome_reflects_unreachable_hosts(store):
    store.record("r1", 2, [finding(2, "backup.age"), fnd.unreachable_finding(2, "web2", "down")],
                 hosts=["web1", "web2"])
    assert store.runs()[0]["outcome"] == "partial"
    store.record("r2", 2, [fnd.unreachable_finding(2, "web2", "down")], hosts=["web2"])
    assert {r["run_id"]: r["outcome"] for r in store.runs()}["r2"] == "failed"


def test_latest_finding_per_check_subject_and_host(store):
    store.record("r1", 1, [finding(status="critical", when="2026-11-20T08:00:00Z")])
    store.record("r2", 1, [finding(status="ok", when="2026-11-21T08:00:00Z"),
                           finding(host="web2", status="warning", when="2026-11-21T08:00:00Z")])
    latest = {(f["host"], f["status"]) for f in store.latest_findings()}
    assert latest == {("web1", "ok"), ("web2", "warning")}


def test_filters_by_time_status_and_activity(store):
    store.record("r1", 1, [finding(when="2026-11-01T00:00:00Z", status="warning")])
    store.record("r2", 3, [finding(3, "audit.sql_injection", when="2026-11-25T00:00:00Z", status="critical")])
    assert [f["run_id"] for f in store.findings(since="2026-11-10T00:00:00Z")] == ["r2"]
    assert [f["run_id"] for f in store.findings(status=["warning"])] == ["r1"]
    assert [f["activity"] for f in store.findings(activity=3)] == [3]


def test_compliance_uses_the_sop_time_standards(store):
    now = datetime.datetime(2026, 11, 27, 12, tzinfo=datetime.timezone.utc)
    store.record("a", 1, [finding()], finished_at="2026-11-26T00:00:00Z")   # 1.5 days: within 2
    store.record("b", 2, [finding(2, "backup.age")], finished_at="2026-11-25T12:00:00Z")  # 2 days: over 1
    rows = {r["activity"]: r for r in store.compliance(now=now)}
    assert rows[1]["within_standard"] is True and rows[1]["time_standard_days"] == 2
    assert rows[2]["within_standard"] is False and rows[2]["age_days"] == 2.0
    assert rows[3]["last_completed"] is None and rows[3]["within_standard"] is False


def test_time_series_is_ordered_oldest_first(store):
    for i, value in enumerate([120, 80, 95]):
        store.record("r%d" % i, 1, [finding()], metrics=[
            {"subject": "https://pn.test/", "name": "response_ms", "value": value,
             "observed_at": "2026-11-2%dT00:00:00Z" % i}])
    assert [v for _, v in store.time_series("https://pn.test/", "response_ms")] == [120, 80, 95]


def test_a_finding_of_another_activity_is_refused(store):
    with pytest.raises(history.HistoryError, match="belongs to activity 3, not 1"):
        store.record("r1", 1, [finding(3, "audit.xss")])
    assert store.runs() == []


def test_incidents_keep_their_history_of_actions(store):
    store.upsert_incident({"incident_id": "web1:nginx", "host": "web1", "subject": "nginx", "check": "troubleshoot.web_server",
                           "summary": "nginx is down", "state": "open", "actions": ["diagnosed"]})
    done = store.upsert_incident({"incident_id": "web1:nginx", "state": "resolved", "resolved_by": "admin",
                                  "actions": ["started nginx"]})
    assert done["state"] == "resolved" and done["resolved_by"] == "admin"
    assert done["actions"] == ["diagnosed", "started nginx"] and done["resolved_at"]
    with pytest.raises(history.HistoryError, match="incident state"):
        store.upsert_incident({"incident_id": "x", "state": "closed"})


def test_corrupt_file_gives_one_clear_error_and_is_left_as_it_was(tmp_path):
    path = tmp_path / "h.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    before = path.read_bytes()
    with pytest.raises(history.HistoryError) as caught:
        history.HistoryStore(str(path)).open()
    message = str(caught.value)
    assert "damaged" in message and "move it aside" in message and "\n" not in message
    assert path.read_bytes() == before


def test_newer_schema_is_refused(tmp_path):
    path = str(tmp_path / "h.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(history.HistoryError, match="newer than this Sitekeeper knows"):
        history.HistoryStore(path).open()


def test_readonly_open_of_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(history.HistoryError, match="run an activity first"):
        history.HistoryStore(str(tmp_path / "none.sqlite"), readonly=True).open()


def test_locked_file_times_out_with_a_clear_message(tmp_path, monkeypatch):
    path = str(tmp_path / "h.sqlite")
    history.HistoryStore(path).open().close()
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(history, "BUSY_TIMEOUT_S", 0)
    try:
        with history.HistoryStore(path) as store:
            with pytest.raises(history.HistoryError, match="locked by another run"):
                store.record("r1", 1, [finding()])
    finally:
        blocker.rollback()
        blocker.close()
    with history.HistoryStore(path) as store:
        assert store.runs() == []


def _writer(path, prefix, count):
    with history.HistoryStore(path) as store:
        for i in range(count):
            store.record("%s-%d" % (prefix, i), 1, [finding(subject="https://%s%d.test/" % (prefix, i))])


def test_two_writers_at_once_lose_nothing(location):
    path = location
    history.HistoryStore(path).open().close()
    procs = [multiprocessing.Process(target=_writer, args=(path, p, 40)) for p in ("a", "b")]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    with history.HistoryStore(path) as store:
        assert len(store.findings()) == 80


def _crash_mid_write(path):
    store = history.HistoryStore(path).open()
    conn = store._conn
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM findings")
    conn.execute("INSERT INTO runs VALUES ('half', 1, 'x', 'x', 'completed', 'ok', 1, '')")
    os._exit(9)  # dies before COMMIT, like a killed run


def test_a_crash_mid_write_leaves_the_previous_state(tmp_path):
    path = str(tmp_path / "h.sqlite")
    with history.HistoryStore(path) as store:
        store.record("r1", 1, [finding()])
    proc = multiprocessing.Process(target=_crash_mid_write, args=(path,))
    proc.start()
    proc.join(30)
    assert proc.exitcode == 9
    with history.HistoryStore(path) as store:
        assert [r["run_id"] for r in store.runs()] == ["r1"]
        assert len(store.findings()) == 1


def test_record_activity_adds_unknown_for_silent_hosts(location):
    result = history.record_activity(1, [finding()], [], ["web1", "web2"], None, None, location)
    assert result["outcome"] == "partial" and result["worst_status"] == "unknown"
    with history.HistoryStore(location) as store:
        silent = [f for f in store.findings() if f["host"] == "web2"]
    assert silent[0]["check"] == "run.host_unreachable"


def test_record_activity_in_check_mode_writes_nothing(tmp_path):
    path = tmp_path / "h.sqlite"
    history.record_activity(1, [finding()], [], ["web1"], "r", None, str(path), dry_run=True)
    assert not path.exists()


def test_recording_identical_content_again_changes_nothing(store):
    metrics = [{"subject": "s", "name": "up", "value": 1}]
    assert store.record("r1", 1, [finding()], metrics)["changed"] is True
    assert store.record("r1", 1, [finding()], metrics)["changed"] is False
    assert store.record("r1", 1, [finding(status="warning")], metrics)["changed"] is True


def test_a_malformed_metric_is_refused_with_a_clear_error(store):
    with pytest.raises(history.HistoryError, match="metric is malformed"):
        store.record("r1", 1, [finding()], [{"name": "up", "value": 1}])
    with pytest.raises(history.HistoryError, match="metric is malformed"):
        store.record("r1", 1, [finding()], [{"subject": "s", "name": "up", "value": "fast"}])
    assert store.runs() == []
