# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store's schema and connection (used through history.HistoryStore).

Where the history lives (a SQLite file, or a PostgreSQL URL, see history_pg), the
versioned schema (MIGRATIONS, applied when a store is opened), and one connection
with its error messages, read queries and write transactions. The queries on the
tables are in history_read and history_incidents, the writing of a run in history.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3

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
    # 2: alerting (history_alerts): each check's confirmed state across runs, confirmed outages
    # (the report's uptime figures), the daily digest's queue and every message sent or not.
    """
    CREATE TABLE alert_state (
        check_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        host TEXT NOT NULL,
        confirmed TEXT NOT NULL,
        confirmed_at TEXT NOT NULL,
        pending TEXT,
        pending_count INTEGER NOT NULL,
        pending_since TEXT,
        last_status TEXT NOT NULL,
        last_observed_at TEXT NOT NULL,
        summary TEXT NOT NULL,
        PRIMARY KEY (check_id, subject)
    );
    CREATE TABLE alert_outages (
        id INTEGER PRIMARY KEY,
        check_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        host TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT
    );
    CREATE INDEX alert_outages_by_subject ON alert_outages (subject, started_at);
    CREATE TABLE alert_digest (
        id INTEGER PRIMARY KEY,
        item_key TEXT NOT NULL,
        activity INTEGER NOT NULL,
        check_id TEXT NOT NULL,
        host TEXT NOT NULL,
        subject TEXT NOT NULL,
        status TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        sent_at TEXT
    );
    CREATE INDEX alert_digest_by_key ON alert_digest (item_key, sent_at);
    CREATE TABLE alert_messages (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        route TEXT NOT NULL,
        channel TEXT NOT NULL,
        delivered INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        error TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE INDEX alert_messages_by_time ON alert_messages (created_at);
    CREATE TABLE alert_meta (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
]


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


def dumps(value) -> str:
    """JSON as stored in the text columns (sorted keys, so equal values store equal text)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


class HistoryConnection:
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
        if self.readonly and current >= 1:
            # An older schema still reads (a migration only adds tables, whose readers check the
            # version); the next activity that writes upgrades it.
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

    def query(self, sql: str, params=()):
        """Run a read-only SQL query; rows are mappings (and tuples).

        The store's own queries use it; other code asks the store's methods. Write
        it in SQLite's dialect with ``?`` placeholders; on PostgreSQL the
        placeholders are translated (keep to SQL both understand)."""
        if self._pg is not None:
            return self._pg.query(sql, params)
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise self._explain(exc) from None
