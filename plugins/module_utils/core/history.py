# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store: every run's findings and metrics, kept for the report.

SQLite by default (one file in the data directory). The schema is versioned:
MIGRATIONS is an ordered list of SQL scripts and the store applies the ones a
file lacks, each in its own transaction, when it is opened. WAL journaling and
a busy timeout let two runs write at once; every write is one transaction, so
a crash mid-write leaves the previous state intact.

PostgreSQL instead, for several controllers or AWX jobs sharing one history:
one setting, a URL (``postgresql://user@host:5432/sitekeeper``) given as the
store's location or in the environment variable SITEKEEPER_HISTORY_URL (which,
when set, wins over any file path, so every module and the CLI on that
controller use the same database). Same schema and migrations; see history_pg.

Standard library only for SQLite: it runs on the controller from modules and the
CLI; the PostgreSQL backend needs psycopg 3 on the controller.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sqlite3

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history_pg

HISTORY_URL_ENV = "SITEKEEPER_HISTORY_URL"

BUSY_TIMEOUT_S = 30

MIGRATIONS = [
    # 1: runs, findings, metrics
    """
    CREATE TABLE runs (
        run_id TEXT NOT NULL,
        activity INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        outcome TEXT NOT NULL,
        worst_status TEXT NOT NULL,
        hosts INTEGER NOT NULL,
        controller TEXT NOT NULL,
        PRIMARY KEY (run_id, activity)
    );
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        activity INTEGER NOT NULL,
        check_id TEXT NOT NULL,
        host TEXT NOT NULL,
        subject TEXT NOT NULL,
        status TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL,
        evidence TEXT NOT NULL,
        suggested_actions TEXT NOT NULL,
        observed_at TEXT NOT NULL
    );
    CREATE INDEX findings_by_key ON findings (check_id, subject, host, observed_at);
    CREATE INDEX findings_by_time ON findings (observed_at);
    CREATE INDEX findings_by_run ON findings (run_id, activity);
    CREATE TABLE metrics (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        activity INTEGER NOT NULL,
        host TEXT NOT NULL,
        subject TEXT NOT NULL,
        name TEXT NOT NULL,
        value REAL,
        observed_at TEXT NOT NULL
    );
    CREATE INDEX metrics_by_series ON metrics (subject, name, observed_at);
    CREATE INDEX metrics_by_run ON metrics (run_id, activity);
    CREATE TABLE incidents (
        incident_id TEXT PRIMARY KEY,
        host TEXT NOT NULL,
        subject TEXT NOT NULL,
        check_id TEXT NOT NULL,
        state TEXT NOT NULL,
        summary TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        third_party TEXT,
        actions TEXT NOT NULL
    );
    CREATE INDEX incidents_by_state ON incidents (state, updated_at);
    """,
]

# States of an incident (SOP activity 7's loop): found and being worked on in-house,
# handed to a third party, or solved.
INCIDENT_STATES = ("open", "escalated", "resolved")

# Outcomes of one activity in one run. "completed": every targeted host was
# checked; "partial": some hosts could not be checked; "failed": none could.
OUTCOMES = ("completed", "partial", "failed")


class HistoryError(Exception):
    """The history store cannot be used; the message says what to do."""


def default_data_dir() -> str:
    return os.path.expanduser(
        os.environ.get("SITEKEEPER_DATA_DIR") or "~/.local/share/sitekeeper"
    )


def default_history_path() -> str:
    return os.path.join(default_data_dir(), "history.sqlite")


def history_url() -> str | None:
    """The PostgreSQL URL from SITEKEEPER_HISTORY_URL, or None (use SQLite)."""
    url = (os.environ.get(HISTORY_URL_ENV) or "").strip()
    return url or None


def resolve_location(location: str | None = None) -> str:
    """Where the history lives: SITEKEEPER_HISTORY_URL when set, else the given
    path or URL, else the default SQLite file."""
    url = history_url()
    if url:
        if not history_pg.is_url(url):
            raise HistoryError("%s must be a postgresql:// URL, got %s" % (HISTORY_URL_ENV, history_pg.safe_url(url)))
        return url
    return location or default_history_path()


def describe_location(location: str) -> str:
    """The location for messages (a URL without its password)."""
    return history_pg.safe_url(location) if history_pg.is_url(location) else location


def _dumps(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


class HistoryStore:
    """Open (creating and migrating as needed) a SQLite history file, or a
    PostgreSQL history database when the location is a postgresql:// URL (or
    SITEKEEPER_HISTORY_URL is set)."""

    def __init__(self, path: str | None = None, readonly: bool = False):
        location = resolve_location(path)
        self.backend = "postgresql" if history_pg.is_url(location) else "sqlite"
        self.path = location.strip() if self.backend == "postgresql" else os.path.expanduser(location)
        self.readonly = readonly
        self._conn = None
        self._pg = None

    # -- connection -------------------------------------------------------
    def __enter__(self):
        self.open()
        return self

    def __exit__(self, *exc):
        self.close()

    def open(self):
        if self.backend == "postgresql":
            self._pg = history_pg.PgBackend(self.path, MIGRATIONS, HistoryError, readonly=self.readonly).open()
            self._conn = self._pg.conn
            return self
        if self.readonly and not os.path.exists(self.path):
            raise HistoryError(
                "history file %s does not exist yet: run an activity first" % self.path
            )
        directory = os.path.dirname(self.path)
        if directory and not self.readonly:
            os.makedirs(directory, mode=0o700, exist_ok=True)
        try:
            if self.readonly:
                uri = "file:%s?mode=ro" % self.path
                self._conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
            else:
                self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA busy_timeout = %d" % (BUSY_TIMEOUT_S * 1000))
            if not self.readonly:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise self._explain(exc) from None
        return self

    def close(self):
        if self._pg is not None:
            self._pg.close()
            self._pg = None
            self._conn = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def location(self) -> str:
        """Where this store is, fit for messages (no password)."""
        return describe_location(self.path)

    def _explain(self, exc: Exception) -> HistoryError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return HistoryError(
                "history file %s is locked by another run (waited %d s); try again when it ends"
                % (self.path, BUSY_TIMEOUT_S)
            )
        if "not a database" in text or "malformed" in text or "file is encrypted" in text:
            return HistoryError(
                "history file %s is damaged (%s); move it aside (it is kept as it is) "
                "and the next run starts a new history" % (self.path, text)
            )
        return HistoryError("history file %s cannot be used: %s" % (self.path, text))

    def schema_version(self) -> int:
        if self._pg is not None:
            return self._pg.schema_version()
        row = self._conn.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    def _migrate(self):
        current = self.schema_version()
        if current > len(MIGRATIONS):
            raise HistoryError(
                "history file %s has schema version %d, newer than this Sitekeeper knows (%d): "
                "upgrade Sitekeeper" % (self.path, current, len(MIGRATIONS))
            )
        if current == len(MIGRATIONS):
            return
        if self.readonly:
            raise HistoryError(
                "history file %s needs upgrading (schema %d < %d): run any activity once"
                % (self.path, current, len(MIGRATIONS))
            )
        for version in range(current, len(MIGRATIONS)):
            # executescript commits first; wrap each migration in its own
            # transaction so a crash leaves the file at a whole version.
            self._conn.executescript(
                "BEGIN IMMEDIATE;\n%s\nPRAGMA user_version = %d;\nCOMMIT;"
                % (MIGRATIONS[version], version + 1)
            )

    def _write(self):
        if self.readonly:
            raise HistoryError("history store was opened read-only")
        return self._conn

    @contextlib.contextmanager
    def _transaction(self):
        """One write transaction (single writer at a time) yielding execute/executemany."""
        if self._pg is not None:
            with self._pg.transaction() as tx:
                yield tx
            return
        conn = self._write()
        try:
            with conn:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from None

    # -- writing ----------------------------------------------------------
    def record(
        self,
        run_id: str,
        activity: int,
        findings: list,
        metrics: list | None = None,
        started_at: str | None = None,
        finished_at: str | None = None,
        hosts: list | None = None,
        controller: str = "",
    ) -> dict:
        """Store one activity's results of one run, replacing any earlier copy.

        Recording the same (run_id, activity) twice replaces the first copy,
        so re-running a playbook's recording step never counts findings twice.
        """
        for finding in findings:
            fnd.validate(finding)
            if finding["activity"] != activity:
                raise HistoryError(
                    "finding %s belongs to activity %s, not %s"
                    % (finding["check"], finding["activity"], activity)
                )
        metrics = metrics or []
        for metric in metrics:
            if not isinstance(metric, dict) or not {"subject", "name"} <= set(metric):
                raise HistoryError("a metric is malformed (%r): need subject, name, value" % (metric,))
        finished_at = finished_at or fnd.utc_now_iso()
        started_at = started_at or finished_at
        hosts = sorted(set(hosts or [f["host"] for f in findings]))
        unreachable = {
            f["host"] for f in findings if f["check"] == "run.host_unreachable"
        }
        if hosts and len(unreachable) >= len(hosts):
            outcome = "failed"
        elif unreachable:
            outcome = "partial"
        else:
            outcome = "completed"
        worst = fnd.worst_status(f["status"] for f in findings)
        summary = {"run_id": run_id, "activity": activity, "outcome": outcome, "worst_status": worst,
                   "findings": len(findings), "metrics": len(metrics)}
        if self._already_recorded(run_id, activity, findings, metrics):
            return dict(summary, changed=False)
        try:
            with self._transaction() as conn:
                conn.execute(
                    "DELETE FROM findings WHERE run_id = ? AND activity = ?", (run_id, activity)
                )
                conn.execute(
                    "DELETE FROM metrics WHERE run_id = ? AND activity = ?", (run_id, activity)
                )
                conn.execute("DELETE FROM runs WHERE run_id = ? AND activity = ?", (run_id, activity))
                conn.execute(
                    "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, activity, started_at, finished_at, outcome, worst, len(hosts), controller),
                )
                conn.executemany(
                    "INSERT INTO findings (run_id, activity, check_id, host, subject, status,"
                    " summary, details, evidence, suggested_actions, observed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            run_id,
                            activity,
                            f["check"],
                            f["host"],
                            f["subject"],
                            f["status"],
                            f["summary"],
                            _dumps(f["details"]),
                            _dumps(f["evidence"]),
                            _dumps(f["suggested_actions"]),
                            f["observed_at"],
                        )
                        for f in findings
                    ],
                )
                conn.executemany(
                    "INSERT INTO metrics (run_id, activity, host, subject, name, value, observed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            run_id,
                            activity,
                            str(m.get("host", "")),
                            str(m["subject"]),
                            str(m["name"]),
                            None if m.get("value") is None else float(m["value"]),
                            m.get("observed_at") or finished_at,
                        )
                        for m in metrics
                    ],
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise HistoryError("a metric is malformed (%s): need subject, name, value" % exc) from None
        return dict(summary, changed=True)

    def _already_recorded(self, run_id, activity, findings, metrics) -> bool:
        """True when this run's activity is stored with exactly these findings and metrics."""
        stored = self.query(
            "SELECT check_id, host, subject, status, summary, details, evidence, suggested_actions, observed_at"
            " FROM findings WHERE run_id = ? AND activity = ?", (run_id, activity))
        if not stored and not self.query("SELECT 1 FROM runs WHERE run_id = ? AND activity = ?", (run_id, activity)):
            return False
        new = sorted(
            (f["check"], f["host"], f["subject"], f["status"], f["summary"], _dumps(f["details"]),
             _dumps(f["evidence"]), _dumps(f["suggested_actions"]), f["observed_at"]) for f in findings)
        if sorted(tuple(r) for r in stored) != new:
            return False
        stored_metrics = self.query(
            "SELECT host, subject, name, value FROM metrics WHERE run_id = ? AND activity = ?", (run_id, activity))
        new_metrics = sorted(
            (str(m.get("host", "")), str(m["subject"]), str(m["name"]),
             None if m.get("value") is None else float(m["value"])) for m in metrics)
        return sorted(tuple(r) for r in stored_metrics) == new_metrics

    def upsert_incident(self, incident: dict) -> dict:
        """Create or update an incident (keyed by incident_id); actions are appended."""
        state = incident.get("state", "open")
        if state not in INCIDENT_STATES:
            raise HistoryError("incident state must be one of %s, got %r" % (INCIDENT_STATES, state))
        now = incident.get("updated_at") or fnd.utc_now_iso()
        try:
            with self._transaction() as conn:
                row = conn.execute(
                    "SELECT * FROM incidents WHERE incident_id = ?", (incident["incident_id"],)
                ).fetchone()
                actions = (json.loads(row["actions"]) if row else []) + list(incident.get("actions", []))
                resolved_at = now if state == "resolved" else None
                conn.execute("DELETE FROM incidents WHERE incident_id = ?", (incident["incident_id"],))
                conn.execute(
                    "INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        incident["incident_id"],
                        incident.get("host") or (row["host"] if row else ""),
                        incident.get("subject") or (row["subject"] if row else ""),
                        incident.get("check") or (row["check_id"] if row else ""),
                        state,
                        incident.get("summary") or (row["summary"] if row else ""),
                        row["opened_at"] if row else now,
                        now,
                        resolved_at,
                        incident.get("resolved_by") if state == "resolved" else None,
                        incident.get("third_party") or (row["third_party"] if row else None),
                        _dumps(actions),
                    ),
                )
        except KeyError as exc:
            raise HistoryError("an incident needs %s" % exc) from None
        return self.incidents(incident_id=incident["incident_id"])[0]

    def incidents(self, state=None, incident_id: str | None = None, since: str | None = None) -> list:
        """Incidents, newest update first, filtered by state(s), id or update time."""
        where, params = [], []
        if state:
            states = [state] if isinstance(state, str) else list(state)
            where.append("state IN (%s)" % ",".join("?" * len(states)))
            params.extend(states)
        if incident_id:
            where.append("incident_id = ?")
            params.append(incident_id)
        if since:
            where.append("updated_at >= ?")
            params.append(fnd.utc_now_iso(fnd.parse_iso(since)))
        sql = "SELECT * FROM incidents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY updated_at DESC"
        rows = self.query(sql, params)
        return [dict(r, check=r["check_id"], actions=json.loads(r["actions"])) for r in rows]

    # -- reading ----------------------------------------------------------
    def query(self, sql: str, params=()):
        """Run a read-only SQL query; rows are mappings. For report queries.

        Write it in SQLite's dialect with ``?`` placeholders; on PostgreSQL the
        placeholders are translated (keep to SQL both understand)."""
        if self._pg is not None:
            return self._pg.query(sql, params)
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from None

    @staticmethod
    def _finding(row) -> dict:
        return {
            "run_id": row["run_id"],
            "activity": row["activity"],
            "check": row["check_id"],
            "host": row["host"],
            "subject": row["subject"],
            "status": row["status"],
            "summary": row["summary"],
            "details": json.loads(row["details"]),
            "evidence": json.loads(row["evidence"]),
            "suggested_actions": json.loads(row["suggested_actions"]),
            "observed_at": row["observed_at"],
        }

    def findings(self, since: str | None = None, until: str | None = None, status=None,
                 activity: int | None = None, run_id: str | None = None, limit: int | None = None) -> list:
        """Findings, newest first, filtered by time window, status(es), activity or run."""
        where, params = [], []
        if since:
            where.append("observed_at >= ?")
            params.append(fnd.utc_now_iso(fnd.parse_iso(since)))
        if until:
            where.append("observed_at < ?")
            params.append(fnd.utc_now_iso(fnd.parse_iso(until)))
        if status:
            statuses = [status] if isinstance(status, str) else list(status)
            where.append("status IN (%s)" % ",".join("?" * len(statuses)))
            params.extend(statuses)
        if activity is not None:
            where.append("activity = ?")
            params.append(int(activity))
        if run_id:
            where.append("run_id = ?")
            params.append(run_id)
        sql = "SELECT * FROM findings"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY observed_at DESC, id DESC"
        if limit:
            sql += " LIMIT %d" % int(limit)
        return [self._finding(r) for r in self.query(sql, params)]

    def latest_findings(self, activity: int | None = None) -> list:
        """The newest finding for each (check, subject, host)."""
        where, params = "", []
        if activity is not None:
            where, params = " WHERE activity = ?", [int(activity)]
        sql = (
            "SELECT * FROM (SELECT f.*, ROW_NUMBER() OVER (PARTITION BY check_id, subject, host"  # noqa: S608
            " ORDER BY observed_at DESC, id DESC) AS newest FROM findings f%s)"
            " AS latest WHERE newest = 1 ORDER BY activity, check_id, subject" % where
        )
        return [self._finding(r) for r in self.query(sql, params)]

    def last_completions(self) -> dict:
        """For each SOP activity: when it last finished with outcome completed."""
        rows = self.query(
            "SELECT activity, MAX(finished_at) AS finished_at FROM runs"
            " WHERE outcome = 'completed' GROUP BY activity"
        )
        return {int(r["activity"]): r["finished_at"] for r in rows}

    def compliance(self, now: datetime.datetime | None = None) -> list:
        """Each activity against the SOP's time standard (2 days for 1, 1 day for the rest)."""
        now = now or datetime.datetime.now(datetime.UTC)
        done = self.last_completions()
        rows = []
        for activity, name in fnd.ACTIVITIES.items():
            limit_days = fnd.TIME_STANDARD_DAYS[activity]
            last = done.get(activity)
            age_days = None
            if last:
                age_days = (now - fnd.parse_iso(last)).total_seconds() / 86400.0
            rows.append({
                "activity": activity,
                "name": name,
                "time_standard_days": limit_days,
                "last_completed": last,
                "age_days": None if age_days is None else round(age_days, 2),
                "within_standard": age_days is not None and age_days <= limit_days,
            })
        return rows

    def time_series(self, subject: str, name: str, since: str | None = None) -> list:
        """(observed_at, value) points of one metric of one subject, oldest first."""
        sql = "SELECT observed_at, value FROM metrics WHERE subject = ? AND name = ?"
        params = [subject, name]
        if since:
            sql += " AND observed_at >= ?"
            params.append(fnd.utc_now_iso(fnd.parse_iso(since)))
        sql += " ORDER BY observed_at, id"
        return [(r["observed_at"], r["value"]) for r in self.query(sql, params)]

    def runs(self, limit: int = 20) -> list:
        rows = self.query(
            "SELECT * FROM runs ORDER BY finished_at DESC, activity LIMIT ?", (int(limit),)
        )
        return [dict(r) for r in rows]


def new_run_id(now: datetime.datetime | None = None) -> str:
    """A run id sortable by time, unique enough for one controller."""
    now = now or datetime.datetime.now(datetime.UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-%06x" % (int.from_bytes(os.urandom(3), "big"))


def record_activity(activity: int, findings: list, metrics: list, hosts: list, run_id: str | None,
                    started_at: str | None, history_path: str, controller: str = "",
                    dry_run: bool = False) -> dict:
    """Record an activity's findings, adding an `unknown` finding for every
    targeted host that produced none (unreachable or failed)."""
    if activity not in fnd.ACTIVITIES:
        raise HistoryError("activity must be 1-7, got %r" % (activity,))
    findings = [f for f in findings if f.get("activity") == activity]
    for finding in findings:
        fnd.validate(finding)
    seen = {f["host"] for f in findings}
    for host in hosts:
        if host not in seen:
            findings.append(fnd.unreachable_finding(
                activity, host, "the host was unreachable or its tasks failed"))
    run_id = run_id or new_run_id()
    result = {"run_id": run_id, "history_path": describe_location(resolve_location(history_path)),
              "recorded": {"findings": len(findings), "metrics": len(metrics)}}
    if dry_run:
        result.update(outcome="not recorded (check mode)", changed=True,
                      worst_status=fnd.worst_status(f["status"] for f in findings))
        return result
    with HistoryStore(history_path) as store:
        stored = store.record(run_id, activity, findings, metrics, started_at=started_at,
                              hosts=hosts or None, controller=controller)
    result.update(outcome=stored["outcome"], worst_status=stored["worst_status"], changed=stored["changed"])
    return result
