"""The SQLite history store (plugins/module_utils/core/history.py), without Ansible."""

import datetime
import multiprocessing
import os
import sqlite3

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history, history_db


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
    monkeypatch.setattr(history_db, "BUSY_TIMEOUT_S", 0)
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


def _crash_mid_write(location):
    store = history.HistoryStore(location).open()
    conn = store._conn
    if location.startswith("postgresql"):
        conn.autocommit = False
    else:
        conn.execute("BEGIN IMMEDIATE")
    conn.execute("DELETE FROM findings")
    conn.execute("INSERT INTO runs VALUES ('half', 1, 'x', 'x', 'completed', 'ok', 1, '')")
    os._exit(9)  # dies before COMMIT, like a killed run


def test_a_crash_mid_write_leaves_the_previous_state(location):
    with history.HistoryStore(location) as store:
        store.record("r1", 1, [finding()])
    proc = multiprocessing.Process(target=_crash_mid_write, args=(location,))
    proc.start()
    proc.join(30)
    assert proc.exitcode == 9
    with history.HistoryStore(location) as store:
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


# -- the store's queries (the report, the probe, the renewals and the incidents ask these) --------

def test_newest_finding_of_each_key_in_a_window(store):
    store.record("r1", 1, [finding(status="critical", when="2026-11-20T08:00:00Z")])
    store.record("r2", 1, [finding(status="ok", when="2026-11-22T08:00:00Z"),
                           finding(host="web2", status="warning", when="2026-11-21T08:00:00Z")])
    store.record("r3", 1, [finding(status="warning", when="2026-11-26T08:00:00Z")])
    newest = store.newest_findings(since="2026-11-19T00:00:00Z", until="2026-11-25T00:00:00Z")
    assert sorted((f["host"], f["status"], f["run_id"]) for f in newest) == [("web1", "ok", "r2"),
                                                                            ("web2", "warning", "r2")]
    everything = store.newest_findings()
    assert sorted((f["host"], f["status"]) for f in everything) == [("web1", "warning"), ("web2", "warning")]


def test_a_tie_on_the_time_goes_to_the_finding_recorded_last(store):
    store.record("r1", 1, [finding(status="critical")])
    store.record("r2", 1, [finding(status="ok")])
    [newest] = store.newest_findings()
    assert (newest["run_id"], newest["status"]) == ("r2", "ok")


def test_the_activity_is_chosen_before_the_newest_is_picked(store):
    """run.host_unreachable is one key for every activity: a newer one of backups does not hide
    the monitoring one, nor does the report's own (excluded) finding."""
    store.record("m", 1, [fnd.unreachable_finding(1, "web1", "down", observed_at="2026-11-20T08:00:00Z")])
    store.record("b", 2, [fnd.unreachable_finding(2, "web1", "down", observed_at="2026-11-21T08:00:00Z")])
    store.record("r", 5, [fnd.unreachable_finding(5, "web1", "down", observed_at="2026-11-22T08:00:00Z")])
    assert [f["run_id"] for f in store.latest_findings(activity=1)] == ["m"]
    assert [f["run_id"] for f in store.newest_findings(exclude_activity=5)] == ["b"]
    assert [f["run_id"] for f in store.newest_findings(until="2026-11-21T00:00:00Z", exclude_activity=1)] == []
    assert [f["run_id"] for f in store.newest_findings()] == ["r"]


def test_latest_findings_are_ordered_by_activity_check_and_subject(store):
    store.record("r3", 3, [finding(3, "audit.log_files", subject="https://a.test/")])
    store.record("r1", 1, [finding(subject="https://b.test/"), finding(subject="https://a.test/")])
    assert [(f["activity"], f["subject"]) for f in store.latest_findings()] == [
        (1, "https://a.test/"), (1, "https://b.test/"), (3, "https://a.test/")]


def test_a_stored_finding_reads_back_as_it_was_recorded(store):
    original = fnd.make_finding(1, "availability.http_status", "web1", "https://pn.test/", "critical", "Down.",
                                details={"code": 503}, evidence=["HTTP/1.1 503"], summary_id="Mati.",
                                suggested_actions=[fnd.action("Restart", "remediate", "restart_web", "Mulai ulang")],
                                observed_at="2026-11-20T08:00:00Z")
    store.record("r1", 1, [original])
    [back] = store.findings()
    assert back == dict(original, run_id="r1")
    assert store.newest_findings() == [back] == store.latest_findings()


def test_newest_finding_per_subject_with_a_detail(store):
    check = "content.freshness"
    store.record("r1", 1, [finding(check=check, when="2026-11-01T00:00:00Z") | {"details": {"content_hash": "old"}}])
    store.record("r2", 1, [finding(check=check, when="2026-11-02T00:00:00Z") | {"details": {"content_hash": "new"}},
                           finding(check=check, subject="https://b.test/", when="2026-11-02T00:00:00Z")])
    store.record("r3", 1, [finding(check=check, when="2026-11-03T00:00:00Z") | {"details": {"other": 1}}])
    newest = store.newest_per_subject(check, "content_hash")
    assert {s: (f["details"]["content_hash"], f["observed_at"]) for s, f in newest.items()} == {
        "https://pn.test/": ("new", "2026-11-02T00:00:00Z")}
    assert set(store.newest_per_subject(check)) == {"https://pn.test/", "https://b.test/"}


def test_status_counts_and_recurrences_in_a_window(store):
    store.record("a", 1, [finding(status="critical", when="2026-11-20T08:00:00Z")])
    store.record("b", 1, [finding(status="critical", when="2026-11-21T08:00:00Z"),
                          finding(host="web2", status="ok", when="2026-11-21T08:00:00Z")])
    store.record("c", 5, [finding(5, "report.delivered", status="warning", when="2026-11-21T09:00:00Z")])
    counts = store.status_counts("2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z", exclude_activity=5)
    assert counts == {"ok": 1, "warning": 0, "critical": 2, "unknown": 0}
    assert store.status_counts("2026-11-20T00:00:00Z", "2026-11-21T08:00:00Z")["critical"] == 1, "until excluded"
    assert store.recurrences("2026-11-20T00:00:00Z", "2026-11-21T08:00:00Z") == {
        ("availability.http_status", "https://pn.test/", "web1"): 2}
    assert store.recurrences("2026-11-20T00:00:00Z", "2026-11-22T00:00:00Z", statuses=("warning",)) == {
        ("report.delivered", "https://pn.test/", "web1"): 1}


def test_last_completion_of_an_activity_before_a_time(store):
    store.record("a", 5, [finding(5, "report.delivered")], finished_at="2026-11-20T08:00:00Z")
    store.record("b", 5, [finding(5, "report.delivered")], finished_at="2026-11-22T08:00:00Z")
    store.record("c", 5, [fnd.unreachable_finding(5, "web1", "down")], finished_at="2026-11-23T08:00:00Z")
    assert store.last_completion(5, "2026-11-24T00:00:00Z") == "2026-11-22T08:00:00Z", "a failed run is no completion"
    assert store.last_completion(5, "2026-11-22T08:00:00Z") == "2026-11-20T08:00:00Z"
    assert store.last_completion(1, "2026-11-24T00:00:00Z") is None


def _metric(subject, name, value, when):
    return {"subject": subject, "host": "web1", "name": name, "value": value, "observed_at": when}


def test_metric_aggregates_over_a_window_in_local_days(store):
    store.record("r1", 1, [finding()], metrics=[
        _metric("a", "response_ms", 100, "2026-11-20T08:00:00Z"),
        _metric("a", "response_ms", 300, "2026-11-20T20:00:00Z"),   # 2026-11-21 03:00 at UTC+7
        _metric("b", "response_ms", 50, "2026-11-20T09:00:00Z"),
        _metric("b", "response_ms", None, "2026-11-20T10:00:00Z"),
        _metric("a", "latency", 7, "2026-11-20T09:00:00Z"),          # another name under the same report name
        _metric("a", "response_ms", 999, "2026-11-25T00:00:00Z"),   # after the window
    ])
    names = ("response_ms", "latency")
    since, until = "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"
    assert store.metric_subjects(("response_ms",), since, until) == {"a", "b"}
    per = store.metric_per_subject(names, since, until)
    assert per["a"] == {"avg": (100 + 300 + 7) / 3, "max": 300, "min": 7, "n": 3}
    assert per["b"] == {"avg": 50, "max": 50, "min": 50, "n": 1}
    assert store.metric_overall("response_ms", since, until) == {"avg": 150, "n": 3}
    assert store.metric_overall("response_ms", until, "2026-11-22T00:00:00Z") == {"avg": None, "n": 0}
    assert store.metric_daily_avg("response_ms", since, until, 0, by_subject=False) == {
        "*": [["2026-11-20", 150]]}
    assert store.metric_daily_avg("response_ms", since, until, 420, by_subject=True) == {
        "a": [["2026-11-20", 100], ["2026-11-21", 300]], "b": [["2026-11-20", 50]]}
    assert store.metric_daily_max("response_ms", since, until, 0) == {"a": [["2026-11-20", 300]],
                                                                        "b": [["2026-11-20", 50]]}
    assert store.metric_daily_total("response_ms", since, until, 0) == [["2026-11-20", 350]]
    assert store.metric_latest("response_ms", until) == {
        "a": {"value": 300, "observed_at": "2026-11-20T20:00:00Z"},
        "b": {"value": None, "observed_at": "2026-11-20T10:00:00Z"}}


def test_metric_points_of_one_activity_oldest_first(store):
    store.record("r1", 4, [finding(4, "renewals.domain_expiry")], metrics=[
        _metric("pn.test", "expires_days_left", 30, "2026-11-21T00:00:00Z"),
        _metric("pn.test", "expires_days_left", 31, "2026-11-20T00:00:00Z")])
    store.record("r1", 1, [finding()], metrics=[_metric("pn.test", "expires_days_left", 5, "2026-11-22T00:00:00Z")])
    points = store.metric_points("expires_days_left", activity=4)
    assert [(p["value"], p["observed_at"], p["host"]) for p in points] == [
        (31, "2026-11-20T00:00:00Z", "web1"), (30, "2026-11-21T00:00:00Z", "web1")]
    assert [p["value"] for p in store.metric_points("expires_days_left", since="2026-11-21T00:00:00Z")] == [30, 5]


def test_incidents_by_problem_state_and_limit(store):
    for number, (host, state, when) in enumerate([("web1", "open", "2026-11-20T00:00:00Z"),
                                                  ("web1", "escalated", "2026-11-21T00:00:00Z"),
                                                  ("web2", "open", "2026-11-22T00:00:00Z"),
                                                  ("web1", "resolved", "2026-11-23T00:00:00Z")]):
        store.upsert_incident({"incident_id": "i%d" % number, "host": host, "subject": "nginx",
                               "check": "troubleshoot.web_server", "summary": "down", "state": state,
                               "updated_at": when})
    active = ("open", "escalated")
    assert [i["incident_id"] for i in store.incidents(state=active, host="web1")] == ["i1", "i0"]
    assert [i["incident_id"] for i in store.incidents(state=active, host="web1", check="troubleshoot.web_server",
                                                      subject="nginx", limit=1)] == ["i1"]
    assert store.incidents(state=active, host="web1", subject="mysql") == []
    assert [i["incident_id"] for i in store.incidents()] == ["i3", "i2", "i1", "i0"]


# -- one check at the door ---------------------------------------------------------------------

def test_a_malformed_finding_is_one_clear_error_at_the_door(location):
    bad = dict(finding(), status="fine")
    for dry_run in (True, False):
        with pytest.raises(fnd.FindingError, match="status must be one of"):
            history.record_activity(1, [bad], [], ["web1"], "r", None, location, dry_run=dry_run)
    with history.HistoryStore(location) as store, pytest.raises(fnd.FindingError, match="status must be one of"):
        store.record("r", 1, [bad])


def test_each_finding_is_checked_once_on_its_way_into_the_history(location, monkeypatch):
    given = [finding(), finding(host="web2")]
    checked = []
    real = fnd.validate
    monkeypatch.setattr(fnd, "validate", lambda f: checked.append(f["host"]) or real(f))
    history.record_activity(1, given, [], ["web1", "web2", "web3"], "r", None, location)
    # web3 had no finding: its unreachable finding is checked once, where it is made.
    assert sorted(checked) == ["web1", "web2", "web3"]
    with history.HistoryStore(location) as store:
        assert len(store.findings()) == 3
